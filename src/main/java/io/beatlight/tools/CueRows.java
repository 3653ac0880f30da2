package io.beatlight.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/** Small builders shared by the tools, the drafter and the interpreter: cue rows, times to the millisecond. */
public final class CueRows {
    private CueRows() {
    }

    public static ObjectNode row(double time, String fixture, String effect, double duration, ObjectNode data) {
        ObjectNode row = Json.object().put("time", round(time)).put("fixture_id", fixture).put("effect", effect)
                .put("duration", round(duration));
        row.set("data", data.deepCopy());
        return row;
    }

    public static double round(double seconds) {
        return Math.rint(seconds * 1000) / 1000;
    }

    public static int[] rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new int[] {v >> 16 & 255, v >> 8 & 255, v & 255};
    }
}
