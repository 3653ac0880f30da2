package io.beatlight.protocol;

/** A connected client as intent handlers see it: an identity to address events to and a name for logs. */
public interface Client {
    long id();

    String describe();
}
