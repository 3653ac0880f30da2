package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.rig.Fixture;

/** A colour: {@code #RRGGBB}, or (when rendering) a name from the fixture template's colour table. */
public final class ColourParam extends Param {
    ColourParam(String name, String description) {
        super(name, description, JsonType.STRING);
    }

    @Override
    void describe(ObjectNode schema) {
        schema.put("pattern", "^#[0-9A-Fa-f]{6}$").put("format", "color");
    }

    /** {red, green, blue}; null when absent or unresolvable for this fixture. */
    public int[] read(JsonNode data, Fixture fixture) {
        return Generic.colour(fixture, raw(data));
    }
}
