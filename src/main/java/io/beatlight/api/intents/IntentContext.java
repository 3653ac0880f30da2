package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;

/** Everything an intent handler may use: the engine, the payload, and ways to send events. Engine thread only. */
public final class IntentContext {
    private final ShowEngine engine;
    private final ClientEvents clients;
    private final Client requester;
    private final String reqId;
    private final String name;
    private final Payload payload;

    public IntentContext(ShowEngine engine, ClientEvents clients, Client requester, String reqId,
                         String name, Payload payload) {
        this.engine = engine;
        this.clients = clients;
        this.requester = requester;
        this.reqId = reqId;
        this.name = name;
        this.payload = payload;
    }

    public ShowEngine engine() {
        return engine;
    }

    public Payload payload() {
        return payload;
    }

    public String reqId() {
        return reqId;
    }

    public String name() {
        return name;
    }

    public Client requester() {
        return requester;
    }

    public void eventToRequester(String level, String message, ObjectNode data) {
        clients.eventTo(requester, level, message, data);
    }

    public void eventToAll(String level, String message, ObjectNode data) {
        clients.eventToAll(level, message, data);
    }

    /** Throws {@code playback_active} while playing. */
    public void requireNotPlaying() throws IntentException {
        if (engine.playback().isPlaying()) {
            throw new IntentException(ErrorCode.PLAYBACK_ACTIVE, name + " is not allowed while playing; pause or "
                    + "stop first");
        }
    }
}
