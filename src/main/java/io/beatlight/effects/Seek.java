package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code seek}: sets pan and tilt instantly on the start frame (§A8). */
final class Seek extends BaseEffect {
    Seek() {
        super("seek", "Seek", "Jumps the head to a pan/tilt position instantly.", List.of("movement", "focus", "short", "static"),
                object(u16Prop("pan", "Pan 0..65535."), u16Prop("tilt", "Tilt 0..65535."),
                        prop("preset", "string", "A POI to jump to instead (later semantics).")));
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
