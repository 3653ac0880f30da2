package io.beatlight.dmx;

import java.util.Arrays;

/**
 * One immutable look of every used universe. It is a view over a byte array (a canvas keeps all its frames in one
 * flat buffer, so a frame is just an offset into it), or over one array per universe (the editor's frames, which
 * share the universes an edit did not touch with the frame before); nobody writes the arrays after the frame has
 * been published.
 */
public final class DmxFrame {
    private final UniverseLayout layout;
    private final byte[] data;
    private final int offset;
    /** One 512-byte array per layout index, or null for a flat frame. */
    private final byte[][] universes;

    private DmxFrame(UniverseLayout layout, byte[] data, int offset) {
        if (offset < 0 || offset + layout.frameBytes() > data.length) {
            throw new IllegalArgumentException("frame outside its buffer");
        }
        this.layout = layout;
        this.data = data;
        this.offset = offset;
        this.universes = null;
    }

    private DmxFrame(UniverseLayout layout, byte[][] universes) {
        if (universes.length != layout.count()) {
            throw new IllegalArgumentException("one array per universe expected");
        }
        this.layout = layout;
        this.data = null;
        this.offset = 0;
        this.universes = universes;
    }

    /** A frame over one 512-byte array per universe, which the caller promises never to modify again. */
    static DmxFrame ofUniverses(UniverseLayout layout, byte[][] universes) {
        return new DmxFrame(layout, universes);
    }

    /** The array of one universe of a per-universe frame (null for a flat frame); for {@link DmxBuffer}. */
    byte[] universeArray(int layoutIndex) {
        return universes == null ? null : universes[layoutIndex];
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
        if (universes != null) {
            return universes[index][channel - 1] & 0xFF;
        }
        return data[offset + index * UniverseLayout.UNIVERSE_SIZE + channel - 1] & 0xFF;
    }

    /** Copies the 512 bytes of the universe at {@code layoutIndex} into {@code dst}. */
    public void copyUniverse(int layoutIndex, byte[] dst, int dstOffset) {
        if (universes != null) {
            System.arraycopy(universes[layoutIndex], 0, dst, dstOffset, UniverseLayout.UNIVERSE_SIZE);
            return;
        }
        System.arraycopy(data, offset + layoutIndex * UniverseLayout.UNIVERSE_SIZE, dst, dstOffset,
                UniverseLayout.UNIVERSE_SIZE);
    }

    /** Whether the 512 bytes of the universe at {@code layoutIndex} equal {@code other[from..from+512)}. */
    public boolean universeEquals(int layoutIndex, byte[] other, int from) {
        int size = UniverseLayout.UNIVERSE_SIZE;
        if (universes != null) {
            return Arrays.equals(universes[layoutIndex], 0, size, other, from, from + size);
        }
        int start = offset + layoutIndex * size;
        return Arrays.equals(data, start, start + size, other, from, from + size);
    }

    /** A fresh copy of the frame's bytes (all universes, in layout order). */
    public byte[] toBytes() {
        if (universes != null) {
            byte[] bytes = new byte[layout.frameBytes()];
            for (int i = 0; i < universes.length; i++) {
                System.arraycopy(universes[i], 0, bytes, i * UniverseLayout.UNIVERSE_SIZE,
                        UniverseLayout.UNIVERSE_SIZE);
            }
            return bytes;
        }
        return Arrays.copyOfRange(data, offset, offset + layout.frameBytes());
    }
}
