package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.Comparator;
import java.util.List;

/** Small pieces the helpers share: an effect row, a definition, fixture picks, the usual failures. */
final class Rows {
    private Rows() {
    }

    static ObjectNode effect(double time, String fixtureId, String effect, double duration, ObjectNode data) {
        ObjectNode row = Json.object();
        row.set("time", Json.number(time));
        row.put("fixture_id", fixtureId).put("effect", effect);
        row.set("duration", Json.number(duration));
        row.set("data", data == null ? Json.object() : data);
        return row;
    }

    static ObjectNode definition(String id, String label, String description, String mode, ArrayNode parameters) {
        ObjectNode d = Json.object().put("id", id).put("label", label).put("description", description)
                .put("mode", mode);
        d.set("parameters", parameters == null ? Json.array() : parameters);
        return d;
    }

    /** The fixtures of a type that render {@code effect}, left to right (then by id). */
    static List<ShowView.FixtureInfo> ofType(ShowView show, String type, String effect) {
        return show.fixtures().stream().filter(f -> type.equals(f.type()) && f.supports(effect))
                .sorted(Comparator.comparingDouble(ShowView.FixtureInfo::x).thenComparing(ShowView.FixtureInfo::id))
                .toList();
    }

    static IntentException beatsUnavailable() {
        return new IntentException(ErrorCode.BEATS_UNAVAILABLE, "the song has neither beats nor a bpm")
                .because("beats_unavailable");
    }

    static IntentException bpmUnavailable() {
        return new IntentException(ErrorCode.BPM_UNAVAILABLE, "the song has no bpm").because("bpm_unavailable");
    }

    /** The rig or song lacks what the helper needs: {@code helper_failed} with the reference's reason. */
    static IntentException failed(String reason, String message) {
        return new IntentException(ErrorCode.HELPER_FAILED, message, null, Json.object().put("reason", reason))
                .because(reason);
    }
}
