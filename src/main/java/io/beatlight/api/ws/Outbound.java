package io.beatlight.api.ws;

import java.util.function.Consumer;

/** The wire under a client connection: an asynchronous text send and a close. */
public interface Outbound {
    /** Sends one text frame without blocking; {@code done} receives null on success or the failure. */
    void sendAsync(String text, Consumer<Throwable> done);

    void close(int code, String reason);

    String describe();
}
