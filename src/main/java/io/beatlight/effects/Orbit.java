package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code orbit} and {@code orbit_out} (later set): the beam spirals from the start POI into the subject POI
 * ({@code orbit_out}: back out), within the head's travel limits; the dimmer holds the level it had at the start.
 */
final class Orbit extends BaseEffect {
    private static final PoiParam SUBJECT = Param.poi("subject_POI", "The point the spiral closes on.");
    private static final PoiParam FROM = Param.poi("start_POI", "Where the spiral begins (its radius).");
    private static final NumberParam ORBITS = Param.number("orbits", "Turns around the subject.", 0.0, null, 1.0);
    private static final TextParam EASING = Param.text("easing",
            "late_focus (default), early_focus, balanced or linear.", "late_focus",
            "late_focus", "early_focus", "balanced", "linear");
    private static final FlagParam WRITE_DIMMER = Param.flag("write_dimmer",
            "Hold the dimmer at its starting level (default true).", true, "dimmer");
    private static final Parameters PARAMETERS = Parameters.of(SUBJECT, FROM, ORBITS, EASING, WRITE_DIMMER)
            .requiring(SUBJECT, FROM);

    private final boolean outwards;

    Orbit(boolean outwards) {
        super(outwards ? "orbit_out" : "orbit", outwards ? "Orbit Out" : "Orbit",
                outwards ? "Spirals the beam out from the subject POI to the start POI."
                        : "Spirals the beam from the start POI in to the subject POI.",
                outwards ? List.of("release", "movement", "focus", "tension", "long")
                        : List.of("rise", "movement", "focus", "tension", "long"),
                PARAMETERS);
        this.outwards = outwards;
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !env.v1() && fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    static double easeFocus(String easing, double q) {
        return switch (easing) {
            case "linear" -> q;
            case "early_focus" -> 1 - Math.pow(1 - q, 3);
            case "balanced" -> 3 * q * q - 2 * q * q * q;
            default -> q * q * q;
        };
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!fixture.hasAxes()) {
            return RowRenderer.NOOP;
        }
        String id = fixture.fixture().id();
        Targets.PanTilt subject = Targets.poi(SUBJECT.read(data), id, env.pois());
        Targets.PanTilt from = Targets.poi(FROM.read(data), id, env.pois());
        if (!subject.complete() || !from.complete()) {
            return RowRenderer.NOOP;
        }
        Spiral spiral = Spiral.of(from, subject, turns(data), EASING.read(data), outwards);
        Targets.PanTilt destination = outwards ? subject : from;
        return new SpiralRenderer(fixture, env.fps(), spiral, destination, WRITE_DIMMER.read(data),
                data.get(RenderEnv.PREROLL_VISIBLE_FRAME));
    }

    /** Turns around the subject: 1 when absent or unparsable, 0 when falsy (0, "", false, null). */
    private static double turns(JsonNode data) {
        double orbits = !ORBITS.given(data) ? 1 : ORBITS.truthy(data) ? ORBITS.read(data) : 0;
        return Math.max(0, orbits);
    }

    /** The spiral around the subject: the start's radius and angle, the turns and how the radius closes. */
    private record Spiral(Targets.PanTilt subject, double r0, double angle0, double turns, String easing,
                          boolean outwards) {
        static Spiral of(Targets.PanTilt from, Targets.PanTilt subject, double turns, String easing,
                         boolean outwards) {
            double dx = from.pan() - subject.pan();
            double dy = from.tilt() - subject.tilt();
            return new Spiral(subject, Math.sqrt(dx * dx + dy * dy), StrictMath.atan2(dy, dx), turns, easing,
                    outwards);
        }

        /** The point at progress {@code q} of the visible window, rounded; the subject itself when r0 is 0. */
        double[] point(double q) {
            if (outwards) {
                q = 1 - q;
            }
            double targetPan = subject.pan();
            double targetTilt = subject.tilt();
            if (r0 > 0) {
                double theta = angle0 + 2 * Math.PI * turns * q;
                double r = r0 * (1 - easeFocus(easing, q));
                targetPan = Math.rint(subject.pan() + StrictMath.cos(theta) * r);
                targetTilt = Math.rint(subject.tilt() + StrictMath.sin(theta) * r);
            }
            return new double[] {targetPan, targetTilt};
        }
    }

    /** Follows the spiral within the travel limits, after a dark pre-roll to where it begins. */
    private static final class SpiralRenderer extends TravelRenderer {
        private final int fps;
        private final Spiral spiral;
        private final Targets.PanTilt destination;
        private final boolean dimmer;
        private final JsonNode visibleNode;
        private int level;

        SpiralRenderer(FixtureChannels fixture, int fps, Spiral spiral, Targets.PanTilt destination, boolean dimmer,
                       JsonNode visibleNode) {
            super(fixture, new Travel(fixture.fixture().template(), fps));
            this.fps = fps;
            this.spiral = spiral;
            this.destination = destination;
            this.dimmer = dimmer;
            this.visibleNode = visibleNode;
        }

        @Override
        protected void onStart(byte[] u) {
            level = FixtureChannels.get(u, fixture.intensity());
        }

        @Override
        protected void step(int f, int start, int end, byte[] u) {
            int vis = visibleNode == null ? start : visibleNode.asInt();
            if (f < vis) {
                // dark pre-roll: travel to where the spiral begins
                preRoll(f, start, vis, destination.pan(), destination.tilt(), fps, u);
                writeDimmer(0, u);
                return;
            }
            double[] target = spiral.point(RowRenderer.progress(f, vis, end));
            moveToward(target[0], target[1], u);
            writeDimmer(level, u);
        }

        private void writeDimmer(int value, byte[] u) {
            if (dimmer) {
                FixtureChannels.set(u, fixture.intensity(), value);
            }
        }
    }
}
