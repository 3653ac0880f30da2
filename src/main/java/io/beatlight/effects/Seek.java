package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code seek}: sets pan and tilt instantly on the start frame. */
final class Seek extends BaseEffect {
    // pan and tilt also come as _msb/_lsb or with _fine, and preset names a POI: Targets reads them together
    private static final Parameters PARAMETERS = Parameters.of(Param.u16("pan", "Pan 0..65535."),
            Param.u16("tilt", "Tilt 0..65535."),
            Param.text("preset", "A POI to jump to instead (later semantics).", null));

    Seek() {
        super("seek", "Seek", "Jumps the head to a pan/tilt position instantly.",
                List.of("movement", "focus", "short", "static"), PARAMETERS);
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Targets.PanTilt target = Targets.fromData(data, fixture.fixture().id(), env.pois(), !env.v1());
        if (!fixture.hasAxes() || !target.complete()) {
            return RowRenderer.NOOP;
        }
        int pan = target.pan();
        int tilt = target.tilt();
        return (f, start, end, u) -> {
            if (f == start) {
                fixture.setPan(u, pan);
                fixture.setTilt(u, tilt);
            }
        };
    }
}
