package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One parameter of an effect's {@code data}, declared once: its name and description, the JSON schema clients see,
 * the check a cue edit applies, and (in the subclasses) the typed read the effect renders with. Reads reproduce the
 * reference's lenient coercions (see {@link Coerce}), so a value that fails the check may still render.
 */
public abstract class Param {
    /** The JSON types a parameter can have: the schema's name for it, and whether a value has it. */
    enum JsonType {
        NUMBER("number", JsonNode::isNumber), INTEGER("integer", JsonNode::isIntegralNumber),
        STRING("string", JsonNode::isTextual), BOOLEAN("boolean", JsonNode::isBoolean),
        ARRAY("array", JsonNode::isArray), OBJECT("object", JsonNode::isObject);

        private final String schemaName;
        private final Predicate<JsonNode> test;

        JsonType(String schemaName, Predicate<JsonNode> test) {
            this.schemaName = schemaName;
            this.test = test;
        }
    }

    private final String name;
    private final String description;
    private final JsonType type;

    Param(String name, String description, JsonType type) {
        this.name = name;
        this.description = description;
        this.type = type;
    }

    // ---- the kinds ---------------------------------------------------------------------------------------------

    /** A decimal number; {@code max} and {@code fallback} may be null. */
    static NumberParam number(String name, String description, Double min, Double max, Double fallback) {
        return new NumberParam(name, description, min, max, fallback);
    }

    /** A DMX byte, 0..255. */
    static IntegerParam byteValue(String name, String description) {
        return new IntegerParam(name, description, 0, 255);
    }

    /** A 16-bit position, 0..65535. */
    static IntegerParam u16(String name, String description) {
        return new IntegerParam(name, description, 0, 65535);
    }

    static PoiParam poi(String name, String description) {
        return new PoiParam(name, description);
    }

    static ColourParam colour(String name, String description) {
        return new ColourParam(name, description);
    }

    /** Free text, or one of {@code choices} (any other text renders as {@code fallback}). */
    static TextParam text(String name, String description, String fallback, String... choices) {
        return new TextParam(name, description, fallback, choices);
    }

    static FlagParam flag(String name, String description, boolean fallback, String alias) {
        return new FlagParam(name, description, fallback, alias);
    }

    static NameListParam names(String name, String description) {
        return new NameListParam(name, description);
    }

    static ChannelMapParam channelMap(String name, String description) {
        return new ChannelMapParam(name, description);
    }

    // ---- what every kind has -----------------------------------------------------------------------------------

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The JSON Schema type. */
    String type() {
        return type.schemaName;
    }

    /** Adds the kind's own schema keywords after type and description. */
    void describe(ObjectNode schema) {
    }

    /** True when a present value has this kind's JSON type (no coercion: the check is stricter than the read). */
    boolean hasType(JsonNode value) {
        return type.test.test(value);
    }

    /** The inclusive bounds of a numeric kind as schema values; null when there is none. */
    JsonNode minimum() {
        return null;
    }

    JsonNode maximum() {
        return null;
    }

    public ObjectNode schema() {
        ObjectNode schema = Json.object().put("type", type()).put("description", description);
        describe(schema);
        return schema;
    }

    /** What is wrong with a present, non-null value, if anything. */
    Optional<ParameterProblem> problem(JsonNode value) {
        if (!hasType(value)) {
            // the article is "an" only for integer ("must be a array" is what clients have always seen)
            return Optional.of(new ParameterProblem(name, "must be " + (type().equals("integer") ? "an " : "a ")
                    + type()));
        }
        JsonNode min = minimum();
        JsonNode max = maximum();
        if ((min != null || max != null) && value.isNumber()
                && ((min != null && value.asDouble() < min.asDouble())
                || (max != null && value.asDouble() > max.asDouble()))) {
            return Optional.of(new ParameterProblem(name, "must be between " + min + " and " + max));
        }
        return Optional.empty();
    }

    // ---- raw access, for effects whose reads keep a quirk of the reference -------------------------------------

    /** The value as written, or null when the key is absent. */
    public JsonNode raw(JsonNode data) {
        return data.get(name);
    }

    /** Whether the key is present (even with a null value). */
    public boolean given(JsonNode data) {
        return data.has(name);
    }

    /** Python truthiness of the value; an absent key is falsy. */
    public boolean truthy(JsonNode data) {
        return Coerce.truthy(data.get(name));
    }
}
