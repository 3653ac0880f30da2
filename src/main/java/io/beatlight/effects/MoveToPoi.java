package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code move_to_poi}: {@code move_to} towards a POI's calibrated pan/tilt for this head (§A8). */
final class MoveToPoi extends BaseEffect {
    MoveToPoi() {
        super("move_to_poi", "Move To POI", "Moves the head to a point of interest over the cue's duration.",
                List.of("movement", "focus", "short", "static"),
                object(poiProp("target_POI", "The point of interest to move to.")));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        String key = "";
        for (String name : env.v1() ? new String[] {"target_POI", "poi", "POI"}
                : new String[] {"target_POI", "poi", "POI", "poi_id"}) {
            if (Coerce.truthy(data.get(name))) {
                key = Coerce.key(data.get(name));
                break;
            }
        }
        if (key.isEmpty()) {
            return RowRenderer.NOOP;
        }
        return MoveTo.moveTowards(fixture, Targets.poi(key, fixture.fixture().id(), env.pois()), env);
    }
}
