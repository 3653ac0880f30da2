package io.beatlight.playback;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The master dimmer and blackout as the output loop applies them: a scale on the intensity channels of each
 * universe, applied in place to a packet's DMX bytes right after the frame was copied into it. Immutable; the
 * engine publishes a new one when the level, the blackout or the rig changes. Applying it allocates nothing.
 */
public final class MasterOutput {
    /** Full level: {@link #apply} leaves every byte as it is. */
    public static final MasterOutput FULL = new MasterOutput(256, new int[0], new int[0][]);

    /** Fixed-point factor: 256 = 100 %, 0 = dark. */
    private final int factor;
    private final int[] universes;
    /** Per entry of {@link #universes}: the 0-based intensity channel indexes, ascending. */
    private final int[][] channels;

    private MasterOutput(int factor, int[] universes, int[][] channels) {
        this.factor = factor;
        this.universes = universes;
        this.channels = channels;
    }

    /**
     * @param level             0..1 (the master dimmer; 0 when blacked out)
     * @param intensityChannels per universe, the 1-based channels the level scales
     */
    public static MasterOutput of(double level, Map<Integer, int[]> intensityChannels) {
        int factor = (int) Math.round(Math.max(0, Math.min(1, level)) * 256);
        if (factor == 256 || intensityChannels.isEmpty()) {
            return factor == 256 ? FULL : new MasterOutput(factor, new int[0], new int[0][]);
        }
        Map<Integer, int[]> sorted = new TreeMap<>(intensityChannels);
        int[] universes = new int[sorted.size()];
        int[][] channels = new int[sorted.size()][];
        int i = 0;
        for (Map.Entry<Integer, int[]> entry : sorted.entrySet()) {
            universes[i] = entry.getKey();
            channels[i] = Arrays.stream(entry.getValue()).filter(c -> c >= 1 && c <= 512).map(c -> c - 1)
                    .sorted().distinct().toArray();
            i++;
        }
        return new MasterOutput(factor, universes, channels);
    }

    public boolean isFull() {
        return factor == 256;
    }

    /** Scales the intensity channels of {@code universe} in {@code dmx[offset .. offset+512)}. */
    public void apply(int universe, byte[] dmx, int offset) {
        if (factor == 256) {
            return;
        }
        for (int u = 0; u < universes.length; u++) {
            if (universes[u] == universe) {
                for (int channel : channels[u]) {
                    int index = offset + channel;
                    dmx[index] = (byte) (((dmx[index] & 0xFF) * factor + 128) >> 8);
                }
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "MasterOutput[" + Math.round(factor * 100 / 256.0) + " %, " + universes.length + " universes]";
    }
}
