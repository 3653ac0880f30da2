package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code move_to_poi}: {@code move_to} towards a POI's calibrated pan/tilt for this head. */
final class MoveToPoi extends BaseEffect {
    /** Seed sheets also spell it poi or POI. */
    private static final PoiParam TARGET = Param.poi("target_POI", "The point of interest to move to.")
            .orFrom("poi", "POI");
    /** The later semantics also accept poi_id. */
    private static final PoiParam TARGET_LATER = TARGET.orFrom("poi_id");

    MoveToPoi() {
        super("move_to_poi", "Move To POI", "Moves the head to a point of interest over the cue's duration.",
                List.of("movement", "focus", "short", "static"), Parameters.of(TARGET));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        String key = (env.v1() ? TARGET : TARGET_LATER).read(data);
        if (key.isEmpty()) {
            return RowRenderer.NOOP;
        }
        return MoveTo.moveTowards(fixture, Targets.poi(key, fixture.fixture().id(), env.pois()), env);
    }
}
