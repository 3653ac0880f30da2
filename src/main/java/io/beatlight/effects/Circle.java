package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code circle} (later set): the beam draws a circle in the room around a POI's location. Room points become
 * pan/tilt by inverse-distance weighting of the calibrated {@code ref_*} POIs.
 */
final class Circle extends BaseEffect {
    private static final PoiParam CENTRE = Param.poi("target_poi", "The POI at the centre.")
            .orFrom("target_POI", "poi_id");
    private static final NumberParam RADIUS = Param.number("radius", "Radius in room units (0..1 spans the room).",
            0.0, 1.0, null);
    private static final NumberParam ORBITS = Param.number("orbits", "Turns over the cue's duration.", 0.0, null, 1.0)
            .orFrom("cycles");

    Circle() {
        super("circle", "Circle", "Draws a circle in the room around a point of interest.",
                List.of("movement", "focus", "long", "soft"),
                Parameters.of(CENTRE, RADIUS, ORBITS).requiring(CENTRE, RADIUS));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !env.v1() && fixture.fixture().isMovingHead() && fixture.hasAxes();
    }

    /** A calibrated reference: its clamped room location and the fixture's pan/tilt there. */
    private record Reference(double x, double y, double z, int pan, int tilt) {
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (!fixture.hasAxes()) {
            return RowRenderer.NOOP;
        }
        String key = CENTRE.read(data);
        JsonNode centre = key.isEmpty() ? null : Targets.poiRecord(key, env.pois());
        if (centre == null) {
            return RowRenderer.NOOP;
        }
        double cx = clamp01(Coerce.num(centre.path("location").get("x"), 0));
        double cy = clamp01(Coerce.num(centre.path("location").get("y"), 0));
        double cz = clamp01(Coerce.num(centre.path("location").get("z"), 0));
        double radius = Math.max(0, RADIUS.read(data));
        double orbits = ORBITS.read(data);
        List<Reference> references = references(fixture.fixture().id(), env.pois());
        if (references.isEmpty()) {
            return RowRenderer.NOOP;
        }
        Travel travel = new Travel(fixture.fixture().template(), env.fps());
        return new TravelRenderer(fixture, travel) {
            @Override
            protected void step(int f, int start, int end, byte[] u) {
                double theta = 2 * Math.PI * orbits * RowRenderer.progress(f, start, end);
                double x = clamp01(cx + StrictMath.cos(theta) * radius);
                double y = clamp01(cy + StrictMath.sin(theta) * radius);
                double[] target = panTilt(references, x, y, cz);
                moveToward(target[0], target[1], u);
            }
        };
    }

    /** The {@code ref_*} POIs (any case) that have a target for this fixture, in POI order. */
    private static List<Reference> references(String fixtureId, List<? extends JsonNode> pois) {
        List<Reference> references = new ArrayList<>();
        for (JsonNode poi : pois) {
            String id = poi.path("id").asText().strip().toLowerCase(Locale.ROOT);
            if (!id.startsWith("ref_")) {
                continue;
            }
            Targets.PanTilt target = Targets.poi(id, fixtureId, pois);
            if (target.complete()) {
                JsonNode loc = poi.path("location");
                references.add(new Reference(clamp01(Coerce.num(loc.get("x"), 0)), clamp01(Coerce.num(loc.get("y"), 0)),
                        clamp01(Coerce.num(loc.get("z"), 0)), target.pan(), target.tilt()));
            }
        }
        return references;
    }

    private static double[] panTilt(List<Reference> references, double x, double y, double z) {
        double sumW = 0;
        double sumPan = 0;
        double sumTilt = 0;
        for (Reference r : references) {
            double dist = Math.sqrt((x - r.x()) * (x - r.x()) + (y - r.y()) * (y - r.y()) + (z - r.z()) * (z - r.z()));
            if (dist <= 1e-6) {
                return new double[] {r.pan(), r.tilt()};
            }
            double w = 1 / (dist * dist);
            sumW += w;
            sumPan += w * r.pan();
            sumTilt += w * r.tilt();
        }
        return new double[] {Math.max(0, Math.min(65535, Math.rint(sumPan / sumW))),
                Math.max(0, Math.min(65535, Math.rint(sumTilt / sumW)))};
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : Math.min(1, x);
    }
}
