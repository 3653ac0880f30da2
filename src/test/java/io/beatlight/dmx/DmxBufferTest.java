package io.beatlight.dmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DmxBufferTest {
    @Test
    void aFreezeCopiesOnlyTheUniversesWrittenSinceTheLastOneAndEarlierFramesNeverChange() {
        DmxBuffer buffer = new DmxBuffer(UniverseLayout.of(List.of(0, 1, 2)));
        buffer.set(0, 1, 10);
        buffer.set(2, 512, 30);
        DmxFrame first = buffer.freeze();
        buffer.set(1, 5, 200);
        DmxFrame second = buffer.freeze();

        assertThat(second.get(0, 1)).isEqualTo(10);
        assertThat(second.get(1, 5)).isEqualTo(200);
        assertThat(second.get(2, 512)).isEqualTo(30);
        assertThat(first.get(1, 5)).as("a published frame is immutable").isZero();
        assertThat(second.universeArray(0)).isSameAs(first.universeArray(0));
        assertThat(second.universeArray(2)).isSameAs(first.universeArray(2));
        assertThat(second.universeArray(1)).isNotSameAs(first.universeArray(1));
        assertThat(buffer.freeze()).as("nothing changed: the same frame").isSameAs(second);

        buffer.set(1, 5, 200); // the same value: no copy
        assertThat(buffer.freeze()).isSameAs(second);
        byte[] bytes = second.toBytes();
        assertThat(bytes).hasSize(3 * 512);
        assertThat(bytes[0] & 0xFF).isEqualTo(10);
        assertThat(bytes[512 + 4] & 0xFF).isEqualTo(200);
        assertThat(bytes[3 * 512 - 1] & 0xFF).isEqualTo(30);
        byte[] universe = new byte[512];
        second.copyUniverse(1, universe, 0);
        assertThat(universe[4] & 0xFF).isEqualTo(200);
    }

    @Test
    void copyFromAndClearMarkEveryUniverse() {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 1));
        byte[] flat = new byte[2 * 512];
        flat[512] = 7;
        DmxBuffer buffer = DmxBuffer.copyOf(DmxFrame.wrap(layout, flat, 0));
        DmxFrame copied = buffer.freeze();
        assertThat(copied.get(1, 1)).isEqualTo(7);
        buffer.clear();
        assertThat(buffer.freeze().get(1, 1)).isZero();
        assertThat(copied.get(1, 1)).isEqualTo(7);
    }
}
