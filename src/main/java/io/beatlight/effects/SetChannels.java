package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** {@code set_channels}: raw template channels set once, on the start frame (§A7; v2 also reads top-level keys). */
final class SetChannels extends BaseEffect {
    SetChannels() {
        super("set_channels", "Set Channels", "Sets raw DMX channels of the fixture once, at the cue's start.",
                List.of("static", "accent"), schemaOf());
    }

    private static ObjectNode schemaOf() {
        ObjectNode schema = object(prop("channels", "object", "Channel name to value 0..255."));
        ((ObjectNode) schema.at("/properties/channels")).putObject("additionalProperties").put("type", "integer")
                .put("minimum", 0).put("maximum", 255);
        return schema;
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return true;
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        List<int[]> writes = new ArrayList<>();
        JsonNode channels = data.get("channels");
        if (!env.v1()) {
            // later semantics: channel names at the top level of data are accepted too
            collect(fixture, data, writes, true);
        }
        if (channels != null && channels.isObject()) {
            collect(fixture, channels, writes, false);
        } else if (env.v1()) {
            return RowRenderer.NOOP;
        }
        if (writes.isEmpty()) {
            return RowRenderer.NOOP;
        }
        return (f, start, end, u) -> {
            if (f == start) {
                for (int[] w : writes) {
                    u[w[0]] = (byte) w[1];
                }
            }
        };
    }

    private static void collect(FixtureChannels fixture, JsonNode object, List<int[]> writes, boolean topLevel) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (topLevel && entry.getKey().equals("channels")) {
                continue;
            }
            int index = fixture.of(entry.getKey());
            if (index != FixtureChannels.NONE) {
                writes.add(new int[] {index, Coerce.byteValue(entry.getValue())});
            }
        }
    }
}
