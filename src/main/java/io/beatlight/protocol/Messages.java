package io.beatlight.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/** Builders for the server → client envelopes (docs/protocol.md#envelopes). */
public final class Messages {
    private Messages() {
    }

    public static ObjectNode snapshot(long seq, ObjectNode state) {
        ObjectNode msg = Json.object().put("type", "snapshot").put("seq", seq);
        msg.set("state", state);
        return msg;
    }

    public static ObjectNode patch(long seq, ArrayNode changes) {
        ObjectNode msg = Json.object().put("type", "patch").put("seq", seq);
        msg.set("changes", changes);
        return msg;
    }

    public static ObjectNode event(String level, String message, ObjectNode data) {
        ObjectNode msg = Json.object().put("type", "event").put("level", level).put("message", message);
        if (data != null) {
            msg.set("data", data);
        }
        return msg;
    }

    /** A successful reply; the seq is filled in when it is sent. */
    public static ObjectNode ok(String reqId, String name, ObjectNode data) {
        ObjectNode msg = Json.object().put("type", "reply").put("req_id", reqId).put("name", name).put("ok", true);
        msg.set("data", data == null ? Json.object() : data);
        return msg;
    }

    public static ObjectNode error(String reqId, String name, String code, String message, String field,
                                   ObjectNode details) {
        ObjectNode msg = Json.object().put("type", "reply").put("req_id", reqId).put("name", name).put("ok", false);
        ObjectNode error = msg.putObject("error").put("code", code).put("message", message);
        if (field != null) {
            error.put("field", field);
        }
        if (details != null) {
            error.set("details", details);
        }
        return msg;
    }
}
