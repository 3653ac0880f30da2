package io.beatlight.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How handlers reach clients: events to one or to all, and a request to broadcast changed state. Engine thread. */
public interface ClientEvents {
    void eventTo(Client client, String level, String message, ObjectNode data);

    void eventToAll(String level, String message, ObjectNode data);

    /** Show state changed: a (throttled) patch follows. */
    void requestBroadcast();
}
