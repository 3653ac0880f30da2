package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/** A whole number in {@code [min, max]} (a DMX byte or a 16-bit position); reads follow Python's {@code int()}. */
public final class IntegerParam extends Param {
    private final int min;
    private final int max;

    IntegerParam(String name, String description, int min, int max) {
        super(name, description, JsonType.INTEGER);
        this.min = min;
        this.max = max;
    }

    @Override
    JsonNode minimum() {
        return Json.NODES.numberNode(min);
    }

    @Override
    JsonNode maximum() {
        return Json.NODES.numberNode(max);
    }

    @Override
    void describe(ObjectNode schema) {
        schema.put("minimum", min).put("maximum", max);
    }

    /** {@code clamp(INT(value), min, max)}; 0 when absent or not a number ({@code "50"} → 50, {@code 25.9} → 25). */
    public int read(JsonNode data) {
        Long value = Coerce.integer(raw(data));
        return value == null ? 0 : (int) Math.max(min, Math.min(max, value));
    }
}
