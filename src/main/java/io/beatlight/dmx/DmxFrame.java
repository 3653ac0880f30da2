package io.beatlight.dmx;

import java.util.Arrays;

/**
 * One immutable look of every used universe. It is a view over a byte array (a canvas keeps all its frames in one
 * flat buffer, so a frame is just an offset into it); nobody writes the array after the frame has been published.
 */
public final class DmxFrame {
    private final UniverseLayout layout;
    private final byte[] data;
    private final int offset;

    private DmxFrame(UniverseLayout layout, byte[] data, int offset) {
        if (offset < 0 || offset + layout.frameBytes() > data.length) {
            throw new IllegalArgumentException("frame outside its buffer");
        }
        this.layout = layout;
        this.data = data;
        this.offset = offset;
    }

    /** Wraps a region of a buffer that its owner promises never to modify again. */
    public static DmxFrame wrap(UniverseLayout layout, byte[] data, int offset) {
        return new DmxFrame(layout, data, offset);
    }

    /** An all-zero frame: the blackout look. */
    public static DmxFrame blackout(UniverseLayout layout) {
        return new DmxFrame(layout, new byte[layout.frameBytes()], 0);
    }

    public UniverseLayout layout() {
        return layout;
    }

    /** Value 0..255 of a 1-based channel in a universe; 0 for universes the frame does not carry. */
    public int get(int universe, int channel) {
        int index = layout.indexOf(universe);
        if (index < 0 || channel < 1 || channel > UniverseLayout.UNIVERSE_SIZE) {
            return 0;
        }
        return data[offset + index * UniverseLayout.UNIVERSE_SIZE + channel - 1] & 0xFF;
    }

    /** Copies the 512 bytes of the universe at {@code layoutIndex} into {@code dst}. */
    public void copyUniverse(int layoutIndex, byte[] dst, int dstOffset) {
        System.arraycopy(data, offset + layoutIndex * UniverseLayout.UNIVERSE_SIZE, dst, dstOffset,
                UniverseLayout.UNIVERSE_SIZE);
    }

    /** A fresh copy of the frame's bytes (all universes, in layout order). */
    public byte[] toBytes() {
        return Arrays.copyOfRange(data, offset, offset + layout.frameBytes());
    }
}
