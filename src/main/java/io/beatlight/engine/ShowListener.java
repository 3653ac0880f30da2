package io.beatlight.engine;

/** Receives the engine's {@link ShowEvent}s, in order, on the engine thread. */
@FunctionalInterface
public interface ShowListener {
    void on(ShowEvent event);

    ShowListener NONE = event -> {
    };
}
