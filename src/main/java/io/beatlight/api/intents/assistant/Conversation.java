package io.beatlight.api.intents.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection's conversation: its last messages, its latest request and the proposals awaiting a decision.
 * Engine thread only; memory only.
 */
final class Conversation {
    static final int HISTORY_LIMIT = 12;
    static final int MAX_PENDING = 20;

    private final List<ObjectNode> history = new ArrayList<>();
    private final Map<String, PendingAction> pending = new LinkedHashMap<>();
    private AssistantRequest latest;

    /** The request still running, if any: one at a time per conversation. */
    Optional<AssistantRequest> running() {
        return Optional.ofNullable(latest).filter(AssistantRequest::isRunning);
    }

    void start(AssistantRequest request) {
        latest = request;
    }

    /** The conversation so far, as the provider reads it (role/content objects). */
    List<ObjectNode> history() {
        return List.copyOf(history);
    }

    /** The prompt and the reply join the conversation; the oldest messages go past the limit. */
    void remember(String prompt, String reply) {
        history.add(Json.object().put("role", "user").put("content", prompt));
        history.add(Json.object().put("role", "assistant").put("content", reply));
        while (history.size() > HISTORY_LIMIT) {
            history.remove(0);
        }
    }

    /** Holds an action until the user decides; a forgotten one expires, oldest first. */
    void hold(PendingAction action) {
        pending.put(action.id(), action);
        while (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
    }

    /** Removes and returns the pending action, if there is one of that id (and of that request, when given). */
    Optional<PendingAction> take(String actionId, String requestId) {
        PendingAction action = pending.get(actionId);
        if (action == null || (requestId != null && !requestId.equals(action.requestId()))) {
            return Optional.empty();
        }
        pending.remove(actionId);
        return Optional.of(action);
    }

    /** Cancels the latest request; {@code llm_cancelled} only if it was still running. */
    void cancelLatest() {
        if (latest != null) {
            latest.cancel();
        }
    }

    /** Stops the latest request without a word, for a connection that is gone. */
    void stopLatest() {
        if (latest != null) {
            latest.stop();
        }
    }
}
