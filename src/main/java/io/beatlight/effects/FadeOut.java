package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code fade_out} (later set): dimmer and colour fall to 0 from where they are (or from {@code start_value} /
 * the values in {@code data}), along an easing curve. The shutter is untouched.
 */
final class FadeOut extends BaseEffect {
    FadeOut() {
        super("fade_out", "Fade Out", "Fades the fixture to black over the cue's duration.",
                List.of("drop", "soft", "long", "release"), Parameters.of(Generic.START_VALUE, Generic.EASING));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !env.v1() && Generic.hasMeta(fixture, "dim", "rgb");
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Generic.Channels ch = Generic.channels(fixture);
        JsonNode startValue = Generic.START_VALUE.raw(data);
        String easing = Generic.EASING.read(data);
        String[] names = {"red", "green", "blue"};
        return new RowRenderer() {
            private int dimFrom;
            private int[] rgbFrom;
            private boolean started;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (!started) {
                    started = true;
                    Integer given = startValue != null && startValue.isNumber() ? Generic.scaled(startValue) : null;
                    if (given == null && ch.dimName() != null) {
                        // like set_channels, a template channel name as a key gives that channel's level
                        JsonNode d = data.has(ch.dimName()) ? data.get(ch.dimName()) : data.get("dim");
                        given = Generic.scaled(d);
                    }
                    dimFrom = given != null ? given : FixtureChannels.get(u, ch.dim());
                    if (ch.hasRgb()) {
                        rgbFrom = new int[3];
                        for (int i = 0; i < 3; i++) {
                            JsonNode v = startValue != null && startValue.isObject() && startValue.has(names[i])
                                    ? startValue.get(names[i]) : data.get(names[i]);
                            Integer s = Generic.scaled(v);
                            rgbFrom[i] = s != null ? s : ch.colour(u, i);
                        }
                    }
                }
                double p = Generic.eased(f, start, end, easing);
                FixtureChannels.set(u, ch.dim(), Generic.lerp(dimFrom, 0, p));
                if (rgbFrom != null) {
                    for (int i = 0; i < 3; i++) {
                        ch.setColour(u, i, Generic.lerp(rgbFrom[i], 0, p));
                    }
                }
            }
        };
    }
}
