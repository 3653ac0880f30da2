package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.effects.RenderEnv;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.Rig;
import java.util.List;

/**
 * Everything a render needs: the rig, its valid POI records, the rows, the length and frame rate, the render
 * semantics, and the universe the first frame starts from (the rig's arm defaults unless a preview starts elsewhere).
 */
public record RenderInput(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, double lengthSeconds, int fps,
                          RenderVersion version, DmxFrame base) {

    /** A render that starts from the rig's arm defaults. */
    public RenderInput(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, double lengthSeconds, int fps,
                       RenderVersion version) {
        this(rig, pois, rows, lengthSeconds, fps, version, rig.armDefaults());
    }

    /** The same render starting from {@code start} (a chaser preview starts from the editor's look). */
    public RenderInput startingFrom(DmxFrame start) {
        return new RenderInput(rig, pois, rows, lengthSeconds, fps, version, start);
    }

    public int frameCount() {
        return Canvas.frameCount(lengthSeconds, fps);
    }

    RenderEnv env() {
        return new RenderEnv(fps, pois, version);
    }
}
