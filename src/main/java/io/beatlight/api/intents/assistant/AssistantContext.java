package io.beatlight.api.intents.assistant;

import io.beatlight.assistant.AssistantLog;
import io.beatlight.assistant.AssistantProvider;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import java.util.concurrent.atomic.AtomicLong;

/** What every conversation shares: the engine, the connections, the provider, the log and the action ids. */
final class AssistantContext {
    private final ShowEngine engine;
    private final ClientEvents clients;
    private final AssistantProvider provider;
    private final AssistantLog log;
    private final AtomicLong actions = new AtomicLong();

    AssistantContext(ShowEngine engine, ClientEvents clients, AssistantProvider provider, AssistantLog log) {
        this.engine = engine;
        this.clients = clients;
        this.provider = provider;
        this.log = log;
    }

    ShowEngine engine() {
        return engine;
    }

    ClientEvents clients() {
        return clients;
    }

    AssistantProvider provider() {
        return provider;
    }

    AssistantLog log() {
        return log;
    }

    /** The events and log lines of one request of a connection. */
    RequestEvents events(Client connection, String requestId) {
        return new RequestEvents(this, connection, requestId, false);
    }

    /** Action ids are unique across all connections. */
    String nextActionId() {
        return "act-" + actions.incrementAndGet();
    }
}
