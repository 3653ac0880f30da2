package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * A string. With choices (an easing curve), any other text renders like the fallback, as in the reference, so the
 * choices are documentation rather than a check.
 */
public final class TextParam extends Param {
    private final String fallback;
    private final List<String> choices;

    TextParam(String name, String description, String fallback, String... choices) {
        super(name, description, JsonType.STRING);
        this.fallback = fallback;
        this.choices = List.of(choices);
    }

    public List<String> choices() {
        return choices;
    }

    /** The text trimmed and lower-cased; the fallback when absent or not a string. */
    public String read(JsonNode data) {
        JsonNode value = raw(data);
        return value != null && value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : fallback;
    }
}
