package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flash}: a hit that decays 255 → 0 over the duration, {@code L(f) = R(255·(1 − p))}. Heads fade their
 * intensity channel; par cans fade the listed channels (default RGB, i.e. white — the seed ignores colour keys).
 */
final class Flash extends BaseEffect {
    private static final NameListParam CHANNELS = Param.names("channels",
            "Par cans: channel names to flash (default red, green, blue).");
    /** Read by the later semantics only; not offered to clients. */
    private static final ColourParam COLOUR = Param.colour("color", "The flash colour (default white).");

    Flash() {
        super("flash", "Flash", "A hit at full that decays to zero over the cue's duration.",
                List.of("spike", "accent", "hard", "short"), Parameters.of(CHANNELS));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        if (!env.v1()) {
            return Generic.hasMeta(fixture, "dim", "rgb");
        }
        return fixture.fixture().isMovingHead() ? fixture.intensity() != FixtureChannels.NONE
                : !defaultChannels(fixture).isEmpty();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!env.v1()) {
            return later(fixture, data);
        }
        if (fixture.fixture().isMovingHead()) {
            int intensity = fixture.intensity();
            if (intensity == FixtureChannels.NONE) {
                return RowRenderer.NOOP;
            }
            return (f, start, end, u) -> u[intensity] = (byte) RowRenderer.fadeLevel(f, start, end);
        }
        List<String> listed = CHANNELS.read(data);
        List<Integer> targets = listed != null ? indexes(fixture, listed) : defaultChannels(fixture);
        if (targets.isEmpty()) {
            return RowRenderer.NOOP;
        }
        return decay(targets);
    }

    /**
     * Later semantics with the seed's flash bugs fixed (it ignored the colour and left the fixture dark): the dimmer
     * decays 255 → 0 while the colour is the cue's {@code color} (white by default); on the end frame the fixture
     * returns to the look it had before the flash.
     */
    private static RowRenderer later(FixtureChannels fixture, JsonNode data) {
        List<String> listed = CHANNELS.read(data);
        if (listed != null) {
            return decay(indexes(fixture, listed));
        }
        Generic.Channels ch = Generic.channels(fixture);
        int[] colour = COLOUR.read(data, fixture.fixture());
        int[] c = colour == null ? new int[] {255, 255, 255} : colour;
        return new RowRenderer() {
            private Generic.Look before;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (before == null) {
                    before = Generic.Look.capture(ch, u, true);
                }
                if (f >= end && end > start) {
                    before.restore(u);
                    return;
                }
                int level = RowRenderer.fadeLevel(f, start, end);
                double p = RowRenderer.progress(f, start, end);
                if (ch.hasDim()) {
                    FixtureChannels.set(u, ch.dim(), level);
                    FixtureChannels.set(u, ch.shutter(), 255);
                }
                if (ch.hasRgb()) {
                    for (int i = 0; i < 3; i++) {
                        ch.setColour(u, i, ch.hasDim() ? c[i] : (int) Math.rint(c[i] * (1 - p)));
                    }
                }
            }
        };
    }

    /** Buffer indexes of the named channels the fixture has. */
    private static List<Integer> indexes(FixtureChannels fixture, List<String> names) {
        List<Integer> targets = new ArrayList<>();
        for (String name : names) {
            int index = fixture.of(name);
            if (index != FixtureChannels.NONE) {
                targets.add(index);
            }
        }
        return targets;
    }

    /** The channels decay from 255 to 0 over the row. */
    private static RowRenderer decay(List<Integer> targets) {
        int[] channels = targets.stream().mapToInt(Integer::intValue).toArray();
        return (f, start, end, u) -> {
            byte level = (byte) RowRenderer.fadeLevel(f, start, end);
            for (int c : channels) {
                u[c] = level;
            }
        };
    }

    private static List<Integer> defaultChannels(FixtureChannels fixture) {
        if (fixture.hasRgb()) {
            return List.of(fixture.red(), fixture.green(), fixture.blue());
        }
        int dim = fixture.of("dim");
        return dim == FixtureChannels.NONE ? List.of() : List.of(dim);
    }
}
