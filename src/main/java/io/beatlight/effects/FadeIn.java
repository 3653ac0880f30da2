package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fade_in} on par cans (§A9): the given RGB components fade from their values on the first frame to the
 * targets; components not given and the dimmer are untouched. Zero duration sets the targets at once.
 */
final class FadeIn extends BaseEffect {
    FadeIn() {
        super("fade_in", "Fade In", "Fades the colour components to their targets over the cue's duration.",
                List.of("fade", "color"),
                object(byteProp("red", "Red target 0..255."), byteProp("green", "Green target 0..255."),
                        byteProp("blue", "Blue target 0..255.")));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !fixture.fixture().isMovingHead() && fixture.hasRgb();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (fixture.fixture().isMovingHead()) {
            return RowRenderer.NOOP;
        }
        List<int[]> components = new ArrayList<>(); // {buffer index, target}
        String[] names = {"red", "green", "blue"};
        boolean anyGiven = false;
        for (String name : names) {
            if (data.has(name)) {
                anyGiven = true;
                int index = fixture.of(name);
                if (index != FixtureChannels.NONE) {
                    components.add(new int[] {index, Coerce.byteValue(data.get(name))});
                }
            }
        }
        if (!anyGiven || components.isEmpty()) {
            return RowRenderer.NOOP;
        }
        int[][] parts = components.toArray(int[][]::new);
        return new RowRenderer() {
            private int[] from;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (end <= start) {
                    if (f == start) {
                        for (int[] c : parts) {
                            u[c[0]] = (byte) c[1];
                        }
                    }
                    return;
                }
                if (from == null) {
                    from = new int[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        from[i] = u[parts[i][0]] & 0xFF;
                    }
                }
                double p = RowRenderer.progress(f, start, end);
                for (int i = 0; i < parts.length; i++) {
                    u[parts[i][0]] = (byte) Math.rint(from[i] + (parts[i][1] - from[i]) * p);
                }
            }
        };
    }
}
