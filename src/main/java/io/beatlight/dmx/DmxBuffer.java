package io.beatlight.dmx;

import java.util.Arrays;

/**
 * A mutable set of universes (the editor universe, a render's working universe). Owned by one thread;
 * {@link #freeze()} publishes an immutable copy. Universes are kept one array each, and a freeze copies only the
 * universes changed since the previous freeze, sharing the others with it: a fader move on a 64-universe rig
 * copies 512 bytes, not 32 KB.
 */
public final class DmxBuffer {
    private final UniverseLayout layout;
    private final byte[][] universes;
    /** Universes written since the last freeze. */
    private final boolean[] changed;
    private DmxFrame frozen;

    public DmxBuffer(UniverseLayout layout) {
        this.layout = layout;
        this.universes = new byte[layout.count()][UniverseLayout.UNIVERSE_SIZE];
        this.changed = new boolean[layout.count()];
        Arrays.fill(changed, true);
    }

    public static DmxBuffer copyOf(DmxFrame frame) {
        DmxBuffer buffer = new DmxBuffer(frame.layout());
        buffer.copyFrom(frame);
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
        byte b = (byte) Math.max(0, Math.min(255, value));
        if (universes[index][channel - 1] != b) {
            universes[index][channel - 1] = b;
            changed[index] = true;
        }
    }

    public int get(int universe, int channel) {
        int index = layout.indexOf(universe);
        if (index < 0 || channel < 1 || channel > UniverseLayout.UNIVERSE_SIZE) {
            return 0;
        }
        return universes[index][channel - 1] & 0xFF;
    }

    public void clear() {
        for (int i = 0; i < universes.length; i++) {
            Arrays.fill(universes[i], (byte) 0);
            changed[i] = true;
        }
    }

    public void copyFrom(DmxFrame frame) {
        if (!frame.layout().equals(layout)) {
            throw new IllegalArgumentException("layout mismatch");
        }
        for (int i = 0; i < universes.length; i++) {
            frame.copyUniverse(i, universes[i], 0);
            changed[i] = true;
        }
    }

    /** An immutable snapshot of the current bytes (the previous one again when nothing changed since). */
    public DmxFrame freeze() {
        if (frozen != null && !anyChanged()) {
            return frozen;
        }
        byte[][] parts = new byte[universes.length][];
        for (int i = 0; i < universes.length; i++) {
            parts[i] = changed[i] || frozen == null ? universes[i].clone() : frozen.universeArray(i);
            changed[i] = false;
        }
        frozen = DmxFrame.ofUniverses(layout, parts);
        return frozen;
    }

    private boolean anyChanged() {
        for (boolean c : changed) {
            if (c) {
                return true;
            }
        }
        return false;
    }
}
