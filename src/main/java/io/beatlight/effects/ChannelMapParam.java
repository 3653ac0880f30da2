package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Template channel names mapped to DMX values 0..255. */
public final class ChannelMapParam extends Param {
    ChannelMapParam(String name, String description) {
        super(name, description, JsonType.OBJECT);
    }

    @Override
    void describe(ObjectNode schema) {
        schema.putObject("additionalProperties").put("type", "integer").put("minimum", 0).put("maximum", 255);
    }

    /** Each entry's value as {@code clamp(INT(v), 0, 255)}, in written order; null when absent or not an object. */
    public Map<String, Integer> read(JsonNode data) {
        JsonNode value = raw(data);
        return value == null || !value.isObject() ? null : bytesOf(value, null);
    }

    /** The entries of any object as channel values, skipping the key {@code except} (may be null). */
    static Map<String, Integer> bytesOf(JsonNode object, String except) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getKey().equals(except)) {
                values.put(entry.getKey(), Coerce.byteValue(entry.getValue()));
            }
        }
        return values;
    }
}
