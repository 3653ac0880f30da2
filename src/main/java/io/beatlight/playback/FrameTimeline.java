package io.beatlight.playback;

import io.beatlight.dmx.DmxFrame;

/** Pre-rendered frames at a fixed rate: a song canvas or a preview clip. Immutable once published. */
public interface FrameTimeline {
    int frameCount();

    double fps();

    DmxFrame frame(int index);

    /** The frame for song time {@code t}: {@code clamp(rint(t·fps), 0, frames−1)}. */
    default int frameIndexAt(double seconds) {
        double index = Math.rint(seconds * fps());
        if (!(index > 0)) {
            return 0;
        }
        return (int) Math.min(index, frameCount() - 1);
    }

    default DmxFrame frameAt(double seconds) {
        return frame(frameIndexAt(seconds));
    }
}
