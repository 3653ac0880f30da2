package io.beatlight.playback;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MasterOutputTest {
    private static byte[] universe(int fill) {
        byte[] bytes = new byte[4 + 512];
        java.util.Arrays.fill(bytes, (byte) fill);
        return bytes;
    }

    @Test
    void scalesOnlyTheIntensityChannelsOfTheirUniverse() {
        MasterOutput half = MasterOutput.of(0.5, Map.of(0, new int[] {1, 16, 512, 0, 513}, 3, new int[] {2}));
        byte[] u0 = universe(255);
        half.apply(0, u0, 4); // a packet's DMX data starts after its header
        assertThat(u0[4] & 0xFF).isEqualTo(128);        // channel 1
        assertThat(u0[4 + 15] & 0xFF).isEqualTo(128);   // channel 16
        assertThat(u0[4 + 511] & 0xFF).isEqualTo(128);  // channel 512
        assertThat(u0[4 + 1] & 0xFF).isEqualTo(255);    // channel 2 is not an intensity channel of universe 0
        assertThat(u0[0] & 0xFF).isEqualTo(255);        // the header is never touched
        byte[] u1 = universe(200);
        half.apply(1, u1, 4);
        assertThat(u1).isEqualTo(universe(200));
    }

    @Test
    void fullPassesThroughAndZeroIsDark() {
        assertThat(MasterOutput.of(1, Map.of(0, new int[] {1}))).isSameAs(MasterOutput.FULL);
        byte[] bytes = universe(77);
        MasterOutput.FULL.apply(0, bytes, 4);
        assertThat(bytes).isEqualTo(universe(77));
        MasterOutput.of(0, Map.of(0, new int[] {1})).apply(0, bytes, 4);
        assertThat(bytes[4]).isZero();
        assertThat(bytes[5] & 0xFF).isEqualTo(77);
        // every level keeps 0 at 0 and never brightens
        for (int level = 0; level <= 100; level++) {
            MasterOutput master = MasterOutput.of(level / 100.0, Map.of(0, new int[] {1}));
            for (int value = 0; value < 256; value++) {
                byte[] one = new byte[512];
                one[0] = (byte) value;
                master.apply(0, one, 0);
                assertThat(one[0] & 0xFF).isLessThanOrEqualTo(value)
                        .isCloseTo((int) Math.round(value * Math.round(level * 2.56) / 256.0),
                                org.assertj.core.data.Offset.offset(1));
            }
        }
    }

    @Test
    void applyingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] channels = new int[200];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = i * 2 + 1;
        }
        MasterOutput master = MasterOutput.of(0.3, Map.of(0, channels, 1, channels, 2, channels, 3, channels));
        byte[] packet = universe(255);
        for (int i = 0; i < 20_000; i++) { // warm up past the JIT
            master.apply(i & 3, packet, 4);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            master.apply(i & 3, packet, 4);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(allocated).isLessThan(1024); // the reading itself may cost a few bytes; 100,000 applies none
    }
}
