package io.beatlight.api.intents;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The one table from intent name to handler. */
public final class IntentRegistry {
    private final Map<String, IntentHandler> handlers = new TreeMap<>();

    public IntentRegistry register(String name, IntentHandler handler) {
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("intent registered twice: " + name);
        }
        return this;
    }

    public Optional<IntentHandler> find(String name) {
        return Optional.ofNullable(handlers.get(name));
    }

    public Map<String, IntentHandler> all() {
        return Collections.unmodifiableMap(handlers);
    }
}
