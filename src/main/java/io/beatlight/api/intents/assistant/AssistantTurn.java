package io.beatlight.api.intents.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.assistant.AssistantFailure;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowTools;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on a worker thread, as the provider sees it: the prompt, the conversation so far and the show as it
 * was when the prompt came. The provider answers into a {@link TurnOutput}; the reply and its proposals are then
 * finished on the engine thread. Read tools run on the engine thread too.
 */
final class AssistantTurn implements AssistantProvider.Turn, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AssistantTurn.class);
    private static final long READ_TOOL_TIMEOUT_S = 10;

    private final AssistantContext context;
    private final Conversation conversation;
    private final AssistantRequest request;
    private final String prompt;
    private final List<ObjectNode> history;
    private final ShowView show;

    AssistantTurn(AssistantContext context, Conversation conversation, AssistantRequest request, String prompt,
                  ShowView show) {
        this.context = context;
        this.conversation = conversation;
        this.request = request;
        this.prompt = prompt;
        this.history = conversation.history();
        this.show = show;
    }

    @Override
    public String prompt() {
        return prompt;
    }

    @Override
    public List<ObjectNode> history() {
        return history;
    }

    @Override
    public ShowView show() {
        return show;
    }

    @Override
    public boolean cancelled() {
        return request.isCancelled() || Thread.currentThread().isInterrupted();
    }

    @Override
    public ObjectNode readTool(String name, ObjectNode arguments) throws Exception {
        ShowEngine engine = context.engine();
        return engine.submit(() -> ShowTools.read(engine, name, arguments)).get(READ_TOOL_TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** On the worker: the provider answers the prompt. */
    @Override
    public void run() {
        TurnOutput output = new TurnOutput(this, request.events());
        try {
            context.provider().respond(this, output);
            if (cancelled()) {
                return; // the cancel has already reported it
            }
            context.engine().execute(() -> finish(output.reply(), output.proposals()));
        } catch (Exception | Error e) {
            if (!cancelled()) {
                failed(e);
            }
        }
    }

    /** A provider's failure ends the request with one llm_error, unless something else ended it first. */
    private void failed(Throwable e) {
        AssistantFailure failure = AssistantFailure.of(e);
        if (request.end()) {
            LOG.debug("assistant request {} failed", request.id(), e);
            request.events().queued().error(failure.code(), failure.detail(), failure.retryable());
        }
    }

    /** On the engine thread: proposals become pending actions, then the terminal event. */
    private void finish(String reply, List<Proposal> proposals) {
        if (!request.end()) {
            return;
        }
        RequestEvents events = request.events();
        for (Proposal proposal : proposals) {
            PendingAction action = new PendingAction(context.nextActionId(), request.id(), proposal);
            conversation.hold(action);
            events.proposed(action);
        }
        if (!proposals.isEmpty()) {
            events.status("awaiting_confirmation", "Awaiting confirmation");
        }
        events.done(proposals.isEmpty() ? "stop" : "proposal");
        events.log("reply", Json.object().put("text", reply).put("proposals", proposals.size()));
        if (!reply.isBlank()) { // a proposal-only turn is not recorded
            conversation.remember(prompt, reply);
        }
    }
}
