package io.beatlight.api.intents.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.Client;
import io.beatlight.tools.Proposal;
import io.beatlight.util.Json;

/**
 * What one request reports: its {@code llm_*} events, sent to the connection that made it
 * (docs/protocol.md#assistant-intents), and its lines in the assistant log. Events are sent at once, on the engine
 * thread; those of {@link #queued()} go through the engine thread's queue, so a worker may send them too.
 */
public final class RequestEvents {
    private final AssistantContext context;
    private final Client connection;
    private final String requestId;
    private final boolean queued;

    RequestEvents(AssistantContext context, Client connection, String requestId, boolean queued) {
        this.context = context;
        this.connection = connection;
        this.requestId = requestId;
        this.queued = queued;
    }

    /** The fields every {@code llm_*} event of a request carries. */
    public static ObjectNode data(String requestId) {
        return Json.object().put("domain", "llm").put("request_id", requestId);
    }

    /** The same events, sent from any thread in order with everything else the connection receives. */
    RequestEvents queued() {
        return new RequestEvents(context, connection, requestId, true);
    }

    String requestId() {
        return requestId;
    }

    void status(String phase, String label) {
        send("info", "llm_status", data(requestId).put("phase", phase).put("label", label)
                .put("assistant_id", context.provider().name()));
    }

    void delta(String text) {
        send("info", "llm_delta", data(requestId).put("delta", text).put("chunk", text).put("done", false));
    }

    void done(String finishReason) {
        send("info", "llm_done", data(requestId).put("finish_reason", finishReason).put("done", true)
                .put("chunk", ""));
    }

    void cancelled() {
        send("info", "llm_cancelled", data(requestId).put("done", true).put("chunk", ""));
        log("cancelled", null);
    }

    void proposed(PendingAction action) {
        Proposal proposal = action.proposal();
        ObjectNode event = data(requestId).put("action_id", action.id()).put("title", proposal.title())
                .put("summary", proposal.summary()).put("tool_name", proposal.toolName())
                .put("requires_confirmation", true);
        event.set("arguments", proposal.arguments());
        send("info", "llm_action_proposed", event);
        log("proposal", event.deepCopy());
    }

    void rejected(PendingAction action) {
        send("info", "llm_action_rejected", data(requestId).put("action_id", action.id())
                .put("tool_name", action.proposal().toolName()));
    }

    void applied(PendingAction action) {
        send("info", "llm_action_applied", data(requestId).put("action_id", action.id())
                .put("tool_name", action.proposal().toolName()));
    }

    /** An {@code llm_error} and its log line. */
    void error(String code, String detail, boolean retryable) {
        sendError(code, detail, retryable);
        log("error", Json.object().put("code", code).put("detail", detail));
    }

    /** The {@code llm_error} for an action id with no pending action; its log line names the action. */
    void unknownAction(String actionId) {
        sendError(Conversations.UNKNOWN_ACTION, "no pending action " + actionId, false);
        log("error", Json.object().put("code", Conversations.UNKNOWN_ACTION).put("action_id", actionId));
    }

    /** Appends {@code kind} and {@code fields} (may be null) for this request to the assistant log. */
    void log(String kind, ObjectNode fields) {
        context.log().append(kind, connection.describe(), requestId, fields);
    }

    private void sendError(String code, String detail, boolean retryable) {
        send("error", "llm_error", data(requestId).put("code", code).put("detail", detail).put("message", detail)
                .put("retryable", retryable));
    }

    private void send(String level, String message, ObjectNode data) {
        Runnable send = () -> context.clients().eventTo(connection, level, message, data);
        if (queued) {
            context.engine().execute(send);
        } else {
            send.run();
        }
    }
}
