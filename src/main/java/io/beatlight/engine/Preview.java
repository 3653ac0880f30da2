package io.beatlight.engine;

import io.beatlight.playback.ClipSource;

/**
 * A running preview: a fixture effect or a chaser, played on output from a clip. A fixture preview names its
 * fixture and effect, a chaser preview its chaser; the other fields are null.
 */
public record Preview(String requestId, Kind kind, String fixtureId, String effectId, String chaserId,
                      int cueCount, ClipSource source) {
    public enum Kind { FIXTURE, CHASER }

    /** At its natural end a fixture preview leaves its last frame in the editor; a chaser preview does not. */
    public boolean keepsResult() {
        return kind == Kind.FIXTURE;
    }

    public int frameCount() {
        return source.clip().frameCount();
    }

    public double fps() {
        return source.clip().fps();
    }

    public double seconds() {
        return frameCount() / fps();
    }
}
