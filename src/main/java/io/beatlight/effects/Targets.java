package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pan/tilt target parsing and POI lookup (docs/effects.md#targets-and-pois). */
public final class Targets {
    /** A resolved pan/tilt pair; either axis may be null when it does not parse. */
    public record PanTilt(Integer pan, Integer tilt) {
        public boolean complete() {
            return pan != null && tilt != null;
        }
    }

    public static final PanTilt NONE = new PanTilt(null, null);

    private Targets() {
    }

    /** {@code AXIS(a, obj)}: the first matching form of msb/lsb, value+fine, or a plain u16. */
    public static Integer axis(String a, JsonNode obj) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        if (obj.has(a + "_msb") || obj.has(a + "_lsb")) {
            return Coerce.byteValue(obj.get(a + "_msb")) << 8 | Coerce.byteValue(obj.get(a + "_lsb"));
        }
        if (obj.has(a)) {
            Long value = Coerce.integer(obj.get(a));
            if (value == null) {
                return null;
            }
            if (obj.has(a + "_fine")) {
                return (int) Math.max(0, Math.min(255, value)) << 8 | Coerce.byteValue(obj.get(a + "_fine"));
            }
            return (int) Math.max(0, Math.min(65535, value));
        }
        return null;
    }

    /**
     * {@code TARGETS(data)}. With {@code resolvePresets} (the later semantics), a truthy {@code preset} names a POI
     * whose target is used; the seed never resolves presets, so a truthy preset means "no target".
     */
    public static PanTilt fromData(JsonNode data, String fixtureId, List<? extends JsonNode> pois,
                                   boolean resolvePresets) {
        if (data != null && Coerce.truthy(data.get("preset"))) {
            return resolvePresets ? poi(Coerce.key(data.get("preset")), fixtureId, pois) : NONE;
        }
        return new PanTilt(axis("pan", data), axis("tilt", data));
    }

    /** {@code POI(key, fixture)}: first POI with the id (case-insensitive), then its target for the fixture. */
    public static PanTilt poi(String key, String fixtureId, List<? extends JsonNode> pois) {
        JsonNode target = poiTarget(key, fixtureId, pois);
        return target == null ? NONE : new PanTilt(axis("pan", target), axis("tilt", target));
    }

    static JsonNode poiTarget(String key, String fixtureId, List<? extends JsonNode> pois) {
        String needle = key.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return null;
        }
        for (JsonNode poi : pois) {
            JsonNode id = poi.get("id");
            if (id == null || !id.isTextual() || !id.asText().strip().toLowerCase(Locale.ROOT).equals(needle)) {
                continue;
            }
            JsonNode fixtures = poi.get("fixtures");
            if (fixtures == null || !fixtures.isObject()) {
                return null;
            }
            String wanted = fixtureId.strip().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, JsonNode> entry : fixtures.properties()) {
                if (entry.getKey().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return entry.getValue();
                }
            }
            return null;
        }
        return null;
    }

    /** The POI record with this id (case-insensitive), or null. */
    public static JsonNode poiRecord(String key, List<? extends JsonNode> pois) {
        String needle = key.strip().toLowerCase(Locale.ROOT);
        for (JsonNode poi : pois) {
            JsonNode id = poi.get("id");
            if (id != null && id.isTextual() && id.asText().strip().toLowerCase(Locale.ROOT).equals(needle)) {
                return poi;
            }
        }
        return null;
    }
}
