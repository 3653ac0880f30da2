package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.show.RenderVersion;
import java.util.List;

/** What every row of one render shares: the frame rate, the POIs and the render semantics. */
public record RenderEnv(int fps, List<? extends JsonNode> pois, RenderVersion version) {
    public boolean v1() {
        return version == RenderVersion.V1;
    }
}
