package io.beatlight.api.intents.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.tools.Proposal;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a provider's output goes, on the worker: status and deltas straight to the connection, the reply and the
 * proposals collected for the end of the turn, tool calls to the log. Nothing is sent once the turn is cancelled.
 */
final class TurnOutput implements AssistantProvider.Sink {
    private final StringBuilder reply = new StringBuilder();
    private final List<Proposal> proposals = new ArrayList<>();
    private final AssistantProvider.Turn turn;
    private final RequestEvents events;

    TurnOutput(AssistantProvider.Turn turn, RequestEvents events) {
        this.turn = turn;
        this.events = events.queued();
    }

    String reply() {
        return reply.toString();
    }

    List<Proposal> proposals() {
        return proposals;
    }

    @Override
    public void status(String phase, String label) {
        if (!turn.cancelled()) {
            events.status(phase, label);
        }
    }

    @Override
    public void delta(String text) {
        if (!turn.cancelled() && !text.isEmpty()) {
            reply.append(text);
            events.delta(text);
        }
    }

    @Override
    public void propose(Proposal proposal) {
        if (!turn.cancelled()) {
            proposals.add(proposal);
        }
    }

    @Override
    public void toolCalled(String name, ObjectNode arguments, ObjectNode result) {
        ObjectNode fields = Json.object().put("tool", name);
        fields.set("arguments", arguments);
        fields.set("result", result);
        events.log("tool_call", fields);
    }
}
