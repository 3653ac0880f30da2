package io.beatlight.assistant;

import io.beatlight.tools.Proposal;

/** What the offline interpreter made of a request: a reply, and a proposal when it asked for a change. */
public record Interpretation(String reply, Proposal proposal, boolean understood) {
    static Interpretation answer(String reply) {
        return new Interpretation(reply, null, true);
    }

    static Interpretation notUnderstood(String reply) {
        return new Interpretation(reply, null, false);
    }

    static Interpretation propose(String reply, Proposal proposal) {
        return new Interpretation(reply, proposal, true);
    }
}
