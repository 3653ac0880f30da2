package io.beatlight.playback;

import io.beatlight.dmx.DmxFrame;

/**
 * Output during a preview: the clip plays from {@code startNanos} in real time and holds its last frame after the
 * end, so the wire is right even before the engine notices the preview has finished.
 */
public record ClipSource(FrameTimeline clip, long startNanos) implements FrameSource {

    public boolean finishedAt(long nanoTime) {
        return (nanoTime - startNanos) / 1e9 * clip.fps() >= clip.frameCount() - 1;
    }

    @Override
    public DmxFrame frameAt(long nanoTime) {
        double elapsed = Math.max(0, (nanoTime - startNanos) / 1e9);
        return clip.frame((int) Math.min(clip.frameCount() - 1, Math.floor(elapsed * clip.fps())));
    }
}
