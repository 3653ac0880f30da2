package io.beatlight.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the engine tells the control plane about changes it makes on its own (ticks, song end, preview end). */
public interface ShowListener {
    /** Show state changed; a (throttled) broadcast should follow. Called on the engine thread. */
    void stateChanged();

    /** An event for every client. Called on the engine thread. */
    void eventToAll(String level, String message, ObjectNode data);

    ShowListener NONE = new ShowListener() {
        @Override
        public void stateChanged() {
        }

        @Override
        public void eventToAll(String level, String message, ObjectNode data) {
        }
    };
}
