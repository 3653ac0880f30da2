package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowView;

/** Where replies come from: a model server, or the offline interpreter. */
public interface AssistantProvider {
    String name();

    /** Answers one prompt; streams through {@code sink}; returns normally also when cancelled. */
    void respond(Turn turn, Sink sink) throws Exception;

    /** One request: the prompt, the conversation so far (role/content objects), the show, a cancel flag. */
    interface Turn {
        String prompt();

        List<ObjectNode> history();

        ShowView show();

        boolean cancelled();

        /** Runs a read tool on the live show (engine thread) and returns its JSON result. */
        ObjectNode readTool(String name, ObjectNode arguments) throws Exception;
    }

    /** What a provider produces, in order. */
    interface Sink {
        void status(String phase, String label);

        void delta(String text);

        void propose(Proposal proposal);

        /** A tool the provider called, for the log. */
        void toolCalled(String name, ObjectNode arguments, ObjectNode result);
    }
}
