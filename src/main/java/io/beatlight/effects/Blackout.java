package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code blackout} (later set): dimmer, shutter and colour to 0 on the start frame. */
final class Blackout extends BaseEffect {
    Blackout() {
        super("blackout", "Blackout", "Switches the fixture off at once: dimmer, shutter and colour to zero.",
                List.of("drop", "valley", "hard", "release", "short"), Parameters.none());
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !env.v1() && Generic.hasMeta(fixture, "dim", "shutter", "rgb");
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Generic.Channels ch = Generic.channels(fixture);
        return (f, start, end, u) -> {
            if (f == start) {
                FixtureChannels.set(u, ch.dim(), 0);
                FixtureChannels.set(u, ch.shutter(), 0);
                if (ch.hasRgb()) {
                    for (int i = 0; i < 3; i++) {
                        ch.setColour(u, i, 0);
                    }
                }
            }
        };
    }
}
