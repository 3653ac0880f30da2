package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code set_channels}: raw template channels set once, on the start frame (v2 also reads top-level keys). */
final class SetChannels extends BaseEffect {
    private static final ChannelMapParam CHANNELS = Param.channelMap("channels", "Channel name to value 0..255.");

    SetChannels() {
        super("set_channels", "Set Channels", "Sets raw DMX channels of the fixture once, at the cue's start.",
                List.of("static", "accent"), Parameters.of(CHANNELS));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return true;
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        List<int[]> writes = new ArrayList<>();
        if (!env.v1()) {
            // later semantics: channel names at the top level of data are accepted too
            collect(fixture, ChannelMapParam.bytesOf(data, CHANNELS.name()), writes);
        }
        Map<String, Integer> channels = CHANNELS.read(data);
        if (channels != null) {
            collect(fixture, channels, writes);
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

    /** Adds a {buffer index, value} write for every name that is a channel of the fixture. */
    private static void collect(FixtureChannels fixture, Map<String, Integer> values, List<int[]> writes) {
        values.forEach((name, value) -> {
            int index = fixture.of(name);
            if (index != FixtureChannels.NONE) {
                writes.add(new int[] {index, value});
            }
        });
    }
}
