package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.beatlight.Config;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Art-Net 4's port 6454: Beatlight sends from it when it is free and never takes it from another program on this
 * machine (no SO_REUSEADDR), warning instead. The tests bind 6454 on loopback only; another Art-Net program
 * running on this machine at test time (olad) makes them abort with a message rather than disturb it.
 */
class ArtNetPortsTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        log.start();
        ((Logger) LoggerFactory.getLogger(ArtNetSocket.class)).addAppender(log);
        ((Logger) LoggerFactory.getLogger(ArtPollResponder.class)).addAppender(log);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(ArtNetSocket.class)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger(ArtPollResponder.class)).detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel().toString().equals("WARN"))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static DatagramSocket holdPort(String host) {
        DatagramSocket held = ArtNetSocket.bindExclusive(host, ArtNet.PORT);
        assumeTrue(held != null, "UDP port 6454 is in use by another program on this machine; not disturbing it");
        return held;
    }

    /** Checks that 6454 is free; the probe is closed again before Beatlight binds the port. */
    private static void assumePortFree() {
        holdPort("127.0.0.1").close();
    }

    private static DatagramPacket receive(DatagramSocket socket) throws Exception {
        socket.setSoTimeout(2000);
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        socket.receive(packet);
        return packet;
    }

    @Test
    void artDmxAndArtSyncLeaveFromPort6454WhenItIsFree() throws Exception {
        assumePortFree();
        DatagramSocket source = ArtNetSocket.open("127.0.0.1", ArtNet.PORT);
        assertThat(source.getLocalPort()).isEqualTo(ArtNet.PORT);
        try (DatagramSocket node = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", node.getLocalPort())),
                    60, true, FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())), source);
            output.start();
            DatagramPacket dmx = receive(node);
            DatagramPacket sync = receive(node);
            output.shutdownWithBlackout();
            assertThat(ArtNet.opcode(dmx.getData(), dmx.getLength())).isEqualTo(ArtNet.OP_DMX);
            assertThat(ArtNet.opcode(sync.getData(), sync.getLength())).isEqualTo(ArtNet.OP_SYNC);
            assertThat(dmx.getPort()).isEqualTo(ArtNet.PORT);
            assertThat(sync.getPort()).isEqualTo(ArtNet.PORT);
        }
        assertThat(source.isClosed()).isTrue();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aReceiverOnLoopback6454KeepsItsPortAndItsUnicast() throws Exception {
        try (DatagramSocket receiver = holdPort("127.0.0.1")) {
            DatagramSocket source = ArtNetSocket.open("0.0.0.0", ArtNet.PORT);
            int sourcePort = source.getLocalPort();
            assertThat(sourcePort).isNotEqualTo(ArtNet.PORT);
            ArtPollResponder responder = new ArtPollResponder(UniverseLayout::single, 0);
            assertThat(responder.start("127.0.0.1", ArtNet.PORT)).isFalse();
            assertThat(responder.start("0.0.0.0", ArtNet.PORT)).isFalse();
            responder.close();
            assertThat(warnings()).hasSize(3).allSatisfy(w -> assertThat(w).contains("6454")
                    .contains("another program"));
            assertThat(warnings().get(0)).contains("--artnet-source-port 0");
            assertThat(warnings().get(1)).contains("--artnet-listen-port 0");

            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", ArtNet.PORT)), 60,
                    false, FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())), source);
            output.start();
            DatagramPacket dmx = receive(receiver);
            output.shutdownWithBlackout();
            assertThat(ArtNet.opcode(dmx.getData(), dmx.getLength())).isEqualTo(ArtNet.OP_DMX);
            assertThat(dmx.getPort()).isEqualTo(sourcePort);
        }
    }

    @Test
    void aReceiverOnTheWildcardAddressKeepsPort6454Too() throws Exception {
        try (DatagramSocket receiver = holdPort("0.0.0.0")) {
            ArtPollResponder responder = new ArtPollResponder(UniverseLayout::single, 0);
            assertThat(responder.start("127.0.0.1", ArtNet.PORT)).isFalse();
            responder.close();
            DatagramSocket source = ArtNetSocket.open("127.0.0.1", ArtNet.PORT);
            assertThat(source.getLocalPort()).isNotEqualTo(ArtNet.PORT);
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", ArtNet.PORT)), 60,
                    false, FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())), source);
            output.start();
            DatagramPacket dmx = receive(receiver);
            output.shutdownWithBlackout();
            assertThat(ArtNet.opcode(dmx.getData(), dmx.getLength())).isEqualTo(ArtNet.OP_DMX);
            assertThat(warnings()).hasSize(2);
        }
    }

    @Test
    void artPollIsAnsweredOnTheOutputSocket() throws Exception {
        assumePortFree();
        DatagramSocket source = ArtNetSocket.open("127.0.0.1", ArtNet.PORT);
        ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", 9)), 60, false,
                FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())), source);
        ArtPollResponder responder = new ArtPollResponder(UniverseLayout::single, 0);
        responder.start(output.socket());
        try (DatagramSocket controller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] poll = ArtPollPacket.encode(0);
            controller.send(new DatagramPacket(poll, poll.length, new InetSocketAddress("127.0.0.1", ArtNet.PORT)));
            DatagramPacket reply = receive(controller);
            assertThat(ArtNet.opcode(reply.getData(), reply.getLength())).isEqualTo(ArtNet.OP_POLL_REPLY);
            assertThat(reply.getPort()).isEqualTo(ArtNet.PORT);
        } finally {
            responder.close();
            output.shutdownWithBlackout();
        }
    }

    @Test
    void theListenerAndSourcePortDefaultOffWhenATargetIsALocal6454Receiver() {
        Config local = Config.parse("--artnet-targets", "127.0.0.1");
        assertThat(local.hasLocalArtNetReceiver()).isTrue();
        assertThat(local.artnetListenPort()).isZero();
        assertThat(local.artnetSourcePort()).isZero();

        Config elsewhere = Config.parse("--artnet-targets", "127.0.0.1:7000");
        assertThat(elsewhere.artnetListenPort()).isEqualTo(ArtNet.PORT);
        assertThat(elsewhere.artnetSourcePort()).isEqualTo(ArtNet.PORT);

        Config explicit = Config.parse("--artnet-targets", "127.0.0.1", "--artnet-listen-port", "6455",
                "--artnet-source-port", "0");
        assertThat(explicit.artnetListenPort()).isEqualTo(6455);
        assertThat(explicit.artnetSourcePort()).isZero();
    }
}
