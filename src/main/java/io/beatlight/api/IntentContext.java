package io.beatlight.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;

/** Everything an intent handler may use: the engine, the payload, and ways to send events. Engine thread only. */
public final class IntentContext {
    private final ShowEngine engine;
    private final Broadcaster broadcaster;
    private final ClientConnection requester;
    private final String reqId;
    private final String name;
    private final Payload payload;

    public IntentContext(ShowEngine engine, Broadcaster broadcaster, ClientConnection requester, String reqId,
                         String name, Payload payload) {
        this.engine = engine;
        this.broadcaster = broadcaster;
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

    public ClientConnection requester() {
        return requester;
    }

    public void eventToRequester(String level, String message, ObjectNode data) {
        broadcaster.eventTo(requester, level, message, data);
    }

    public void eventToAll(String level, String message, ObjectNode data) {
        broadcaster.eventToAll(level, message, data);
    }

    /** Throws {@code playback_active} while playing. */
    public void requireNotPlaying() throws IntentException {
        if (engine.transport().isPlaying()) {
            throw new IntentException(ErrorCode.PLAYBACK_ACTIVE, name + " is not allowed while playing; pause or "
                    + "stop first");
        }
    }
}
