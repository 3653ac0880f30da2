package io.beatlight.dmx;

import java.util.Arrays;

/**
 * A mutable set of universes (the editor universe, a render's working universe). Owned by one thread;
 * {@link #freeze()} publishes an immutable copy.
 */
public final class DmxBuffer {
    private final UniverseLayout layout;
    private final byte[] data;

    public DmxBuffer(UniverseLayout layout) {
        this.layout = layout;
        this.data = new byte[layout.frameBytes()];
    }

    public static DmxBuffer copyOf(DmxFrame frame) {
        DmxBuffer buffer = new DmxBuffer(frame.layout());
        for (int i = 0; i < frame.layout().count(); i++) {
            frame.copyUniverse(i, buffer.data, i * UniverseLayout.UNIVERSE_SIZE);
        }
        return buffer;
    }

    public UniverseLayout layout() {
        return layout;
    }

    /** Sets a 1-based channel; writes outside the layout or outside 1..512 are dropped, as on a real line. */
    public void set(int universe, int channel, int value) {
        int index = layout.indexOf(universe);
        if (index < 0 || channel < 1 || channel > UniverseLayout.UNIVERSE_SIZE) {
            return;
        }
        data[index * UniverseLayout.UNIVERSE_SIZE + channel - 1] = (byte) Math.max(0, Math.min(255, value));
    }

    public int get(int universe, int channel) {
        int index = layout.indexOf(universe);
        if (index < 0 || channel < 1 || channel > UniverseLayout.UNIVERSE_SIZE) {
            return 0;
        }
        return data[index * UniverseLayout.UNIVERSE_SIZE + channel - 1] & 0xFF;
    }

    public void clear() {
        Arrays.fill(data, (byte) 0);
    }

    public void copyFrom(DmxFrame frame) {
        if (!frame.layout().equals(layout)) {
            throw new IllegalArgumentException("layout mismatch");
        }
        for (int i = 0; i < layout.count(); i++) {
            frame.copyUniverse(i, data, i * UniverseLayout.UNIVERSE_SIZE);
        }
    }

    /** An immutable snapshot of the current bytes. */
    public DmxFrame freeze() {
        return DmxFrame.wrap(layout, data.clone(), 0);
    }

    /** Direct access for renderers that write many channels; index = layoutIndex * 512 + channel - 1. */
    public byte[] raw() {
        return data;
    }
}
