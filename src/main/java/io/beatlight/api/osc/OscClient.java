package io.beatlight.api.osc;

import io.beatlight.protocol.Client;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/** The sender of an OSC message, as intent handlers see it. Ids are negative so they never meet a WebSocket's. */
record OscClient(long id, InetSocketAddress sender) implements Client {
    private static final AtomicLong IDS = new AtomicLong();

    static OscClient of(InetSocketAddress sender) {
        return new OscClient(-IDS.incrementAndGet(), sender);
    }

    @Override
    public String describe() {
        return "osc " + sender.getAddress().getHostAddress() + ":" + sender.getPort();
    }
}
