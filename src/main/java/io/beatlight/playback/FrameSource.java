package io.beatlight.playback;

import io.beatlight.dmx.DmxFrame;

/**
 * What the output universe shows at a given instant. The show engine publishes an immutable source whenever the
 * routing changes (an edit, play, a seek, a preview); the output loop asks it for the frame at each send time, so
 * playback and previews advance every frame without the output loop ever touching show state.
 */
@FunctionalInterface
public interface FrameSource {
    /** The frame to send at {@code nanoTime} (a {@link System#nanoTime()} reading). Must be fast and never throw. */
    DmxFrame frameAt(long nanoTime);

    /** A source that always shows one frame. */
    static FrameSource constant(DmxFrame frame) {
        return nanoTime -> frame;
    }
}
