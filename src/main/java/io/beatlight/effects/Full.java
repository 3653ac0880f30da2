package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code full}. Heads: intensity and shutter to 255 on the start frame. Par cans: RGB on the start frame — the
 * given colour (a missing component is 0) or white when none is given; the dimmer is untouched.
 */
final class Full extends BaseEffect {
    private static final IntegerParam RED = Param.byteValue("red", "Par cans: red 0..255.");
    private static final IntegerParam GREEN = Param.byteValue("green", "Par cans: green 0..255.");
    private static final IntegerParam BLUE = Param.byteValue("blue", "Par cans: blue 0..255.");

    Full() {
        super("full", "Full Intensity", "Sets the fixture to full output at the cue's start (par cans: the given "
                + "colour or white).", List.of("sustain", "accent", "wash", "hard", "static"),
                Parameters.of(RED, GREEN, BLUE));
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
            // later semantics: dimmer, shutter and colour to full; the colour keys are ignored, as the later reference does
            Generic.Channels ch = Generic.channels(fixture);
            return (f, start, end, u) -> {
                if (f == start) {
                    FixtureChannels.set(u, ch.dim(), 255);
                    FixtureChannels.set(u, ch.shutter(), 255);
                    if (ch.hasRgb()) {
                        for (int i = 0; i < 3; i++) {
                            ch.setColour(u, i, 255);
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
        boolean coloured = RED.given(data) || GREEN.given(data) || BLUE.given(data);
        int red = coloured ? RED.read(data) : 255;
        int green = coloured ? GREEN.read(data) : 255;
        int blue = coloured ? BLUE.read(data) : 255;
        return (f, start, end, u) -> {
            if (f == start) {
                u[fixture.red()] = (byte) red;
                u[fixture.green()] = (byte) green;
                u[fixture.blue()] = (byte) blue;
            }
        };
    }
}
