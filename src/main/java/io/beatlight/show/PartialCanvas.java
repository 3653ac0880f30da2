package io.beatlight.show;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameTimeline;

/**
 * A look at a re-render still under way: frames up to {@link #readyUntil()} are the new render's, later frames the
 * previous canvas's. Playback can follow it while the renderer finishes the rest of the song, so an edit at the
 * playhead is seen before the whole canvas is done. The renderer never writes the frames up to
 * {@code readyUntil} again, and the look is handed to other threads through a queue, so they read finished bytes.
 */
public final class PartialCanvas implements FrameTimeline {
    private final UniverseLayout layout;
    private final byte[] rendering;
    private final int readyUntil;
    private final Canvas previous;

    PartialCanvas(UniverseLayout layout, byte[] rendering, int readyUntil, Canvas previous) {
        this.layout = layout;
        this.rendering = rendering;
        this.readyUntil = readyUntil;
        this.previous = previous;
    }

    /** The last frame of the new render in this look. */
    public int readyUntil() {
        return readyUntil;
    }

    @Override
    public int frameCount() {
        return previous.frameCount();
    }

    @Override
    public double fps() {
        return previous.fps();
    }

    @Override
    public DmxFrame frame(int index) {
        return index <= readyUntil ? DmxFrame.wrap(layout, rendering, index * layout.frameBytes())
                : previous.frame(index);
    }
}
