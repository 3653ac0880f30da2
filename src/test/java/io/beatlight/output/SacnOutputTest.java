package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sACN (E1.31) from the output loop, received as real UDP on loopback and decoded here, independently. */
public class SacnOutputTest {

    /** An E1.31 packet as this test reads it from the bytes, field by field (ANSI E1.31-2018 layouts). */
    public record E131(int rootVector, UUID cid, int framingVector, String sourceName, int priority, int syncAddress,
                int sequence, int options, int universe, byte[] slots, long nanos) {
        public boolean terminated() {
            return (options & 0x40) != 0;
        }

        int slot(int channel) {
            return slots[channel - 1] & 0xFF;
        }
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    /** Decodes a data or sync packet; asserts every fixed header field on the way. */
    public static E131 decode(ArtNetReceiver.Received received) {
        byte[] b = received.raw();
        assertThat(u16(b, 0)).as("preamble size").isEqualTo(0x0010);
        assertThat(u16(b, 2)).as("post-amble size").isZero();
        assertThat(Arrays.copyOfRange(b, 4, 16)).as("ACN packet identifier")
                .isEqualTo(new byte[] {0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0, 0, 0});
        assertThat(u16(b, 16) >> 12).as("root flags").isEqualTo(0x7);
        assertThat(u16(b, 16) & 0xFFF).as("root length").isEqualTo(b.length - 16);
        int rootVector = ByteBuffer.wrap(b, 18, 4).getInt();
        ByteBuffer cidBytes = ByteBuffer.wrap(b, 22, 16);
        UUID cid = new UUID(cidBytes.getLong(), cidBytes.getLong());
        assertThat(u16(b, 38) >> 12).as("framing flags").isEqualTo(0x7);
        assertThat(u16(b, 38) & 0xFFF).as("framing length").isEqualTo(b.length - 38);
        int framingVector = ByteBuffer.wrap(b, 40, 4).getInt();
        if (rootVector == 0x08) {
            assertThat(framingVector).as("sync framing vector").isEqualTo(0x01);
            assertThat(b.length).isEqualTo(49);
            assertThat(u16(b, 47)).as("reserved").isZero();
            return new E131(rootVector, cid, framingVector, null, -1, u16(b, 45), b[44] & 0xFF, 0, -1, null,
                    received.nanos());
        }
        assertThat(rootVector).as("root vector").isEqualTo(0x04);
        assertThat(framingVector).as("framing vector").isEqualTo(0x02);
        assertThat(b.length).isEqualTo(638);
        int nameEnd = 44;
        while (nameEnd < 108 && b[nameEnd] != 0) {
            nameEnd++;
        }
        String name = new String(b, 44, nameEnd - 44, StandardCharsets.UTF_8);
        for (int i = nameEnd; i < 108; i++) {
            assertThat(b[i]).as("source name padding").isZero();
        }
        assertThat(u16(b, 115) >> 12).as("DMP flags").isEqualTo(0x7);
        assertThat(u16(b, 115) & 0xFFF).as("DMP length").isEqualTo(b.length - 115);
        assertThat(b[117]).as("DMP vector").isEqualTo((byte) 0x02);
        assertThat(b[118]).as("address and data type").isEqualTo((byte) 0xA1);
        assertThat(u16(b, 119)).as("first property address").isZero();
        assertThat(u16(b, 121)).as("address increment").isEqualTo(1);
        assertThat(u16(b, 123)).as("property value count").isEqualTo(513);
        assertThat(b[125]).as("START code").isZero();
        return new E131(rootVector, cid, framingVector, name, b[108] & 0xFF, u16(b, 109), b[111] & 0xFF,
                b[112] & 0xFF, u16(b, 113), Arrays.copyOfRange(b, 126, 638), received.nanos());
    }

    static List<E131> received(ArtNetReceiver receiver) {
        return receiver.packets().stream().map(SacnOutputTest::decode).toList();
    }

    static List<E131> data(List<E131> all, int universe) {
        return all.stream().filter(p -> p.rootVector() == 0x04 && p.universe() == universe).toList();
    }

    static InetSocketAddress at(ArtNetReceiver receiver) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.port());
    }

    static DmxFrame lit(UniverseLayout layout) {
        DmxBuffer buffer = new DmxBuffer(layout);
        buffer.set(0, 1, 11);
        buffer.set(3, 512, 222);
        return buffer.freeze();
    }

    static void assertSequencesIncrementByOne(List<E131> packets) {
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).sequence()).as("sequence after " + packets.get(i - 1).sequence())
                    .isEqualTo((packets.get(i - 1).sequence() + 1) & 0xFF);
        }
    }

    @Test
    void sendsEveryUniverseWithFullHeadersSideBySideWithArtNet() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 3));
        UUID cid = UUID.randomUUID();
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            SacnConfig config = SacnConfig.unicast(List.of(at(sacnReceiver)), cid, "Beatlight test")
                    .withPriority(150);
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, false, FrameSource.constant(lit(layout)))
                    .withSacn(config);
            output.start();
            Thread.sleep(700);
            output.shutdownWithBlackout();
            sacnReceiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(2));
            artnet.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(2));

            List<E131> all = received(sacnReceiver);
            assertThat(all).allSatisfy(p -> assertThat(p.rootVector()).isEqualTo(0x04)); // sync is off
            for (int universe : List.of(1, 4)) {
                List<E131> stream = data(all, universe);
                assertThat(stream.size()).isBetween(30, 60);
                assertThat(stream).allSatisfy(p -> {
                    assertThat(p.cid()).isEqualTo(cid);
                    assertThat(p.sourceName()).isEqualTo("Beatlight test");
                    assertThat(p.priority()).isEqualTo(150);
                    assertThat(p.syncAddress()).isZero();
                    assertThat(p.options() & ~0x40).as("no preview, no force-sync").isZero();
                });
                assertSequencesIncrementByOne(stream);
            }
            assertThat(data(all, 1).get(5).slot(1)).isEqualTo(11);
            assertThat(data(all, 4).get(5).slot(512)).isEqualTo(222);
            assertThat(all).noneMatch(p -> p.universe() != 1 && p.universe() != 4);
            // Art-Net went out in the same loop, frame for frame
            assertThat(artnet.dmx(3).get(5).channel(512)).isEqualTo(222);
            assertThat(Math.abs(artnet.dmx(0).size() - data(all, 1).size())).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void shutdownSendsBlackoutThenThreeStreamTerminatedPackets() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 3));
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, false, FrameSource.constant(lit(layout)))
                    .withSacn(SacnConfig.unicast(List.of(at(sacnReceiver)), UUID.randomUUID(), "B"));
            output.start();
            Thread.sleep(300);
            output.shutdownWithBlackout();
            sacnReceiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(2));

            for (int universe : List.of(1, 4)) {
                List<E131> stream = data(received(sacnReceiver), universe);
                int n = stream.size();
                List<E131> terminated = stream.subList(n - 3, n);
                assertThat(terminated).allSatisfy(p -> {
                    assertThat(p.terminated()).isTrue();
                    assertThat(p.slots()).containsOnly((byte) 0);
                });
                List<E131> blackout = stream.subList(n - 6, n - 3);
                assertThat(blackout).allSatisfy(p -> {
                    assertThat(p.terminated()).isFalse();
                    assertThat(p.slots()).containsOnly((byte) 0);
                });
                assertThat(stream.subList(0, n - 3)).noneMatch(E131::terminated);
                assertThat(stream.get(n - 7).slots()).isNotEqualTo(new byte[512]);
                assertSequencesIncrementByOne(stream);
            }
        }
    }

    @Test
    void aUniverseThatLeavesTheLayoutGetsBlackoutThenStreamTerminated() throws Exception {
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, false,
                    FrameSource.constant(lit(UniverseLayout.of(List.of(0, 3)))))
                    .withSacn(SacnConfig.unicast(List.of(at(sacnReceiver)), UUID.randomUUID(), "B"));
            output.start();
            artnet.awaitDmx(3, p -> p.channel(512) == 222);
            output.setSource(FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())));
            artnet.awaitDmx(3, p -> p.channel(512) == 0);
            Thread.sleep(300);
            int seenBeforeShutdown = data(received(sacnReceiver), 4).size();
            output.shutdownWithBlackout();
            sacnReceiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(2));

            List<E131> all = received(sacnReceiver);
            List<E131> stream = data(all, 4);
            assertThat(stream).hasSize(seenBeforeShutdown); // retired: nothing more, not even at shutdown
            int n = stream.size();
            assertThat(stream.subList(n - 3, n)).allMatch(E131::terminated);
            assertThat(stream.subList(n - 6, n - 3)).noneMatch(E131::terminated)
                    .allSatisfy(p -> assertThat(p.slots()).containsOnly((byte) 0));
            assertSequencesIncrementByOne(stream);
            List<E131> stillSent = data(all, 1);
            assertThat(stillSent.get(stillSent.size() - 1).terminated()).isTrue();
        }
    }

    @Test
    void syncPacketsFollowEveryFrameWhenSyncIsOn() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 3));
        UUID cid = UUID.randomUUID();
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, false, FrameSource.constant(lit(layout)))
                    .withSacn(SacnConfig.unicast(List.of(at(sacnReceiver)), cid, "B").withSync(7000));
            output.start();
            Thread.sleep(500);
            output.shutdownWithBlackout();
            sacnReceiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(2));

            List<E131> all = received(sacnReceiver);
            List<E131> syncs = all.stream().filter(p -> p.rootVector() == 0x08).toList();
            assertThat(syncs.size()).isGreaterThan(20);
            assertThat(syncs).allSatisfy(p -> {
                assertThat(p.syncAddress()).isEqualTo(7000);
                assertThat(p.cid()).isEqualTo(cid);
            });
            assertSequencesIncrementByOne(syncs);
            assertThat(data(all, 1)).allSatisfy(p -> assertThat(p.syncAddress()).isEqualTo(7000));
            // every frame is: one data packet per universe, then the sync packet
            int firstSync = all.indexOf(syncs.get(0));
            List<E131> frames = all.subList(firstSync + 1, all.indexOf(syncs.get(syncs.size() - 1)) + 1);
            for (int i = 0; i + 2 < frames.size(); i += 3) {
                assertThat(frames.get(i).universe()).isEqualTo(1);
                assertThat(frames.get(i + 1).universe()).isEqualTo(4);
                assertThat(frames.get(i + 2).rootVector()).isEqualTo(0x08);
            }
        }
    }

    @Test
    void theLoopAllocatesNothingPerFrameWithSixteenUniversesOnBothProtocols() throws Exception {
        List<Integer> universes = new java.util.ArrayList<>();
        for (int u = 0; u < 16; u++) {
            universes.add(u);
        }
        UniverseLayout layout = UniverseLayout.of(universes);
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, true,
                    FrameSource.constant(DmxFrame.blackout(layout)))
                    .withSacn(SacnConfig.unicast(List.of(at(sacnReceiver)), UUID.randomUUID(), "B").withSync(64));
            output.start();
            OutputAllocation measured = OutputAllocation.measure(output);
            long allocated = measured.bytes();
            long frames = measured.frames();
            output.shutdownWithBlackout();
            // 34 packets a frame: a 40-byte DatagramPacket path would be over 1 KB a frame
            assertThat(frames).isGreaterThan(40);
            assertThat(allocated).as("bytes allocated by the output thread in %d frames", frames)
                    .isLessThan(frames * 16);
        }
    }

    @Test
    void theCidIsStableAcrossRestartsOfTheSameShow(@TempDir Path shows) throws Exception {
        Path show = Files.createDirectories(shows.resolve("club"));
        UUID first = receivedCid(SacnCid.forShow(show));
        UUID second = receivedCid(SacnCid.forShow(show));
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(show.resolve(SacnCid.FILE_NAME)).trim()).isEqualTo(first.toString());
        assertThat(SacnCid.forShow(Files.createDirectories(shows.resolve("festival")))).isNotEqualTo(first);
    }

    @Test
    void anUnreadableCidFileFallsBackToAStableDerivedCid(@TempDir Path show) throws Exception {
        Files.writeString(show.resolve(SacnCid.FILE_NAME), "not a uuid");
        assertThat(SacnCid.forShow(show)).isEqualTo(SacnCid.forShow(show)).isEqualTo(SacnCid.derived(show));
    }

    private static UUID receivedCid(UUID cid) throws Exception {
        try (ArtNetReceiver sacnReceiver = new ArtNetReceiver(); ArtNetReceiver artnet = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(artnet)), 60, false,
                    FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())))
                    .withSacn(SacnConfig.unicast(List.of(at(sacnReceiver)), cid, "B"));
            output.start();
            Thread.sleep(100);
            output.shutdownWithBlackout();
            return decode(sacnReceiver.packets().get(0)).cid();
        }
    }

    @Test
    void multicastGroupIsTwoThreeNineTwoFiveFiveHiLo() throws Exception {
        // address computation only: nothing is ever sent to these groups by a test
        assertThat(Sacn.multicastGroup(1)).isEqualTo(InetAddress.getByName("239.255.0.1"));
        assertThat(Sacn.multicastGroup(255)).isEqualTo(InetAddress.getByName("239.255.0.255"));
        assertThat(Sacn.multicastGroup(256)).isEqualTo(InetAddress.getByName("239.255.1.0"));
        assertThat(Sacn.multicastGroup(4660)).isEqualTo(InetAddress.getByName("239.255.18.52"));
        assertThat(Sacn.multicastGroup(63999)).isEqualTo(InetAddress.getByName("239.255.249.255"));
        assertThat(Sacn.multicastGroup(7).isMulticastAddress()).isTrue();
        assertThatThrownBy(() -> Sacn.multicastGroup(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sacn.multicastGroup(64000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongSourceNameIsCutAtACharacterBoundaryAndStaysTerminated() {
        String name = "é".repeat(40); // 80 bytes of UTF-8
        SacnDataPacket packet = new SacnDataPacket(1, UUID.randomUUID(), name, 100, 0);
        byte[] field = Arrays.copyOfRange(packet.bytes(), 44, 108);
        assertThat(field[63]).isZero();
        int end = 0;
        while (field[end] != 0) {
            end++;
        }
        assertThat(new String(field, 0, end, StandardCharsets.UTF_8)).isEqualTo("é".repeat(31));
        assertThatThrownBy(() -> new SacnDataPacket(1, UUID.randomUUID(), "x", 201, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
