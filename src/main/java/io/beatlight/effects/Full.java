package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code full}. Heads: intensity and shutter to 255 on the start frame. Par cans: RGB on the start frame — the
 * given colour (a missing component is 0) or white when none is given; the dimmer is untouched (§A8, §A9).
 */
final class Full extends BaseEffect {
    Full() {
        super("full", "Full Intensity", "Sets the fixture to full output at the cue's start (par cans: the given colour or "
                + "white).", List.of("sustain", "accent", "wash", "hard", "static"),
                object(byteProp("red", "Par cans: red 0..255."), byteProp("green", "Par cans: green 0..255."),
                        byteProp("blue", "Par cans: blue 0..255.")));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        if (!env.v1()) {
            return Generic.hasMeta(fixture, "dim", "shutter", "rgb");
        }
        return fixture.fixture().isMovingHead()
                ? fixture.intensity() != FixtureChannels.NONE || fixture.shutter() != FixtureChannels.NONE
                : fixture.hasRgb();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!env.v1()) {
            // later semantics (§B3): dimmer, shutter and colour to full; colour keys are ignored (L3)
            Generic.Channels ch = Generic.channels(fixture);
            return (f, start, end, u) -> {
                if (f == start) {
                    FixtureChannels.set(u, ch.dim(), 255);
                    FixtureChannels.set(u, ch.shutter(), 255);
                    if (ch.hasRgb()) {
                        for (int c : ch.rgb()) {
                            FixtureChannels.set(u, c, 255);
                        }
                    }
                }
            };
        }
        if (fixture.fixture().isMovingHead()) {
            int intensity = fixture.intensity();
            int shutter = fixture.shutter();
            return (f, start, end, u) -> {
                if (f == start) {
                    FixtureChannels.set(u, intensity, 255);
                    FixtureChannels.set(u, shutter, 255);
                }
            };
        }
        if (!fixture.hasRgb()) {
            return RowRenderer.NOOP;
        }
        boolean coloured = data.has("red") || data.has("green") || data.has("blue");
        int red = coloured ? Coerce.byteValue(data.get("red")) : 255;
        int green = coloured ? Coerce.byteValue(data.get("green")) : 255;
        int blue = coloured ? Coerce.byteValue(data.get("blue")) : 255;
        return (f, start, end, u) -> {
            if (f == start) {
                u[fixture.red()] = (byte) red;
                u[fixture.green()] = (byte) green;
                u[fixture.blue()] = (byte) blue;
            }
        };
    }
}
