package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/** A decimal parameter with optional bounds and default; reads accept anything Python's {@code float()} does. */
public final class NumberParam extends Param {
    private final Double min;
    private final Double max;
    private final Double fallback;
    private final String alias;

    NumberParam(String name, String description, Double min, Double max, Double fallback) {
        this(name, description, min, max, fallback, null);
    }

    private NumberParam(String name, String description, Double min, Double max, Double fallback, String alias) {
        super(name, description, JsonType.NUMBER);
        this.min = min;
        this.max = max;
        this.fallback = fallback;
        this.alias = alias;
    }

    /** The same parameter, read from {@code alias} when its own key is absent (an older spelling). */
    NumberParam orFrom(String alias) {
        return new NumberParam(name(), description(), min, max, fallback, alias);
    }

    @Override
    JsonNode minimum() {
        return min == null ? null : Json.NODES.numberNode(min);
    }

    @Override
    JsonNode maximum() {
        return max == null ? null : Json.NODES.numberNode(max);
    }

    @Override
    void describe(ObjectNode schema) {
        if (min != null) {
            schema.put("minimum", min);
        }
        if (max != null) {
            schema.put("maximum", max);
        }
        if (fallback != null) {
            schema.put("default", fallback);
        }
    }

    @Override
    public JsonNode raw(JsonNode data) {
        return alias != null && !data.has(name()) ? data.get(alias) : data.get(name());
    }

    /** {@code FLOAT(value)}; the default when absent or not a number, 0 when none is declared. Not clamped. */
    public double read(JsonNode data) {
        return Coerce.num(raw(data), fallback == null ? 0 : fallback);
    }
}
