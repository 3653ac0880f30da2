package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fade_in} on par cans: the given RGB components fade from their values on the first frame to the targets;
 * components not given and the dimmer are untouched. Zero duration sets the targets at once.
 */
final class FadeIn extends BaseEffect {
    private static final IntegerParam[] COLOUR = {Param.byteValue("red", "Red target 0..255."),
            Param.byteValue("green", "Green target 0..255."), Param.byteValue("blue", "Blue target 0..255.")};

    FadeIn() {
        super("fade_in", "Fade In", "Fades the colour components to their targets over the cue's duration.",
                List.of("rise", "soft", "long", "tension"), Parameters.of(COLOUR));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        if (!env.v1()) {
            return Generic.hasMeta(fixture, "dim", "rgb");
        }
        return !fixture.fixture().isMovingHead() && fixture.hasRgb();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!env.v1()) {
            return later(fixture, data);
        }
        if (fixture.fixture().isMovingHead()) {
            return RowRenderer.NOOP;
        }
        List<int[]> components = new ArrayList<>(); // {buffer index, target}
        boolean anyGiven = false;
        for (IntegerParam component : COLOUR) {
            if (component.given(data)) {
                anyGiven = true;
                int index = fixture.of(component.name());
                if (index != FixtureChannels.NONE) {
                    components.add(new int[] {index, component.read(data)});
                }
            }
        }
        if (!anyGiven || components.isEmpty()) {
            return RowRenderer.NOOP;
        }
        return fade(components.toArray(int[][]::new));
    }

    /**
     * Later semantics, where the dimmer rises too (the later reference left it dark): the dimmer rises to its
     * target ({@code dim}, default 255) and the given colour components to theirs; components not given stay as
     * they are. Eased (levels as fractions or bytes, start_value and easing as fade_out reads them); the shutter
     * opens.
     */
    private static RowRenderer later(FixtureChannels fixture, JsonNode data) {
        Generic.Channels ch = Generic.channels(fixture);
        return new LaterFade(ch, Generic.START_VALUE.raw(data), Generic.EASING.read(data), dimTarget(ch, data),
                rgbTargets(ch, data));
    }

    /** The dimmer's target (255 unless given), or null without a dimmer. */
    private static Integer dimTarget(Generic.Channels ch, JsonNode data) {
        if (!ch.hasDim()) {
            return null;
        }
        // the dimmer's template channel name as a key, else dim or dimmer
        JsonNode given = ch.dimName() != null && data.has(ch.dimName()) ? data.get(ch.dimName())
                : data.has("dim") ? data.get("dim") : data.get("dimmer");
        Integer scaled = Generic.scaled(given);
        return scaled == null ? 255 : scaled;
    }

    /** The given colour components' targets; null for a component not given (or without RGB). */
    private static Integer[] rgbTargets(Generic.Channels ch, JsonNode data) {
        Integer[] rgbTarget = new Integer[3];
        if (ch.hasRgb()) {
            for (int i = 0; i < 3; i++) {
                rgbTarget[i] = Generic.scaled(COLOUR[i].raw(data));
            }
        }
        return rgbTarget;
    }

    /** The later fade: starting levels are read on the first frame, unless {@code start_value} gives them. */
    private static final class LaterFade implements RowRenderer {
        private final Generic.Channels ch;
        private final JsonNode startValue;
        private final String easing;
        private final Integer dimGoal;
        private final Integer[] rgbTarget;
        private int dimFrom;
        private int[] rgbFrom;
        private boolean started;

        LaterFade(Generic.Channels ch, JsonNode startValue, String easing, Integer dimGoal, Integer[] rgbTarget) {
            this.ch = ch;
            this.startValue = startValue;
            this.easing = easing;
            this.dimGoal = dimGoal;
            this.rgbTarget = rgbTarget;
        }

        @Override
        public void render(int f, int start, int end, byte[] u) {
            if (!started) {
                started = true;
                captureStart(u);
            }
            double p = Generic.eased(f, start, end, easing);
            if (dimGoal != null) {
                FixtureChannels.set(u, ch.dim(), Generic.lerp(dimFrom, dimGoal, p));
                FixtureChannels.set(u, ch.shutter(), 255);
            }
            if (rgbFrom != null) {
                for (int i = 0; i < 3; i++) {
                    if (rgbTarget[i] != null) {
                        ch.setColour(u, i, Generic.lerp(rgbFrom[i], rgbTarget[i], p));
                    }
                }
            }
        }

        /** A numeric start_value starts the dimmer, an object the colour; anything else starts from the universe. */
        private void captureStart(byte[] u) {
            Integer fromValue = startValue != null && startValue.isNumber() ? Generic.scaled(startValue) : null;
            dimFrom = fromValue != null ? fromValue : FixtureChannels.get(u, ch.dim());
            if (ch.hasRgb()) {
                rgbFrom = new int[3];
                for (int i = 0; i < 3; i++) {
                    Integer s = startValue != null && startValue.isObject()
                            ? Generic.scaled(COLOUR[i].raw(startValue)) : null;
                    rgbFrom[i] = s != null ? s : ch.colour(u, i);
                }
            }
        }
    }

    private static RowRenderer fade(int[][] parts) {
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
