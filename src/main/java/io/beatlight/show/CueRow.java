package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An effect row ready to render: time and duration in seconds, the fixture and effect as written in the sheet, its
 * data, and its position in the sheet (ties in the render order fall back to it).
 */
public record CueRow(double time, String fixtureId, String effect, double duration, JsonNode data, int sheetIndex) {

    /**
     * Render order (docs/effects.md#the-frame-loop): time numerically, then fixture id, then the raw effect string;
     * sheet order on ties.
     */
    public static int compare(CueRow a, CueRow b) {
        if (a.time < b.time) {
            return -1;
        }
        if (a.time > b.time) {
            return 1;
        }
        int byFixture = a.fixtureId.compareTo(b.fixtureId);
        if (byFixture != 0) {
            return byFixture;
        }
        int byEffect = a.effect.compareTo(b.effect);
        return byEffect != 0 ? byEffect : Integer.compare(a.sheetIndex, b.sheetIndex);
    }
}
