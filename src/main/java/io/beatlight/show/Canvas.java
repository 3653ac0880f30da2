package io.beatlight.show;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameTimeline;

/**
 * A pre-rendered show: every frame of every used universe in one flat byte array (frame i at
 * {@code i × frameBytes}). Immutable once rendered; frames are views, not copies.
 */
public final class Canvas implements FrameTimeline {
    private final UniverseLayout layout;
    private final byte[] data;
    private final int frames;
    private final int fps;
    /** The renderer instances of the rows that rendered, so a re-render can continue rows spanning its start. */
    private final RowStates rowStates;
    private final PreRollStarts preRolls;

    Canvas(UniverseLayout layout, byte[] data, int frames, int fps) {
        this(layout, data, frames, fps, new RowStates());
    }

    Canvas(UniverseLayout layout, byte[] data, int frames, int fps, RowStates rowStates) {
        this(layout, data, frames, fps, rowStates, PreRollStarts.NONE);
    }

    Canvas(UniverseLayout layout, byte[] data, int frames, int fps, RowStates rowStates, PreRollStarts preRolls) {
        this.layout = layout;
        this.data = data;
        this.frames = frames;
        this.fps = fps;
        this.rowStates = rowStates;
        this.preRolls = preRolls;
    }

    RowStates rowStates() {
        return rowStates;
    }

    /** Where this render's pre-rolled rows started, so a re-render can restart before them. */
    PreRollStarts preRolls() {
        return preRolls;
    }

    /** {@code max(1, ceil(L·fps) + 1)}, with the product taken in binary64 (4.15 s → 251 frames). */
    public static int frameCount(double lengthSeconds, int fps) {
        double product = Math.max(0, lengthSeconds) * fps;
        return (int) Math.max(1, Math.ceil(product) + 1);
    }

    @Override
    public int frameCount() {
        return frames;
    }

    @Override
    public double fps() {
        return fps;
    }

    public UniverseLayout layout() {
        return layout;
    }

    @Override
    public DmxFrame frame(int index) {
        return DmxFrame.wrap(layout, data, index * layout.frameBytes());
    }

    /** The whole flat buffer (read-only by contract), e.g. for hashing or export. */
    public byte[] bytes() {
        return data;
    }
}
