package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What every row of one render shares: the frame rate, the POIs and the render semantics. */
public record RenderEnv(int fps, List<? extends JsonNode> pois, RenderVersion version) {
    /**
     * A key the renderer adds to a pre-rolled row's data: the first frame of the row that is visible (earlier
     * frames are only computed so the row's state at that frame is right).
     */
    public static final String PREROLL_VISIBLE_FRAME = "__preroll_visible_frame";

    public boolean v1() {
        return version == RenderVersion.V1;
    }
}
