package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A list of names (template channel names). */
public final class NameListParam extends Param {
    NameListParam(String name, String description) {
        super(name, description, JsonType.ARRAY);
    }

    /** Each element as Python's {@code str()} would spell it; null when the value is absent or not an array. */
    public List<String> read(JsonNode data) {
        JsonNode value = raw(data);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode element : value) {
            names.add(Coerce.pythonString(element));
        }
        return names;
    }
}
