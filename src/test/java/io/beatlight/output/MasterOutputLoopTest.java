package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.playback.MasterOutput;
import io.beatlight.testutil.ArtNetReceiver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master dimmer in the real output loop: scaled bytes on the wire, at once, and no allocation per frame. */
class MasterOutputLoopTest {
    @Test
    void theMasterScalesIntensityChannelsOnTheWireWithoutAllocating() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 1, 2, 3));
        DmxBuffer buffer = new DmxBuffer(layout);
        for (int u = 0; u < 4; u++) {
            for (int c = 1; c <= 512; c++) {
                buffer.set(u, c, 200);
            }
        }
        int[] every2nd = new int[256];
        for (int i = 0; i < every2nd.length; i++) {
            every2nd[i] = i * 2 + 1;
        }
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", receiver.port())), 60,
                    false, FrameSource.constant(buffer.freeze())).withSendOnChange(true);
            output.start();
            receiver.awaitDmx(3, p -> p.channel(1) == 200);
            output.setMaster(MasterOutput.of(0.5, Map.of(0, every2nd, 1, every2nd, 2, every2nd, 3, every2nd)));
            ArtNetReceiver.Received dimmed = receiver.awaitDmx(3, System.nanoTime(), p -> p.channel(1) == 100,
                    Duration.ofSeconds(2));
            assertThat(dimmed.channel(2)).isEqualTo(200);
            assertThat(dimmed.channel(511)).isEqualTo(100);
            // send on change compares the scaled bytes: the same look published again sends nothing extra (the
            // send that carried the dimmed look counts itself just after its packets leave: let it finish first)
            Thread.sleep(50);
            long changeSends = output.stats().changeSends();
            for (int i = 0; i < 5; i++) {
                output.setSource(FrameSource.constant(buffer.freeze()));
                Thread.sleep(20);
            }
            assertThat(output.stats().changeSends()).isEqualTo(changeSends);
            OutputAllocation measured = OutputAllocation.measure(output);
            output.setMaster(MasterOutput.FULL);
            receiver.awaitDmx(3, System.nanoTime(), p -> p.channel(1) == 200, Duration.ofSeconds(2));
            output.shutdownWithBlackout();
            assertThat(measured.frames()).isGreaterThan(40);
            assertThat(measured.bytes()).as("bytes allocated by the output thread in %d frames", measured.frames())
                    .isLessThan(measured.frames() * 16);
        }
    }
}
