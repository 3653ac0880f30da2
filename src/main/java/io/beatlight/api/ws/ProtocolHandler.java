package io.beatlight.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.FailureEvents;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.api.intents.IntentHandler;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.engine.RenderFailedException;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ClientProfile;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Messages;
import io.beatlight.protocol.Payload;
import io.beatlight.util.Json;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /ws message layer: parses envelopes (docs/protocol.md#envelopes) on the socket thread, then runs every request on
 * the engine thread, in arrival order. Every intent gets exactly one reply; malformed input gets an error and changes
 * nothing; a handler failure never closes the connection.
 */
public final class ProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);
    /** Larger text messages are refused with {@code message_too_large}; the connection stays open. */
    public static final int MAX_MESSAGE_CHARS = 1 << 20;
    public static final int MAX_REQ_ID_LENGTH = 128;

    private final ShowEngine engine;
    private final ClientHub hub;
    private final Broadcaster broadcaster;
    private final IntentRegistry registry;
    private final AtomicLong generatedIds = new AtomicLong();
    private volatile ClientProfile.Setting profiles = ClientProfile.Setting.AUTO;

    public ProtocolHandler(ShowEngine engine, ClientHub hub, Broadcaster broadcaster, IntentRegistry registry) {
        this.engine = engine;
        this.hub = hub;
        this.broadcaster = broadcaster;
        this.registry = registry;
    }

    /** {@code --client-profile}: auto (per connection), or one profile for every connection. */
    public ProtocolHandler clientProfiles(ClientProfile.Setting setting) {
        this.profiles = setting;
        return this;
    }

    /** Registers the connection and sends its first snapshot. */
    public void opened(ClientConnection connection) {
        engine.execute(() -> {
            connection.profile(profiles.initial());
            hub.register(connection);
            broadcaster.sendSnapshot(connection);
        });
    }

    private final List<Consumer<ClientConnection>> closeListeners = new CopyOnWriteArrayList<>();

    /** Called (on the socket thread) whenever a connection closes. */
    public void onClose(Consumer<ClientConnection> listener) {
        closeListeners.add(listener);
    }

    public void closed(ClientConnection connection) {
        hub.unregister(connection);
        closeListeners.forEach(l -> l.accept(connection));
        connection.close(1000, "closed");
    }

    /**
     * Called on the socket thread for every text frame. A message over the connection's limits is refused here,
     * without reaching the engine ({@link InboundLimit}).
     */
    public void received(ClientConnection connection, String text) {
        InboundLimit limit = connection.inbound();
        InboundLimit.Verdict verdict = limit.admit(System.nanoTime());
        if (verdict != InboundLimit.Verdict.ADMIT) {
            refuse(connection, text, verdict);
            return;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            onEngine(connection, () -> envelopeError(connection, null, null, ErrorCode.MESSAGE_TOO_LARGE,
                    "message of " + text.length() + " characters exceeds the limit of " + MAX_MESSAGE_CHARS,
                    "error", "message_too_large", Json.object().put("max_chars", MAX_MESSAGE_CHARS)));
            return;
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            onEngine(connection, () -> envelopeError(connection, null, null, ErrorCode.INVALID_JSON,
                    "message is not valid JSON: " + e.getOriginalMessage(), "error", "invalid_json", null));
            return;
        }
        onEngine(connection, () -> dispatch(connection, message));
    }

    /** Runs an admitted message on the engine and gives its place in the connection's queue back afterwards. */
    private void onEngine(ClientConnection connection, Runnable task) {
        try {
            engine.execute(() -> {
                try {
                    task.run();
                } finally {
                    connection.inbound().done();
                }
            });
        } catch (RuntimeException e) {
            connection.inbound().done(); // the engine has stopped
            throw e;
        }
    }

    /** Answers a message over the limits with {@code rate_limited} (its req_id when it has one), or closes. */
    private void refuse(ClientConnection connection, String text, InboundLimit.Verdict verdict) {
        InboundLimit limit = connection.inbound();
        if (verdict == InboundLimit.Verdict.CLOSE) {
            LOG.warn("Client {} sent more than {} messages a second over its limit; closing",
                    connection.describe(), 2 * limit.perSecond());
            connection.close(1008, "too many messages: more than " + limit.perSecond() + " a second");
            return;
        }
        String reqId = null;
        String name = null;
        if (text.length() <= MAX_MESSAGE_CHARS) {
            try {
                JsonNode message = Json.MAPPER.readTree(text);
                if (message != null && message.path("req_id").isTextual()
                        && message.get("req_id").asText().length() <= MAX_REQ_ID_LENGTH) {
                    reqId = message.get("req_id").asText();
                }
                name = message != null && message.path("name").isTextual() ? message.get("name").asText() : null;
            } catch (JsonProcessingException e) {
                // refused either way; without a req_id
            }
        }
        ObjectNode details = Json.object().put("max_per_second", limit.perSecond())
                .put("max_queued", InboundLimit.MAX_QUEUED);
        ObjectNode reply = Messages.error(reqId, name, ErrorCode.RATE_LIMITED, "too many messages: at most "
                + limit.perSecond() + " a second (bursts of " + 2 * limit.perSecond() + ") and "
                + InboundLimit.MAX_QUEUED + " waiting; this one was not run", null, details);
        reply.put("seq", broadcaster.seq());
        connection.sendOrClose(Json.write(reply));
    }

    private void dispatch(ClientConnection connection, JsonNode message) {
        JsonNode type = message == null || !message.isObject() ? null : message.get("type");
        String typeName = type != null && type.isTextual() ? type.asText() : null;
        if ("hello".equals(typeName)) {
            if (profiles == ClientProfile.Setting.AUTO) {
                ClientProfile.fromHello(message).ifPresent(connection::profile);
            }
            broadcaster.sendSnapshot(connection);
        } else if ("intent".equals(typeName)) {
            intent(connection, message);
        } else {
            ObjectNode data = Json.object();
            data.set("type", type == null ? null : type.deepCopy());
            envelopeError(connection, null, null, ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                    typeName == null ? "message has no type" : "unsupported message type '" + typeName + "'",
                    "warning", "unsupported_message_type", data);
        }
    }

    /** Checks an intent's envelope (req_id, name, payload), then runs its handler. */
    private void intent(ClientConnection connection, JsonNode message) {
        JsonNode reqIdNode = message.get("req_id");
        String reqId = reqIdNode != null && reqIdNode.isTextual() && reqIdNode.asText().length() <= MAX_REQ_ID_LENGTH
                ? reqIdNode.asText() : "srv-" + generatedIds.incrementAndGet();
        JsonNode nameNode = message.get("name");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.asText() : null;
        IntentHandler handler = name == null ? null : registry.find(name).orElse(null);
        if (handler == null) {
            envelopeError(connection, reqId, name, ErrorCode.UNKNOWN_INTENT,
                    name == null ? "intent has no name" : "unknown intent '" + name + "'",
                    "warning", "unknown_intent", Json.object().put("name", name));
            return;
        }
        if (profiles == ClientProfile.Setting.AUTO && connection.profile() == ClientProfile.SEED
                && ClientProfile.isLatestOnly(name)) {
            // only the latest reference client sends this: from now on it gets the state it reads
            connection.profile(ClientProfile.LATEST);
            broadcaster.sendSnapshot(connection);
        }
        JsonNode payloadNode = message.get("payload");
        if (payloadNode != null && !payloadNode.isNull() && !payloadNode.isObject()) {
            broadcaster.replyNow(connection, Messages.error(reqId, name, ErrorCode.INVALID_PAYLOAD,
                    "payload must be an object", "payload", null));
            return;
        }
        Payload payload = payloadNode == null || payloadNode.isNull() ? Payload.empty()
                : new Payload((ObjectNode) payloadNode);
        handle(connection, handler, new IntentContext(engine, broadcaster, connection, reqId, name, payload));
    }

    /**
     * Runs a handler and answers: the reply (after the patch when state changed), or the error with its failure
     * event. Every exception is mapped to an error here, once. When the handler handed file writes to the persistence
     * thread or a re-render to the render worker, the reply waits for them without holding the engine: the change is
     * broadcast at once, and the reply is sent from the engine thread once the files are durable and the canvas
     * containing the change is installed (or as {@code persist_failed} / {@code render_failed}).
     */
    private void handle(ClientConnection connection, IntentHandler handler, IntentContext context) {
        String reqId = context.reqId();
        String name = context.name();
        try {
            engine.persistence().beginRequest();
            IntentOutcome outcome = handler.handle(context);
            ObjectNode reply = Messages.ok(reqId, name, outcome.data());
            boolean wrote = engine.persistence().requestHasWrites();
            CompletableFuture<Void> durable = engine.persistence().requestWrites();
            // a request that wrote files is answered in order with the other writers, even when its writes
            // finished already; one that wrote nothing is answered at once
            if (!wrote || (durable.isDone() && !durable.isCompletedExceptionally() && !outcome.changed())) {
                send(connection, outcome, reply);
                return;
            }
            if (outcome.changed()) {
                // the reply takes the seq of the broadcast carrying the change, but leaves once the files are durable
                broadcaster.replyAfterBroadcastWhenDurable(connection, reply, durable,
                        failure -> persistFailed(connection, reqId, name, failure));
                return;
            }
            durable.whenComplete((done, failure) -> engine.execute(() -> {
                if (failure == null) {
                    broadcaster.replyNow(connection, reply);
                } else {
                    persistFailed(connection, reqId, name, failure);
                }
            }));
        } catch (IntentException e) {
            engine.persistence().requestWrites();
            FailureEvents.of(name, e).ifPresent(event -> broadcaster.eventTo(connection, event.level(),
                    event.message(), event.data()));
            broadcaster.replyNow(connection, Messages.error(reqId, name, e.code(), e.getMessage(), e.field(),
                    e.details()));
        } catch (RuntimeException | Error e) {
            engine.persistence().requestWrites();
            LOG.error("Intent {} ({}) failed", name, reqId, e);
            broadcaster.eventTo(connection, "error", "internal_error", Json.object().put("req_id", reqId)
                    .put("name", name));
            broadcaster.replyNow(connection, Messages.error(reqId, name, ErrorCode.INTERNAL_ERROR,
                    "internal error while handling " + name + "; state was left unchanged", null, null));
        }
    }

    private void send(ClientConnection connection, IntentOutcome outcome, ObjectNode reply) {
        if (outcome.changed()) {
            broadcaster.replyAfterBroadcast(connection, reply);
        } else {
            broadcaster.replyNow(connection, reply);
        }
    }

    /**
     * A write of this request failed: the file keeps its previous content; the change stays in memory (it is already
     * on the wire and in the clients' state) and the next save of that file retries. The reply says so. When the
     * canvas re-render of the change failed instead, the reply says that: output keeps the previous canvas.
     */
    private void persistFailed(ClientConnection connection, String reqId, String name, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof IntentException refused) { // a step that answers with its own error (cue.export_fseq)
            broadcaster.replyNow(connection, Messages.error(reqId, name, refused.code(), refused.getMessage(),
                    refused.field(), refused.details()));
            return;
        }
        if (cause instanceof RenderFailedException) {
            broadcaster.replyNow(connection, Messages.error(reqId, name, ErrorCode.RENDER_FAILED,
                    cause.getMessage() + "; the change is kept, output keeps the previous canvas", null,
                    Json.object().put("kept_in_memory", true)));
            return;
        }
        ObjectNode details = Json.object().put("kept_in_memory", true).put("retry", "on the next save of this file");
        broadcaster.replyNow(connection, Messages.error(reqId, name, ErrorCode.PERSIST_FAILED,
                "could not save: " + cause.getMessage() + "; the change is kept in memory and the next save retries",
                null, details));
    }

    private void envelopeError(ClientConnection connection, String reqId, String name, String code, String text,
                               String level, String legacyMessage, ObjectNode legacyData) {
        broadcaster.eventTo(connection, level, legacyMessage, legacyData);
        broadcaster.replyNow(connection, Messages.error(reqId, name, code, text, null, null));
    }
}
