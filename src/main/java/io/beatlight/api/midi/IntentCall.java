package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.api.intents.IntentHandler;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.util.Json;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an intent for a caller that is not a WebSocket client (a MIDI control), through the very handler a client's
 * intent reaches, so validation, errors and state changes are the same; events meant for the requester are dropped
 * (they have nowhere to go), events to all and the broadcast of the change go out as usual. Engine thread.
 */
final class IntentCall {
    private static final Logger LOG = LoggerFactory.getLogger(IntentCall.class);

    /** The outcome: ok, or the error's code and message. */
    record Result(boolean ok, String code, String message) {
        ObjectNode toJson() {
            ObjectNode node = Json.object().put("ok", ok);
            if (!ok) {
                node.put("code", code).put("message", message);
            }
            return node;
        }
    }

    private final ShowEngine engine;
    private final IntentRegistry registry;
    private final ClientEvents events;
    private final Client caller;
    private final AtomicLong ids = new AtomicLong();

    IntentCall(ShowEngine engine, IntentRegistry registry, ClientEvents clients, Client caller) {
        this.engine = engine;
        this.registry = registry;
        this.caller = caller;
        this.events = new ClientEvents() {
            @Override
            public void eventTo(Client client, String level, String message, ObjectNode data) {
                if (client != caller) {
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

    Result run(String name, ObjectNode payload) {
        IntentHandler handler = registry.find(name).orElse(null);
        if (handler == null) {
            return new Result(false, ErrorCode.UNKNOWN_INTENT, "unknown intent '" + name + "'");
        }
        String reqId = caller.describe().toLowerCase(Locale.ROOT).replace(' ', '-') + "-"
                + ids.incrementAndGet();
        IntentContext context = new IntentContext(engine, events, caller, reqId, name, new Payload(payload));
        engine.persistence().beginRequest();
        try {
            IntentOutcome outcome = handler.handle(context);
            if (outcome.changed()) {
                events.requestBroadcast();
            }
            return new Result(true, null, null);
        } catch (IntentException e) {
            LOG.info("{} from {}: {} ({})", name, caller.describe(), e.getMessage(), e.code());
            return new Result(false, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} from {} failed", name, caller.describe(), e);
            return new Result(false, ErrorCode.INTERNAL_ERROR, "internal error while handling " + name);
        } finally {
            // the writes finish on the persistence thread; nobody waits for a reply here
            engine.persistence().requestWrites();
        }
    }
}
