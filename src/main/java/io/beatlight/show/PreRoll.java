package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.effects.Coerce;
import io.beatlight.effects.Targets;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.MetaChannel;
import io.beatlight.rig.MetaKind;
import io.beatlight.rig.Rig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pre-roll planning for v2 (docs/effects.md#pre-roll-v2): a sweep or orbit must already point at its start when it
 * becomes visible, so the row starts earlier with a dark travel phase whose length follows the head's travel speed.
 * Positions are tracked per head in time order from the base universe (the fixes of quirks L8 and L10 in
 * docs/effects.md#quirks: sheet order and live slider values made the plan disagree with the canvas).
 */
final class PreRoll {
    static final double SAFETY_S = 0.1;
    static final double SETTLE_S = 0.1;

    private PreRoll() {
    }

    /** Pre-roll frames per row (by identity); rows without pre-roll are absent. */
    static Map<CueRow, Integer> plan(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, DmxFrame base,
                                     int fps) {
        Map<CueRow, Integer> plan = new IdentityHashMap<>();
        Map<String, double[]> tracked = new HashMap<>();
        for (CueRow row : inTimeOrder(rows)) {
            Fixture fixture = rig.fixture(row.fixtureId()).orElse(null);
            if (fixture == null || !fixture.isMovingHead()) {
                continue;
            }
            double[] position = tracked.computeIfAbsent(fixture.id(), id -> initial(fixture, base));
            if (position == null) {
                continue;
            }
            Move move = move(fixture, row, pois);
            if (move.destination() != null && move.destination().complete()) {
                int frames = preRollFrames(fixture.template(), position, move.destination(), fps);
                if (frames > 0) {
                    plan.put(row, frames);
                }
            }
            if (move.end() != null && move.end().complete()) {
                position[0] = move.end().pan();
                position[1] = move.end().tilt();
            }
        }
        return plan;
    }

    /** Where a row takes the head: the start of its dark pre-roll (null: none) and where the head ends up. */
    private record Move(Targets.PanTilt destination, Targets.PanTilt end) {
    }

    /** A copy of the rows in time order; the sort is stable, so ties keep sheet order. */
    private static List<CueRow> inTimeOrder(List<CueRow> rows) {
        List<CueRow> byTime = new ArrayList<>(rows);
        byTime.sort((a, b) -> a.time() < b.time() ? -1 : a.time() > b.time() ? 1 : 0);
        return byTime;
    }

    private static Move move(Fixture fixture, CueRow row, List<? extends JsonNode> pois) {
        String effect = row.effect().strip().toLowerCase(Locale.ROOT);
        JsonNode data = row.data();
        String id = fixture.id();
        Targets.PanTilt start = Targets.poi(Coerce.key(data.get("start_POI")), id, pois);
        Targets.PanTilt subject = Targets.poi(Coerce.key(data.get("subject_POI")), id, pois);
        Move move = switch (effect) {
            case "move_to", "seek" -> new Move(null, Targets.fromData(data, id, pois, true));
            case "move_to_poi" -> new Move(null, namedPoi(data, id, pois));
            case "sweep" -> new Move(start, sweepEnd(data, id, pois, start, subject));
            case "orbit" -> new Move(writesDimmer(fixture, data) ? start : null, subject);
            case "orbit_out" -> new Move(writesDimmer(fixture, data) ? subject : null, start);
            default -> new Move(null, null);
        };
        // a pre-roll needs both POIs, whichever of them it travels to
        return start.complete() && subject.complete() ? move : new Move(null, move.end());
    }

    /** The POI named by the first truthy key of a {@code move_to_poi} row, or null. */
    private static Targets.PanTilt namedPoi(JsonNode data, String id, List<? extends JsonNode> pois) {
        for (String key : new String[] {"target_POI", "poi", "POI", "poi_id"}) {
            if (Coerce.truthy(data.get(key))) {
                return Targets.poi(Coerce.key(data.get(key)), id, pois);
            }
        }
        return null;
    }

    /** A sweep ends at its end POI, else at the start mirrored through the subject; null when either is missing. */
    private static Targets.PanTilt sweepEnd(JsonNode data, String id, List<? extends JsonNode> pois,
                                            Targets.PanTilt start, Targets.PanTilt subject) {
        if (!start.complete() || !subject.complete()) {
            return null;
        }
        Targets.PanTilt given = Targets.poi(Coerce.key(data.get("end_POI")), id, pois);
        return given.complete() ? given : new Targets.PanTilt(
                Math.max(0, Math.min(65535, 2 * subject.pan() - start.pan())),
                Math.max(0, Math.min(65535, 2 * subject.tilt() - start.tilt())));
    }

    /** Travel time to the destination at the head's speed plus the safety and settle margins, in frames. */
    private static int preRollFrames(FixtureTemplate template, double[] position, Targets.PanTilt destination,
                                     int fps) {
        double[] travel = travelSeconds(template);
        double seconds = Math.max(0, Math.max(Math.abs(destination.pan() - position[0]) / 65535 * travel[0],
                Math.abs(destination.tilt() - position[1]) / 65535 * travel[1])) + SAFETY_S + SETTLE_S;
        return (int) Math.max(0, Math.rint(seconds * fps));
    }

    private static boolean writesDimmer(Fixture fixture, JsonNode data) {
        JsonNode v = data.has("write_dimmer") ? data.get("write_dimmer") : data.get("dimmer");
        boolean write = v == null || (v.isBoolean() ? v.asBoolean()
                : !List.of("0", "false", "off", "no").contains(Coerce.pythonString(v).strip().toLowerCase(Locale.ROOT)));
        FixtureTemplate t = fixture.template();
        return write && (t.channels().containsKey("dim") || t.channels().containsKey("dimmer")
                || t.channels().containsKey("intensity"));
    }

    private static double[] initial(Fixture fixture, DmxFrame base) {
        Integer pan = position(fixture, fixture.template().metaChannels().get("pan"), base);
        Integer tilt = position(fixture, fixture.template().metaChannels().get("tilt"), base);
        return pan == null || tilt == null ? null : new double[] {pan, tilt};
    }

    /** An axis's 16-bit position in the base universe: u16 {@code msb<<8|lsb}, an 8-bit axis {@code byte<<8}. */
    private static Integer position(Fixture fixture, MetaChannel axis, DmxFrame base) {
        int u = fixture.universe();
        if (axis == null) {
            return null;
        }
        if (axis.kind() == MetaKind.U16) {
            return base.get(u, fixture.addressOf(axis.channels().get(0))) << 8
                    | base.get(u, fixture.addressOf(axis.channels().get(1)));
        }
        return axis.kind() == MetaKind.U8 ? base.get(u, fixture.addressOf(axis.channel())) << 8 : null;
    }

    static double[] travelSeconds(FixtureTemplate template) {
        FixtureTemplate.PhysicalMovement m = template.physicalMovement();
        double pan = m == null || m.panFullTravelSeconds() == null ? 2.0 : Math.max(0, m.panFullTravelSeconds());
        double tilt = m == null || m.tiltFullTravelSeconds() == null ? 0.9 : Math.max(0, m.tiltFullTravelSeconds());
        return new double[] {pan, tilt};
    }
}
