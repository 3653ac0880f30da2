package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code move_to}: interpolates pan and tilt from where the head is on the row's first frame to the target, reaching
 * it exactly on the end frame. A zero-duration move does not move in v1 (as the seed did); in v2 it snaps.
 */
final class MoveTo extends BaseEffect {
    // pan and tilt also come as _msb/_lsb or with _fine, and preset names a POI: Targets reads them together
    private static final Parameters PARAMETERS = Parameters.of(Param.u16("pan", "Pan target 0..65535."),
            Param.u16("tilt", "Tilt target 0..65535."),
            Param.text("preset", "A POI to move to instead of pan/tilt (later semantics).", null));

    MoveTo() {
        super("move_to", "Move To", "Moves the head to a pan/tilt position over the cue's duration.",
                List.of("movement", "focus", "short"), PARAMETERS);
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Targets.PanTilt target = Targets.fromData(data, fixture.fixture().id(), env.pois(), !env.v1());
        return moveTowards(fixture, target, env);
    }

    /** The interpolating renderer shared by move_to and move_to_poi. */
    static RowRenderer moveTowards(FixtureChannels fixture, Targets.PanTilt target, RenderEnv env) {
        if (!fixture.hasAxes() || !target.complete()) {
            return RowRenderer.NOOP;
        }
        int panTarget = target.pan();
        int tiltTarget = target.tilt();
        boolean snapWhenInstant = !env.v1();
        return new RowRenderer() {
            private int pan0;
            private int tilt0;
            private boolean started;

            @Override
            public void render(int f, int start, int end, byte[] u) {
                if (!started) {
                    pan0 = fixture.pan(u);
                    tilt0 = fixture.tilt(u);
                    started = true;
                }
                if (snapWhenInstant && end == start) {
                    fixture.setPan(u, panTarget);
                    fixture.setTilt(u, tiltTarget);
                    return;
                }
                double p = RowRenderer.progress(f, start, end);
                fixture.setPan(u, (long) Math.rint(pan0 + (panTarget - pan0) * p));
                fixture.setTilt(u, (long) Math.rint(tilt0 + (tiltTarget - tilt0) * p));
            }
        };
    }
}
