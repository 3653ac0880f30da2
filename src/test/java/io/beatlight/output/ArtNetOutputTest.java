package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The output loop against real UDP receivers on loopback. */
class ArtNetOutputTest {

    static DmxFrame frame(UniverseLayout layout, int universe, int channel, int value) {
        DmxBuffer buffer = new DmxBuffer(layout);
        buffer.set(universe, channel, value);
        return buffer.freeze();
    }

    static InetSocketAddress at(ArtNetReceiver receiver) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port());
    }

    @Test
    void sendsEveryUniverseToEveryTargetAtTheFrameRate() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 3));
        try (ArtNetReceiver a = new ArtNetReceiver(); ArtNetReceiver b = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(a), at(b)), 60, false,
                    FrameSource.constant(frame(layout, 3, 10, 99)));
            output.start();
            Thread.sleep(1000);
            output.shutdownWithBlackout();
            for (ArtNetReceiver r : List.of(a, b)) {
                assertThat(r.dmx(0).size()).isBetween(45, 70);
                assertThat(r.dmx(3).size()).isBetween(45, 70);
                assertThat(r.dmx(3).get(5).channel(10)).isEqualTo(99);
                List<ArtNetReceiver.Received> u0 = r.dmx(0);
                for (int i = 1; i < u0.size(); i++) {
                    int previous = u0.get(i - 1).dmx().sequence();
                    assertThat(u0.get(i).dmx().sequence()).isEqualTo(previous == 255 ? 1 : previous + 1);
                }
            }
        }
    }

    @Test
    void aUniverseThatLeavesTheLayoutIsBlackedOutThenNoLongerSent() throws Exception {
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 60, false,
                    FrameSource.constant(frame(UniverseLayout.of(List.of(0, 3)), 3, 10, 99)));
            output.start();
            r.awaitDmx(3, p -> p.channel(10) == 99);
            long changed = System.nanoTime();
            output.setSource(FrameSource.constant(frame(UniverseLayout.single(), 0, 1, 7)));
            r.awaitDmx(3, changed, p -> p.channel(10) == 0, Duration.ofSeconds(2));
            Thread.sleep(300);
            long later = System.nanoTime();
            Thread.sleep(300);
            output.shutdownWithBlackout();
            assertThat(r.dmx(3).stream().filter(p -> p.nanos() > changed && p.channel(10) == 0).count())
                    .isEqualTo(3);
            assertThat(r.dmx(3).stream().filter(p -> p.nanos() > later)).isEmpty();
            assertThat(r.dmx(0).get(r.dmx(0).size() - 1).channel(1)).isZero();
        }
    }

    @Test
    void aNewSourceReachesTheWireWithinTwoFrames() throws Exception {
        UniverseLayout layout = UniverseLayout.single();
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 60, false,
                    FrameSource.constant(frame(layout, 0, 1, 1)));
            output.start();
            r.awaitDmx(0, p -> p.channel(1) == 1);
            long changed = System.nanoTime();
            output.setSource(FrameSource.constant(frame(layout, 0, 1, 200)));
            ArtNetReceiver.Received seen = r.awaitDmx(0, changed, p -> p.channel(1) == 200, Duration.ofSeconds(2));
            assertThat(seen.nanos() - changed).isLessThan(Duration.ofMillis(100).toNanos());
            output.shutdownWithBlackout();
        }
    }

    @Test
    void aThrowingSourceDoesNotStopTheLoop() throws Exception {
        UniverseLayout layout = UniverseLayout.single();
        AtomicInteger calls = new AtomicInteger();
        DmxFrame good = frame(layout, 0, 2, 42);
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 60, false, FrameSource.constant(good));
            output.start();
            r.awaitDmx(0, p -> p.channel(2) == 42);
            output.setSource(now -> {
                calls.incrementAndGet();
                throw new IllegalStateException("boom");
            });
            Thread.sleep(200);
            int before = r.dmx(0).size();
            Thread.sleep(200);
            assertThat(r.dmx(0).size()).isGreaterThan(before);
            assertThat(r.dmx(0).get(r.dmx(0).size() - 1).channel(2)).isEqualTo(42);
            assertThat(output.stats().errors()).isPositive();
            assertThat(calls.get()).isPositive();
            output.shutdownWithBlackout();
        }
    }

    @Test
    void anUnreachableTargetDoesNotStopTheOthers() throws Exception {
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            // port 9 on loopback has no listener (ICMP unreachable); 0 is an invalid destination port
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", 9),
                    new InetSocketAddress("127.0.0.1", 0), at(r)), 60, false,
                    FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())));
            output.start();
            Thread.sleep(500);
            assertThat(r.dmx(0).size()).isGreaterThan(15);
            assertThat(output.stats().errors()).isPositive();
            output.shutdownWithBlackout();
        }
    }

    @Test
    void shutdownEndsWithBlackoutFramesOnEveryUniverse() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 1));
        DmxBuffer lit = new DmxBuffer(layout);
        for (int c = 1; c <= 512; c++) {
            lit.set(0, c, 255);
            lit.set(1, c, 128);
        }
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 60, true, FrameSource.constant(lit.freeze()));
            output.start();
            r.awaitDmx(1, p -> p.channel(512) == 128);
            output.shutdownWithBlackout();
            output.shutdownWithBlackout(); // idempotent
            r.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            for (int universe : new int[] {0, 1}) {
                List<ArtNetReceiver.Received> packets = r.dmx(universe);
                ArtNetReceiver.Received last = packets.get(packets.size() - 1);
                for (byte v : last.dmx().data()) {
                    assertThat(v).isZero();
                }
                int previous = packets.get(packets.size() - 2).dmx().sequence();
                assertThat(last.dmx().sequence()).isEqualTo(previous == 255 ? 1 : previous + 1);
            }
            assertThat(r.packets().stream().filter(p -> p.opcode() == ArtNet.OP_SYNC).count()).isPositive();
        }
    }

    @Test
    void artPollIsAnsweredWithOneReplyPerUniverse() throws Exception {
        ArtPollResponder responder = new ArtPollResponder(() -> UniverseLayout.of(List.of(0, 2)), 0);
        assertThat(responder.start("127.0.0.1", 0)).isTrue();
        try (DatagramSocket poller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            poller.setSoTimeout(3000);
            byte[] poll = ArtPollPacket.encode(0);
            poller.send(new DatagramPacket(poll, poll.length, InetAddress.getLoopbackAddress(),
                    responder.localPort()));
            int seen = 0;
            for (int i = 0; i < 2; i++) {
                byte[] buffer = new byte[600];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                poller.receive(packet);
                assertThat(packet.getLength()).isEqualTo(239);
                ArtPollReplyPacket.Decoded reply = ArtPollReplyPacket.decode(buffer, packet.getLength());
                assertThat(reply.style()).isEqualTo(ArtPollReplyPacket.STYLE_CONTROLLER);
                assertThat(reply.ip()).containsExactly(127, 0, 0, 1);
                assertThat(reply.portAddress()).isIn(0, 2);
                seen++;
            }
            assertThat(seen).isEqualTo(2);
        } finally {
            responder.close();
        }
    }

    @Test
    void aTakenArtPollPortIsAWarningNotACrash() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ArtPollResponder responder = new ArtPollResponder(UniverseLayout::single, 0);
            // never shared (no SO_REUSEADDR): the port stays the other program's
            assertThat(responder.start("127.0.0.1", taken.getLocalPort())).isFalse();
            responder.close();
        }
    }

    @Test
    void sendOnChangeSendsTheChangedUniverseAtOnceAndKeepsTheGrid() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 1));
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            // 4 FPS: a change waiting for the next frame would take up to 250 ms
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 4, true,
                    FrameSource.constant(frame(layout, 1, 5, 10))).withSendOnChange(true);
            output.start();
            r.awaitDmx(1, p -> p.channel(5) == 10);
            Thread.sleep(60); // well inside a frame
            long changed = System.nanoTime();
            output.setSource(FrameSource.constant(frame(layout, 1, 5, 20)));
            ArtNetReceiver.Received seen = r.awaitDmx(1, changed, p -> p.channel(5) == 20, Duration.ofSeconds(2));
            // the next change slot: a quarter of the 250 ms frame at most
            assertThat((seen.nanos() - changed) / 1e6).as("ms from change to wire").isLessThan(100);
            Thread.sleep(600);
            output.shutdownWithBlackout();
            // only universe 1 changed: universe 0 got no extra packet; sequence numbers stay continuous
            List<ArtNetReceiver.Received> u1 = r.dmx(1);
            for (int i = 1; i < u1.size(); i++) {
                int previous = u1.get(i - 1).dmx().sequence();
                assertThat(u1.get(i).dmx().sequence()).isEqualTo(previous == 255 ? 1 : previous + 1);
            }
            long u0Extra = r.dmx(0).stream().filter(p -> p.nanos() > changed && p.nanos() < seen.nanos() + 1_000_000)
                    .count();
            assertThat(u0Extra).isZero();
            // the change was followed by an ArtSync, as every frame is
            assertThat(r.packets().stream().anyMatch(p -> p.opcode() == ArtNet.OP_SYNC && p.nanos() >= seen.nanos()
                    && p.nanos() < seen.nanos() + 50_000_000)).isTrue();
            assertThat(output.stats().changeSends()).isEqualTo(1);
            assertThat(output.stats().changePackets()).isEqualTo(1);
        }
    }

    @Test
    void withoutSendOnChangeAChangeWaitsForTheNextFrame() throws Exception {
        UniverseLayout layout = UniverseLayout.single();
        try (ArtNetReceiver r = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(r)), 4, false,
                    FrameSource.constant(frame(layout, 0, 5, 10)));
            output.start();
            ArtNetReceiver.Received first = r.awaitDmx(0, p -> p.channel(5) == 10);
            Thread.sleep(40);
            output.setSource(FrameSource.constant(frame(layout, 0, 5, 20)));
            ArtNetReceiver.Received seen = r.awaitDmx(0, first.nanos(), p -> p.channel(5) == 20,
                    Duration.ofSeconds(2));
            output.shutdownWithBlackout();
            assertThat((seen.nanos() - first.nanos()) / 1e6).as("one frame after the first").isGreaterThan(200);
            assertThat(output.stats().changeSends()).isZero();
        }
    }
}
