package io.beatlight.api.ws;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The registered connections. Patches and shared events go to all of them. */
public final class ClientHub {
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();

    public void register(ClientConnection connection) {
        connections.add(connection);
    }

    public void unregister(ClientConnection connection) {
        connections.remove(connection);
    }

    public Collection<ClientConnection> all() {
        return Collections.unmodifiableSet(connections);
    }

    public int count() {
        return connections.size();
    }
}
