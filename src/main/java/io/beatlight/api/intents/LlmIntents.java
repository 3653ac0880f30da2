package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.assistant.AssistantFailure;
import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.IntentException;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowTools;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.WriteTools;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code llm.*} (docs/protocol.md#assistant-intents): one conversation per connection, one request at a time (a second
 * prompt while one runs is refused with {@code assistant_busy}), replies streamed as session-scoped {@code llm_*}
 * events, writes held as proposals until the user confirms them, then applied through {@link WriteTools}. Providers run
 * on worker threads; everything that touches the show or a connection goes through the engine thread.
 */
public final class LlmIntents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LlmIntents.class);
    public static final int HISTORY_LIMIT = 12;
    public static final int MAX_PENDING = 20;
    public static final String ASSISTANT_BUSY = "assistant_busy";
    public static final String UNKNOWN_ACTION = "unknown_action";
    public static final String ACTION_FAILED = "action_failed";

    private final ShowEngine engine;
    private final ClientEvents clients;
    private final AssistantProvider provider;
    private final AssistantLog log;
    private final Map<Client, Session> sessions = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "assistant");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong actions = new AtomicLong();

    /** A conversation; touched on the engine thread except {@link Request#cancelled}. */
    private static final class Session {
        final List<ObjectNode> history = new ArrayList<>();
        final Map<String, Pending> pending = new LinkedHashMap<>();
        Request active;
    }

    private static final class Request {
        final String id;
        final AtomicBoolean cancelled = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile Future<?> future;

        Request(String id) {
            this.id = id;
        }
    }

    private record Pending(String requestId, Proposal proposal) {
    }

    public LlmIntents(ShowEngine engine, ClientEvents clients, AssistantProvider provider, AssistantLog log) {
        this.engine = engine;
        this.clients = clients;
        this.provider = provider;
        this.log = log;
    }

    public void register(IntentRegistry registry) {
        registry.register("llm.send_prompt", this::sendPrompt);
        registry.register("llm.cancel", this::cancel);
        registry.register("llm.confirm_action", ctx -> decide(ctx, true));
        registry.register("llm.reject_action", ctx -> decide(ctx, false));
        registry.register("llm.clear_conversation", this::clearConversation);
    }

    // ---- events --------------------------------------------------------------------------------------------------

    private static ObjectNode data(String requestId) {
        return Json.object().put("domain", "llm").put("request_id", requestId);
    }

    /** Sends an llm_* event to the connection, from any thread, in order with everything else it receives. */
    private void emit(Client to, String level, String message, ObjectNode data) {
        engine.execute(() -> clients.eventTo(to, level, message, data));
    }

    private void status(Client to, String requestId, String phase, String label) {
        emit(to, "info", "llm_status", data(requestId).put("phase", phase).put("label", label)
                .put("assistant_id", provider.name()));
    }

    private void delta(Client to, String requestId, String text) {
        emit(to, "info", "llm_delta", data(requestId).put("delta", text).put("chunk", text).put("done", false));
    }

    private void done(Client to, String requestId, String finishReason) {
        emit(to, "info", "llm_done", data(requestId).put("finish_reason", finishReason).put("done", true)
                .put("chunk", ""));
    }

    private void error(Client to, String requestId, String code, String detail, boolean retryable) {
        emit(to, "error", "llm_error", data(requestId).put("code", code).put("detail", detail)
                .put("message", detail).put("retryable", retryable));
        log.append("error", to.describe(), requestId, Json.object().put("code", code).put("detail", detail));
    }

    // ---- intents -------------------------------------------------------------------------------------------------

    private Session session(Client connection) {
        return sessions.computeIfAbsent(connection, c -> new Session());
    }

    private IntentOutcome sendPrompt(IntentContext ctx) throws IntentException {
        String prompt = ctx.payload().optionalString("prompt").map(String::trim).orElse("");
        if (prompt.isEmpty()) {
            // clients of the later reference also get llm_error prompt_required
            ctx.eventToRequester("error", "llm_error", data(ctx.reqId()).put("code", "prompt_required")
                    .put("retryable", false).put("detail", "prompt must not be empty")
                    .put("message", "prompt must not be empty"));
            throw IntentException.invalid("prompt", "prompt must be a non-empty string");
        }
        if (prompt.length() > 20_000) {
            throw IntentException.invalid("prompt", "prompt is longer than 20000 characters");
        }
        Client connection = ctx.requester();
        Session session = session(connection);
        if (session.active != null && !session.active.finished.get()) {
            throw new IntentException(ASSISTANT_BUSY, "the assistant is still answering request "
                    + session.active.id + "; wait for it or send llm.cancel", null,
                    Json.object().put("request_id", session.active.id));
        }
        Request request = new Request(ctx.reqId());
        session.active = request;
        ShowView show = ShowView.of(engine);
        List<ObjectNode> history = List.copyOf(session.history);
        log.append("prompt", connection.describe(), request.id, Json.object().put("prompt", prompt)
                .put("provider", provider.name()).put("song", show.songId()));
        request.future = workers.submit(() -> run(connection, session, request, prompt, history, show));
        return IntentOutcome.unchanged(Json.object().put("request_id", request.id).put("provider", provider.name()));
    }

    /** On a worker: the provider answers the prompt; its reply and proposals are then finished on the engine. */
    private void run(Client connection, Session session, Request request, String prompt,
                     List<ObjectNode> history, ShowView show) {
        RequestTurn turn = new RequestTurn(request, prompt, history, show);
        ConnectionSink sink = new ConnectionSink(connection, request, turn);
        try {
            provider.respond(turn, sink);
            if (turn.cancelled()) {
                return; // cancel() has already reported it
            }
            engine.execute(() -> finish(connection, session, request, prompt, sink.reply.toString(),
                    sink.proposals));
        } catch (Exception | Error e) {
            if (!turn.cancelled()) {
                failed(connection, request, e);
            }
        }
    }

    /** A provider's failure ends the request with one llm_error, unless something else ended it first. */
    private void failed(Client connection, Request request, Throwable e) {
        AssistantFailure failure = AssistantFailure.of(e);
        if (request.finished.compareAndSet(false, true)) {
            LOG.debug("assistant request {} failed", request.id, e);
            error(connection, request.id, failure.code(), failure.detail(), failure.retryable());
        }
    }

    /** One request as the provider sees it; read tools run on the engine thread. */
    private final class RequestTurn implements AssistantProvider.Turn {
        private final Request request;
        private final String prompt;
        private final List<ObjectNode> history;
        private final ShowView show;

        RequestTurn(Request request, String prompt, List<ObjectNode> history, ShowView show) {
            this.request = request;
            this.prompt = prompt;
            this.history = history;
            this.show = show;
        }

        public String prompt() {
            return prompt;
        }

        public List<ObjectNode> history() {
            return history;
        }

        public ShowView show() {
            return show;
        }

        public boolean cancelled() {
            return request.cancelled.get() || Thread.currentThread().isInterrupted();
        }

        public ObjectNode readTool(String name, ObjectNode arguments) throws Exception {
            return engine.submit(() -> ShowTools.read(engine, name, arguments)).get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Where a provider's output goes: status and deltas straight to the connection, the reply and the proposals
     * collected for {@link #finish}, tool calls to the log. Nothing is sent once the request is cancelled.
     */
    private final class ConnectionSink implements AssistantProvider.Sink {
        final StringBuilder reply = new StringBuilder();
        final List<Proposal> proposals = new ArrayList<>();
        private final Client connection;
        private final Request request;
        private final AssistantProvider.Turn turn;

        ConnectionSink(Client connection, Request request, AssistantProvider.Turn turn) {
            this.connection = connection;
            this.request = request;
            this.turn = turn;
        }

        public void status(String phase, String label) {
            if (!turn.cancelled()) {
                LlmIntents.this.status(connection, request.id, phase, label);
            }
        }

        public void delta(String text) {
            if (!turn.cancelled() && !text.isEmpty()) {
                reply.append(text);
                LlmIntents.this.delta(connection, request.id, text);
            }
        }

        public void propose(Proposal proposal) {
            if (!turn.cancelled()) {
                proposals.add(proposal);
            }
        }

        public void toolCalled(String name, ObjectNode arguments, ObjectNode result) {
            ObjectNode fields = Json.object().put("tool", name);
            fields.set("arguments", arguments);
            fields.set("result", result);
            log.append("tool_call", connection.describe(), request.id, fields);
        }
    }

    /** On the engine thread: proposals become pending actions, then the terminal event. */
    private void finish(Client connection, Session session, Request request, String prompt, String reply,
                        List<Proposal> proposals) {
        if (!request.finished.compareAndSet(false, true)) {
            return;
        }
        for (Proposal proposal : proposals) {
            holdProposal(connection, session, request, proposal);
        }
        if (!proposals.isEmpty()) {
            clients.eventTo(connection, "info", "llm_status", data(request.id).put("phase",
                    "awaiting_confirmation").put("label", "Awaiting confirmation").put("assistant_id",
                    provider.name()));
        }
        clients.eventTo(connection, "info", "llm_done", data(request.id).put("finish_reason",
                proposals.isEmpty() ? "stop" : "proposal").put("done", true).put("chunk", ""));
        log.append("reply", connection.describe(), request.id, Json.object().put("text", reply)
                .put("proposals", proposals.size()));
        // history: a proposal-only turn is not recorded
        if (!reply.isBlank()) {
            remember(session, prompt, reply);
        }
    }

    /** A proposal becomes a pending action of the session, announced to the connection with llm_action_proposed. */
    private void holdProposal(Client connection, Session session, Request request, Proposal proposal) {
        String actionId = "act-" + actions.incrementAndGet();
        session.pending.put(actionId, new Pending(request.id, proposal));
        while (session.pending.size() > MAX_PENDING) { // a forgotten proposal expires, oldest first
            session.pending.remove(session.pending.keySet().iterator().next());
        }
        ObjectNode event = data(request.id).put("action_id", actionId).put("title", proposal.title())
                .put("summary", proposal.summary()).put("tool_name", proposal.toolName())
                .put("requires_confirmation", true);
        event.set("arguments", proposal.arguments());
        clients.eventTo(connection, "info", "llm_action_proposed", event);
        log.append("proposal", connection.describe(), request.id, event.deepCopy());
    }

    /** The prompt and the reply join the conversation; the oldest turns go past the limit. */
    private static void remember(Session session, String prompt, String reply) {
        session.history.add(Json.object().put("role", "user").put("content", prompt));
        session.history.add(Json.object().put("role", "assistant").put("content", reply));
        while (session.history.size() > HISTORY_LIMIT) {
            session.history.remove(0);
        }
    }

    private IntentOutcome cancel(IntentContext ctx) throws IntentException {
        Session session = sessions.get(ctx.requester());
        String wanted = ctx.payload().optionalString("request_id").orElse(null);
        Request active = session == null ? null : session.active;
        if (active == null || active.finished.get() || (wanted != null && !wanted.equals(active.id))) {
            return IntentOutcome.unchanged(Json.object().put("cancelled", false));
        }
        cancel(ctx.requester(), active);
        return IntentOutcome.unchanged(Json.object().put("cancelled", true).put("request_id", active.id));
    }

    /** Stops a request: the worker is interrupted (which aborts a model call) and exactly one llm_cancelled. */
    private void cancel(Client connection, Request request) {
        request.cancelled.set(true);
        Future<?> future = request.future;
        if (future != null) {
            future.cancel(true);
        }
        if (request.finished.compareAndSet(false, true)) {
            clients.eventTo(connection, "info", "llm_cancelled", data(request.id).put("done", true)
                    .put("chunk", ""));
            log.append("cancelled", connection.describe(), request.id, null);
        }
    }

    private IntentOutcome decide(IntentContext ctx, boolean accept) throws IntentException {
        String requestId = ctx.payload().optionalString("request_id").orElse(null);
        String actionId = ctx.payload().requireId("action_id");
        Session session = sessions.get(ctx.requester());
        Pending pending = session == null ? null : session.pending.get(actionId);
        if (pending == null || (requestId != null && !requestId.equals(pending.requestId()))) {
            throw unknownAction(ctx, requestId == null ? ctx.reqId() : requestId, actionId);
        }
        session.pending.remove(actionId);
        String rid = pending.requestId();
        Proposal proposal = pending.proposal();
        ObjectNode decision = Json.object().put("action_id", actionId).put("tool_name", proposal.toolName())
                .put("accepted", accept);
        log.append("decision", ctx.requester().describe(), rid, decision);
        if (!accept) {
            clients.eventTo(ctx.requester(), "info", "llm_action_rejected", data(rid).put("action_id", actionId)
                    .put("tool_name", proposal.toolName()));
            return IntentOutcome.unchanged(Json.object().put("action_id", actionId).put("rejected", true));
        }
        String summary = apply(ctx.requester(), rid, proposal);
        clients.eventTo(ctx.requester(), "info", "llm_action_applied", data(rid).put("action_id", actionId)
                .put("tool_name", proposal.toolName()));
        clients.eventTo(ctx.requester(), "info", "llm_delta", data(rid).put("delta", summary)
                .put("chunk", summary).put("done", false));
        clients.eventTo(ctx.requester(), "info", "llm_done", data(rid).put("finish_reason", "stop")
                .put("done", true).put("chunk", ""));
        log.append("applied", ctx.requester().describe(), rid, Json.object().put("action_id", actionId)
                .put("summary", summary));
        return IntentOutcome.changed(Json.object().put("action_id", actionId).put("applied", true)
                .put("summary", summary));
    }

    /** Reports an action id with no pending action (llm_error and the log); returns the error to throw. */
    private IntentException unknownAction(IntentContext ctx, String rid, String actionId) {
        clients.eventTo(ctx.requester(), "error", "llm_error", data(rid).put("code", UNKNOWN_ACTION)
                .put("detail", "no pending action " + actionId).put("message", "no pending action " + actionId)
                .put("retryable", false));
        log.append("error", ctx.requester().describe(), rid, Json.object().put("code", UNKNOWN_ACTION)
                .put("action_id", actionId));
        return new IntentException(UNKNOWN_ACTION, "no pending action '" + actionId + "' for this connection",
                "action_id", Json.object().put("action_id", actionId));
    }

    /** Applies an accepted proposal through the write tools and returns its summary; a refusal is an llm_error. */
    private String apply(Client connection, String rid, Proposal proposal) throws IntentException {
        clients.eventTo(connection, "info", "llm_status", data(rid).put("phase", "applying_action")
                .put("label", "Applying " + proposal.toolName()).put("assistant_id", provider.name()));
        try {
            return WriteTools.apply(engine, proposal.toolName(), proposal.arguments());
        } catch (IntentException e) {
            error(connection, rid, ACTION_FAILED, e.getMessage(), false);
            throw new IntentException(ACTION_FAILED, "the action could not be applied: " + e.getMessage(),
                    e.field(), e.details());
        }
    }

    private IntentOutcome clearConversation(IntentContext ctx) {
        Session session = sessions.remove(ctx.requester());
        if (session != null && session.active != null) {
            cancel(ctx.requester(), session.active);
        }
        clients.eventTo(ctx.requester(), "info", "llm_conversation_cleared", Json.object().put("domain", "llm")
                .put("cleared", true));
        return IntentOutcome.unchanged(Json.object().put("cleared", true));
    }

    /** A closed connection's request is cancelled and its conversation and pending actions dropped. */
    public void connectionClosed(Client connection) {
        engine.execute(() -> {
            Session session = sessions.remove(connection);
            if (session != null && session.active != null) {
                session.active.cancelled.set(true);
                Future<?> future = session.active.future;
                if (future != null) {
                    future.cancel(true);
                }
            }
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        log.close();
    }
}
