package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import java.util.List;

/**
 * A server-side cue generator the latest reference client lists from {@code state.cue_helpers} and runs with
 * {@code cue.apply_helper}: it turns the song's beats, sections and the rig into effect rows (unvalidated; the
 * caller validates them like {@code cue.add} rows, tags them and upserts them).
 */
public interface CueHelper {
    /** Its entry in {@code state.cue_helpers}: {@code {id, label, description, mode, parameters}}. */
    ObjectNode definition();

    default String id() {
        return definition().get("id").asText();
    }

    /** The rows, each {@code {time, fixture_id, effect, duration, data}}; throws when the song or rig lacks what it needs. */
    List<ObjectNode> generate(HelperInput input, Payload params) throws IntentException;
}
