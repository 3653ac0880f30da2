package io.beatlight.api.intents;

import io.beatlight.api.intents.assistant.Conversations;
import io.beatlight.api.intents.assistant.PendingAction;
import io.beatlight.api.intents.assistant.RequestEvents;
import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import java.util.Optional;

/**
 * {@code llm.*} (docs/protocol.md#assistant-intents): one conversation per connection, one request at a time (a second
 * prompt while one runs is refused with {@code assistant_busy}), replies streamed as {@code llm_*} events, writes held
 * as proposals until the user confirms them. The conversations themselves, their requests and their events are
 * {@link Conversations}'.
 */
public final class LlmIntents implements AutoCloseable {
    public static final String ASSISTANT_BUSY = "assistant_busy";
    private static final int MAX_PROMPT_CHARS = 20_000;

    private final Conversations conversations;

    public LlmIntents(ShowEngine engine, ClientEvents clients, AssistantProvider provider, AssistantLog log) {
        this.conversations = new Conversations(engine, clients, provider, log);
    }

    public void register(IntentRegistry registry) {
        registry.register("llm.send_prompt", this::sendPrompt);
        registry.register("llm.cancel", this::cancel);
        registry.register("llm.confirm_action", ctx -> decide(ctx, true));
        registry.register("llm.reject_action", ctx -> decide(ctx, false));
        registry.register("llm.clear_conversation", this::clearConversation);
    }

    private IntentOutcome sendPrompt(IntentContext ctx) throws IntentException {
        String prompt = ctx.payload().optionalString("prompt").map(String::trim).orElse("");
        if (prompt.isEmpty()) {
            // clients of the later reference also get llm_error prompt_required
            ctx.eventToRequester("error", "llm_error", RequestEvents.data(ctx.reqId()).put("code", "prompt_required")
                    .put("retryable", false).put("detail", "prompt must not be empty")
                    .put("message", "prompt must not be empty"));
            throw IntentException.invalid("prompt", "prompt must be a non-empty string");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw IntentException.invalid("prompt", "prompt is longer than 20000 characters");
        }
        Optional<String> running = conversations.runningRequest(ctx.requester());
        if (running.isPresent()) {
            throw new IntentException(ASSISTANT_BUSY, "the assistant is still answering request " + running.get()
                    + "; wait for it or send llm.cancel", null, Json.object().put("request_id", running.get()));
        }
        conversations.start(ctx.requester(), ctx.reqId(), prompt);
        return IntentOutcome.unchanged(Json.object().put("request_id", ctx.reqId())
                .put("provider", conversations.providerName()));
    }

    private IntentOutcome cancel(IntentContext ctx) throws IntentException {
        String requestId = ctx.payload().optionalString("request_id").orElse(null);
        Optional<String> cancelled = conversations.cancel(ctx.requester(), requestId);
        if (cancelled.isEmpty()) {
            return IntentOutcome.unchanged(Json.object().put("cancelled", false));
        }
        return IntentOutcome.unchanged(Json.object().put("cancelled", true).put("request_id", cancelled.get()));
    }

    private IntentOutcome decide(IntentContext ctx, boolean accept) throws IntentException {
        String requestId = ctx.payload().optionalString("request_id").orElse(null);
        String actionId = ctx.payload().requireId("action_id");
        Client requester = ctx.requester();
        PendingAction action = conversations.takeAction(requester, actionId, requestId).orElseThrow(() ->
                conversations.unknownAction(requester, requestId == null ? ctx.reqId() : requestId, actionId));
        if (!accept) {
            conversations.reject(requester, action);
            return IntentOutcome.unchanged(Json.object().put("action_id", actionId).put("rejected", true));
        }
        String summary = conversations.confirm(requester, action);
        return IntentOutcome.changed(Json.object().put("action_id", actionId).put("applied", true)
                .put("summary", summary));
    }

    private IntentOutcome clearConversation(IntentContext ctx) {
        conversations.clear(ctx.requester());
        ctx.eventToRequester("info", "llm_conversation_cleared", Json.object().put("domain", "llm")
                .put("cleared", true));
        return IntentOutcome.unchanged(Json.object().put("cleared", true));
    }

    /** A closed connection's request is cancelled and its conversation and pending actions dropped. */
    public void connectionClosed(Client connection) {
        conversations.connectionClosed(connection);
    }

    @Override
    public void close() {
        conversations.close();
    }
}
