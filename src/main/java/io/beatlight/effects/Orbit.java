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
        // a falsy orbits (0, "", false, null) means no turns, unlike an unparsable one
        double orbits = !ORBITS.given(data) ? 1 : ORBITS.truthy(data) ? ORBITS.read(data) : 0;
        double n = Math.max(0, orbits);
        String easing = EASING.read(data);
        boolean dimmer = WRITE_DIMMER.read(data);
        Travel travel = new Travel(fixture.fixture().template(), env.fps());
        double dx = from.pan() - subject.pan();
        double dy = from.tilt() - subject.tilt();
        double r0 = Math.sqrt(dx * dx + dy * dy);
        double angle0 = StrictMath.atan2(dy, dx);
        JsonNode visibleNode = data.get(RenderEnv.PREROLL_VISIBLE_FRAME);
        Targets.PanTilt destination = outwards ? subject : from;
        return new TravelRenderer(fixture, travel) {
            private int level;

            @Override
            protected void onStart(byte[] u) {
                level = FixtureChannels.get(u, fixture.intensity());
            }

            @Override
            protected void step(int f, int start, int end, byte[] u) {
                int vis = visibleNode == null ? start : visibleNode.asInt();
                if (f < vis) {
                    // dark pre-roll: travel to where the spiral begins
                    preRoll(f, start, vis, destination.pan(), destination.tilt(), env.fps(), u);
                    if (dimmer) {
                        FixtureChannels.set(u, fixture.intensity(), 0);
                    }
                    return;
                }
                double q = RowRenderer.progress(f, vis, end);
                if (outwards) {
                    q = 1 - q;
                }
                double targetPan = subject.pan();
                double targetTilt = subject.tilt();
                if (r0 > 0) {
                    double theta = angle0 + 2 * Math.PI * n * q;
                    double r = r0 * (1 - easeFocus(easing, q));
                    targetPan = Math.rint(subject.pan() + StrictMath.cos(theta) * r);
                    targetTilt = Math.rint(subject.tilt() + StrictMath.sin(theta) * r);
                }
                moveToward(targetPan, targetTilt, u);
                if (dimmer) {
                    FixtureChannels.set(u, fixture.intensity(), level);
                }
            }
        };
    }
}
