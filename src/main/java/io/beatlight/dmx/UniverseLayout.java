package io.beatlight.dmx;

import java.util.Arrays;
import java.util.Collection;

/**
 * The set of DMX universes a show uses, in ascending order. Frames store their universes in this order, so a
 * universe's slot in a frame is its index here.
 */
public final class UniverseLayout {
    public static final int UNIVERSE_SIZE = 512;
    /** Art-Net Port-Address range: 15 bits. */
    public static final int MAX_UNIVERSE = 32767;

    private static final UniverseLayout SINGLE = new UniverseLayout(new int[] {0});

    private final int[] universes;

    private UniverseLayout(int[] sortedDistinct) {
        this.universes = sortedDistinct;
    }

    /** The default layout: universe 0 only. */
    public static UniverseLayout single() {
        return SINGLE;
    }

    /** A layout of the given universes; universe 0 is used when the collection is empty. */
    public static UniverseLayout of(Collection<Integer> universes) {
        int[] ids = universes.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        if (ids.length == 0) {
            return SINGLE;
        }
        for (int id : ids) {
            if (id < 0 || id > MAX_UNIVERSE) {
                throw new IllegalArgumentException("universe out of range 0.." + MAX_UNIVERSE + ": " + id);
            }
        }
        return ids.length == 1 && ids[0] == 0 ? SINGLE : new UniverseLayout(ids);
    }

    public int count() {
        return universes.length;
    }

    public int universeAt(int index) {
        return universes[index];
    }

    /** Index of a universe in this layout, or -1 when the layout does not contain it. */
    public int indexOf(int universe) {
        if (universes.length == 1) {
            return universes[0] == universe ? 0 : -1;
        }
        int found = Arrays.binarySearch(universes, universe);
        return found >= 0 ? found : -1;
    }

    /** Bytes per frame: one 512-byte block per universe. */
    public int frameBytes() {
        return universes.length * UNIVERSE_SIZE;
    }

    public int[] universes() {
        return universes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UniverseLayout other && Arrays.equals(universes, other.universes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(universes);
    }

    @Override
    public String toString() {
        return "UniverseLayout" + Arrays.toString(universes);
    }
}
