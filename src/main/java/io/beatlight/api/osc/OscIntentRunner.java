package io.beatlight.api.osc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.api.intents.IntentHandler;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.engine.RenderFailedException;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an intent for an OSC sender through the same handlers as /ws (api.intents), so validation, effects and error
 * codes are those of the intent. A changed state is broadcast to the WebSocket clients as after any intent; events a
 * handler addresses to "the requester" are dropped (an OSC sender gets only errors back). Engine thread only.
 */
final class OscIntentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OscIntentRunner.class);

    private final ShowEngine engine;
    private final ClientEvents clients;
    private final IntentRegistry registry;
    private final ClientEvents events;
    private long requests;

    OscIntentRunner(ShowEngine engine, ClientEvents clients, IntentRegistry registry) {
        this.engine = engine;
        this.clients = clients;
        this.registry = registry;
        this.events = new ClientEvents() {
            @Override
            public void eventTo(Client client, String level, String message, ObjectNode data) {
                if (!(client instanceof OscClient)) {
                    clients.eventTo(client, level, message, data);
                }
            }

            @Override
            public void eventToAll(String level, String message, ObjectNode data) {
                clients.eventToAll(level, message, data);
            }

            @Override
            public void requestBroadcast() {
                clients.requestBroadcast();
            }
        };
    }

    /**
     * Runs {@code name} with {@code payload}; returns the reply data. A rejection is an {@link IntentException} and
     * changed nothing. When the intent's file write or re-render fails later, {@code lateFailure} gets the error
     * (on the engine thread); the change stays in memory, as for /ws.
     */
    ObjectNode run(OscClient client, String name, ObjectNode payload, Consumer<IntentException> lateFailure)
            throws IntentException {
        IntentHandler handler = registry.find(name).orElseThrow(() -> new IntentException(ErrorCode.UNKNOWN_INTENT,
                "unknown intent '" + name + "'"));
        IntentContext context = new IntentContext(engine, events, client, "osc-" + ++requests, name,
                new Payload(payload));
        engine.persistence().beginRequest();
        IntentOutcome outcome;
        try {
            outcome = handler.handle(context);
        } catch (IntentException e) {
            engine.persistence().requestWrites();
            throw e;
        } catch (RuntimeException e) {
            engine.persistence().requestWrites();
            LOG.error("Intent {} from {} failed", name, client.describe(), e);
            throw new IntentException(ErrorCode.INTERNAL_ERROR, "internal error while handling " + name
                    + "; state was left unchanged");
        }
        engine.persistence().requestWrites().whenComplete((done, failure) -> {
            if (failure != null) {
                engine.executeUnlessStopped(() -> lateFailure.accept(lateError(failure)));
            }
        });
        if (outcome.changed()) {
            clients.requestBroadcast();
        }
        return outcome.data();
    }

    private static IntentException lateError(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RenderFailedException) {
            return new IntentException(ErrorCode.RENDER_FAILED, cause.getMessage()
                    + "; the change is kept, output keeps the previous canvas");
        }
        return new IntentException(ErrorCode.PERSIST_FAILED, "could not save: " + cause.getMessage()
                + "; the change is kept in memory and the next save retries");
    }
}
