package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;

/** Identity of a row for continuing its renderer in a re-render: everything but its position in the sheet. */
record RowKey(double time, String fixtureId, String effect, double duration, JsonNode data) {
    static RowKey of(CueRow row) {
        return new RowKey(row.time(), row.fixtureId(), row.effect(), row.duration(), row.data());
    }

    /** The row's last frame at {@code fps}. */
    double endFrame(int fps) {
        return Math.rint((time + Math.max(0, duration)) * fps);
    }
}
