package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/**
 * What a handled intent did: whether show state changed (the reply then waits for the patch that carries it) and
 * the {@code reply.data}.
 */
public record IntentOutcome(boolean changed, ObjectNode data) {
    public static IntentOutcome changed(ObjectNode data) {
        return new IntentOutcome(true, data == null ? Json.object() : data);
    }

    public static IntentOutcome unchanged(ObjectNode data) {
        return new IntentOutcome(false, data == null ? Json.object() : data);
    }
}
