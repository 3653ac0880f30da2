package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One effect: its id, how it is presented (name, description, tags, the parameters of its {@code data}), which
 * fixtures it drives, and how a cue row of it renders.
 */
public interface Effect {
    String id();

    String displayName();

    String description();

    /** Tags from the shared vocabulary: color, intensity, movement, strobe, spike, fade, static, poi. */
    List<String> tags();

    /** The parameters of the row's {@code data}, declared once for the schema, the edit check and the render. */
    Parameters parameters();

    /** A JSON Schema (draft-07 style) of the row's {@code data}; a fresh copy the caller may change. */
    default ObjectNode schema() {
        return parameters().schema();
    }

    /** Whether this effect renders anything on the fixture under the given semantics. */
    boolean supports(FixtureChannels fixture, RenderEnv env);

    /** Prepares one row instance; called on the row's start frame. Returns {@link RowRenderer#NOOP} for no-ops. */
    RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env);
}
