package io.beatlight.api.intents.assistant;

import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.IntentException;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.WriteTools;
import io.beatlight.util.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The assistant's conversations, one per connection (docs/protocol.md#assistant-intents): starting a request on a
 * worker thread, cancelling it, deciding on its proposals, forgetting a conversation. Called on the engine thread;
 * everything that touches the show or a connection stays there.
 */
public final class Conversations implements AutoCloseable {
    public static final String UNKNOWN_ACTION = "unknown_action";
    public static final String ACTION_FAILED = "action_failed";

    private final AssistantContext context;
    private final Map<Client, Conversation> conversations = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "assistant");
        t.setDaemon(true);
        return t;
    });

    public Conversations(ShowEngine engine, ClientEvents clients, AssistantProvider provider, AssistantLog log) {
        this.context = new AssistantContext(engine, clients, provider, log);
    }

    public String providerName() {
        return context.provider().name();
    }

    /** The id of the connection's request that is still running, if any. */
    public Optional<String> runningRequest(Client connection) {
        return conversation(connection).running().map(AssistantRequest::id);
    }

    /** Starts answering the prompt on a worker; the outcome follows as events. */
    public void start(Client connection, String requestId, String prompt) {
        Conversation conversation = conversation(connection);
        AssistantRequest request = new AssistantRequest(context.events(connection, requestId));
        conversation.start(request);
        ShowView show = ShowView.of(context.engine());
        AssistantTurn turn = new AssistantTurn(context, conversation, request, prompt, show);
        request.events().log("prompt", Json.object().put("prompt", prompt).put("provider", providerName())
                .put("song", show.songId()));
        request.runsOn(workers.submit(turn));
    }

    /** Cancels the running request (only if it is {@code requestId}, when given); returns its id. */
    public Optional<String> cancel(Client connection, String requestId) {
        Optional<AssistantRequest> running = Optional.ofNullable(conversations.get(connection))
                .flatMap(Conversation::running).filter(r -> requestId == null || requestId.equals(r.id()));
        running.ifPresent(AssistantRequest::cancel);
        return running.map(AssistantRequest::id);
    }

    /** Removes the pending action so it is decided only once (of {@code requestId}, when given). */
    public Optional<PendingAction> takeAction(Client connection, String actionId, String requestId) {
        return Optional.ofNullable(conversations.get(connection)).flatMap(c -> c.take(actionId, requestId));
    }

    /** Reports an action id with no pending action ({@code llm_error} and the log); returns the error to throw. */
    public IntentException unknownAction(Client connection, String requestId, String actionId) {
        context.events(connection, requestId).unknownAction(actionId);
        return new IntentException(UNKNOWN_ACTION, "no pending action '" + actionId + "' for this connection",
                "action_id", Json.object().put("action_id", actionId));
    }

    public void reject(Client connection, PendingAction action) {
        RequestEvents events = decided(connection, action, false);
        events.rejected(action);
    }

    /** Applies the action through the write tools, like the cue intents; returns its summary. */
    public String confirm(Client connection, PendingAction action) throws IntentException {
        RequestEvents events = decided(connection, action, true);
        String summary = apply(events, action.proposal());
        events.applied(action);
        events.delta(summary);
        events.done("stop");
        events.log("applied", Json.object().put("action_id", action.id()).put("summary", summary));
        return summary;
    }

    /** Logs the user's decision; returns the events of the request that proposed the action. */
    private RequestEvents decided(Client connection, PendingAction action, boolean accepted) {
        RequestEvents events = context.events(connection, action.requestId());
        events.log("decision", Json.object().put("action_id", action.id())
                .put("tool_name", action.proposal().toolName()).put("accepted", accepted));
        return events;
    }

    /** A refusal of the write tools fails the action, with an llm_error that follows the failed reply. */
    private String apply(RequestEvents events, Proposal proposal) throws IntentException {
        events.status("applying_action", "Applying " + proposal.toolName());
        try {
            return WriteTools.apply(context.engine(), proposal.toolName(), proposal.arguments());
        } catch (IntentException e) {
            events.queued().error(ACTION_FAILED, e.getMessage(), false);
            throw new IntentException(ACTION_FAILED, "the action could not be applied: " + e.getMessage(),
                    e.field(), e.details());
        }
    }

    /** Forgets the conversation and its pending actions; a running request is cancelled. */
    public void clear(Client connection) {
        Conversation conversation = conversations.remove(connection);
        if (conversation != null) {
            conversation.cancelLatest();
        }
    }

    /** A closed connection's request is stopped and its conversation and pending actions dropped. */
    public void connectionClosed(Client connection) {
        context.engine().execute(() -> {
            Conversation conversation = conversations.remove(connection);
            if (conversation != null) {
                conversation.stopLatest();
            }
        });
    }

    private Conversation conversation(Client connection) {
        return conversations.computeIfAbsent(connection, c -> new Conversation());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        context.log().close();
    }
}
