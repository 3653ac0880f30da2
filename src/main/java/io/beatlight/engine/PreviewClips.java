package io.beatlight.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.show.Canvas;
import io.beatlight.show.CueRow;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the clips a preview plays, from the editor's look: one effect of one fixture, or one chaser expanded at
 * the loaded song's tempo. Both use the render version in force. Runs on the engine thread.
 */
final class PreviewClips {
    /** A chaser's clip and how many cue rows it expanded to. */
    record ChaserClip(Canvas clip, int cueCount) {
    }

    private final ShowEngine engine;

    PreviewClips(ShowEngine engine) {
        this.engine = engine;
    }

    /** {@code seconds} of one fixture effect; the caller has validated the request. */
    Canvas effect(DmxFrame start, String fixtureId, String effectId, double seconds, ObjectNode params) {
        return engine.renderer().preview(engine.renderInput(List.of(), seconds, engine.session().renderVersion())
                .startingFrom(start), fixtureId, effectId, params);
    }

    /** A chaser from time 0 until its last row ends; the caller has checked the chaser and the song's tempo. */
    ChaserClip chaser(DmxFrame start, String chaserId, long repetitions) {
        CueSession session = engine.session();
        List<ObjectNode> expanded = session.chasers().expand(chaserId, 0,
                Json.object().put("repetitions", repetitions), session.song().bpm());
        List<CueRow> rows = new ArrayList<>();
        double end = 0;
        for (ObjectNode row : expanded) {
            rows.add(new CueRow(row.get("time").asDouble(), row.path("fixture_id").asText(),
                    row.path("effect").asText(), row.get("duration").asDouble(), row.get("data"), rows.size()));
            end = Math.max(end, row.get("time").asDouble() + row.get("duration").asDouble());
        }
        Canvas clip = engine.renderer().render(engine.renderInput(rows, end, session.renderVersion())
                .startingFrom(start));
        return new ChaserClip(clip, rows.size());
    }
}
