package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code strobe}. Heads chop the shutter (else the dimmer) with {@code P = max(1, R(fps/rate))} frames on and P off —
 * half the requested rate, as the seed did. Par cans chop their cached colour with half period
 * {@code max(1, R(fps/(2·rate)))} and end on the cached colour.
 */
final class Strobe extends BaseEffect {
    private static final NumberParam RATE = Param.number("rate", "Flashes per second.", 0.0, 40.0, 10.0);
    private static final NumberParam SPEED = Param.number("speed",
            "Par cans: 0..255 mapped to 1..20 Hz when no rate is given.", 0.0, 255.0, 255.0);

    Strobe() {
        super("strobe", "Strobe", "Flashes the fixture on and off at a rate in Hz.",
                List.of("spike", "sustain", "hard", "accent"), Parameters.of(RATE, SPEED));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        if (!env.v1()) {
            return Generic.hasMeta(fixture, "dim", "rgb");
        }
        return fixture.fixture().isMovingHead()
                ? fixture.shutter() != FixtureChannels.NONE || fixture.intensity() != FixtureChannels.NONE
                : fixture.hasRgb();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!env.v1()) {
            return later(fixture, data, env);
        }
        return fixture.fixture().isMovingHead() ? head(fixture, data, env) : par(fixture, data, env);
    }

    /**
     * Later semantics with the seed's strobe bugs fixed (half the rate on heads, a closed shutter, a dark end): the
     * dimmer (or, without one, the colour) pulses at the requested rate with the shutter open, and on the end frame
     * the fixture returns to the look it had before.
     */
    private static RowRenderer later(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Generic.Channels ch = Generic.channels(fixture);
        int half = (int) Math.max(1, Math.rint(env.fps() / (parRate(data) * 2)));
        return new RowRenderer() {
            private Generic.Look before;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (before == null) {
                    before = Generic.Look.capture(ch, u, false);
                }
                if (f >= end) {
                    before.restore(u);
                    return;
                }
                boolean on = ((f - start) / half) % 2 == 0;
                if (ch.hasDim()) {
                    FixtureChannels.set(u, ch.dim(), on ? 255 : 0);
                    FixtureChannels.set(u, ch.shutter(), 255);
                } else if (before.hasRgb()) {
                    for (int i = 0; i < 3; i++) {
                        ch.setColour(u, i, on ? before.rgb(i) : 0);
                    }
                }
            }
        };
    }

    private static RowRenderer head(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        int channel = fixture.shutter() != FixtureChannels.NONE ? fixture.shutter() : fixture.intensity();
        if (channel == FixtureChannels.NONE) {
            return RowRenderer.NOOP;
        }
        double rate = 10;
        if (RATE.truthy(data)) {
            Double r = Coerce.real(RATE.raw(data));
            rate = r == null || r <= 0 ? 10 : r;
        }
        int period = (int) Math.max(1, Math.rint(env.fps() / rate));
        return (f, start, end, u) -> u[channel] = (byte) (((f - start) / period) % 2 == 0 ? 255 : 0);
    }

    /**
     * The par-can rate rules: {@code rate} when present (a falsy rate is 0, then the default), else {@code speed}
     * mapped to 1..20 Hz. The seed read speed with Python's {@code int()}, so "25.5" fails to 0 and 25.9 is 25.
     */
    static double parRate(JsonNode data) {
        double rate;
        if (RATE.given(data)) {
            Double parsed = RATE.truthy(data) ? Coerce.real(RATE.raw(data)) : Double.valueOf(0);
            rate = parsed == null ? 10 : parsed;
        } else {
            long speed = 255;
            if (SPEED.given(data)) {
                Long s = Coerce.integer(SPEED.raw(data));
                speed = s == null ? 0 : Math.max(0, Math.min(255, s));
            }
            rate = 1 + (speed / 255.0) * 19;
        }
        return rate <= 0 ? 10 : rate;
    }

    private static RowRenderer par(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!fixture.hasRgb()) {
            return RowRenderer.NOOP;
        }
        int half = (int) Math.max(1, Math.rint(env.fps() / (parRate(data) * 2)));
        int r = fixture.red();
        int g = fixture.green();
        int b = fixture.blue();
        return new RowRenderer() {
            private byte onR;
            private byte onG;
            private byte onB;
            private boolean started;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (!started) {
                    onR = u[r];
                    onG = u[g];
                    onB = u[b];
                    started = true;
                }
                boolean on = f >= end || ((f - start) / half) % 2 == 0;
                u[r] = on ? onR : 0;
                u[g] = on ? onG : 0;
                u[b] = on ? onB : 0;
            }
        };
    }
}
