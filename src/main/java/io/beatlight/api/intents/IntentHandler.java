package io.beatlight.api.intents;

import io.beatlight.protocol.IntentException;

/**
 * Handles one intent on the engine thread. It validates the whole payload before changing anything; a failure is
 * an {@link IntentException} and leaves state untouched.
 */
@FunctionalInterface
public interface IntentHandler {
    IntentOutcome handle(IntentContext context) throws IntentException;
}
