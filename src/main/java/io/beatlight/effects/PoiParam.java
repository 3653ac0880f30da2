package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The id of a point of interest. */
public final class PoiParam extends Param {
    private final List<String> aliases;

    PoiParam(String name, String description) {
        this(name, description, List.of());
    }

    private PoiParam(String name, String description, List<String> aliases) {
        super(name, description, JsonType.STRING);
        this.aliases = aliases;
    }

    /** The same parameter, also read from other spellings (tried in order after its own name). */
    PoiParam orFrom(String... more) {
        List<String> all = new ArrayList<>(aliases);
        all.addAll(List.of(more));
        return new PoiParam(name(), description(), List.copyOf(all));
    }

    @Override
    void describe(ObjectNode schema) {
        schema.put("format", "poi");
    }

    /** The key of the first truthy spelling, trimmed ({@code KEY(v)}); "" when none is. */
    public String read(JsonNode data) {
        if (Coerce.truthy(data.get(name()))) {
            return Coerce.key(data.get(name()));
        }
        for (String alias : aliases) {
            if (Coerce.truthy(data.get(alias))) {
                return Coerce.key(data.get(alias));
            }
        }
        return "";
    }
}
