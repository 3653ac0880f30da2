package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** An on/off switch that also accepts the words people type: 0, false, off and no switch it off. */
public final class FlagParam extends Param {
    private static final List<String> OFF_WORDS = List.of("0", "false", "off", "no");

    private final boolean fallback;
    private final String alias;

    FlagParam(String name, String description, boolean fallback, String alias) {
        super(name, description, JsonType.BOOLEAN);
        this.fallback = fallback;
        this.alias = alias;
    }

    @Override
    public JsonNode raw(JsonNode data) {
        return alias != null && !data.has(name()) ? data.get(alias) : data.get(name());
    }

    /** A boolean as given; any other value is on unless its text is an off word; absent → the fallback. */
    public boolean read(JsonNode data) {
        JsonNode value = raw(data);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        return !OFF_WORDS.contains(Coerce.pythonString(value).strip().toLowerCase(Locale.ROOT));
    }
}
