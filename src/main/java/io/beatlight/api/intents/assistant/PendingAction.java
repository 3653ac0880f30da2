package io.beatlight.api.intents.assistant;

import io.beatlight.tools.Proposal;

/** A proposal waiting for the user's decision, under its action id, with the request that proposed it. */
public record PendingAction(String id, String requestId, Proposal proposal) {
}
