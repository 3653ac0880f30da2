package io.beatlight.output;

import static io.beatlight.output.SacnOutputTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Per-universe routes from the output loop, received as real UDP on loopback and decoded here. */
class OutputRoutingTest {

    /** Universe 0: channel 1 = 11; universe 1: channel 2 = 22; universe 2: channel 3 = 33. */
    static DmxFrame threeUniverses() {
        DmxBuffer buffer = new DmxBuffer(UniverseLayout.of(List.of(0, 1, 2)));
        buffer.set(0, 1, 11);
        buffer.set(1, 2, 22);
        buffer.set(2, 3, 33);
        return buffer.freeze();
    }

    @Test
    void routedUniversesGoOnlyToTheirDestinationsAndTheRestToTheDefaultTargets() throws Exception {
        UUID cid = UUID.randomUUID();
        try (ArtNetReceiver a = new ArtNetReceiver(); ArtNetReceiver b = new ArtNetReceiver();
             ArtNetReceiver defaults = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, false,
                    FrameSource.constant(threeUniverses())).withSacnIdentity(cid, "Routed");
            output.setRouting(OutputRouting.of(Map.of(
                    0, List.of(OutputRoute.artNet(at(a), 0x0105)),
                    1, List.of(OutputRoute.sacn(at(b), 7, 150)))));
            output.start();
            Thread.sleep(500);
            output.shutdownWithBlackout();
            for (ArtNetReceiver r : List.of(a, b, defaults)) {
                r.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            }

            List<ArtNetReceiver.Received> atA = a.packets();
            assertThat(atA).hasSizeGreaterThan(15).allSatisfy(p -> {
                assertThat(p.opcode()).isEqualTo(ArtNet.OP_DMX);
                assertThat(p.dmx().portAddress()).as("net 1, sub-net 0, universe 5").isEqualTo(0x0105);
            });
            assertThat(atA.get(0).channel(1)).isEqualTo(11);
            assertThat(atA.get(0).channel(2)).isZero();
            assertThat(atA.get(atA.size() - 1).dmx().data()).as("blackout on shutdown").containsOnly((byte) 0);
            for (int i = 1; i < atA.size(); i++) {
                int previous = atA.get(i - 1).dmx().sequence();
                assertThat(atA.get(i).dmx().sequence()).isEqualTo(previous == 255 ? 1 : previous + 1);
            }

            List<SacnOutputTest.E131> atB = b.packets().stream().map(SacnOutputTest::decode).toList();
            assertThat(atB).hasSizeGreaterThan(15).allSatisfy(p -> {
                assertThat(p.universe()).isEqualTo(7);
                assertThat(p.priority()).isEqualTo(150);
                assertThat(p.cid()).isEqualTo(cid);
                assertThat(p.sourceName()).isEqualTo("Routed");
            });
            assertThat(atB.get(0).slot(2)).isEqualTo(22);
            assertThat(atB.get(0).slot(1)).isZero();
            SacnOutputTest.assertSequencesIncrementByOne(atB);
            assertThat(atB.subList(atB.size() - 3, atB.size())).as("stream terminated on shutdown")
                    .allSatisfy(p -> assertThat(p.terminated()).isTrue());

            List<ArtNetReceiver.Received> atDefault = defaults.packets();
            assertThat(atDefault).hasSizeGreaterThan(15).allSatisfy(p ->
                    assertThat(p.dmx().portAddress()).as("only the unrouted universe").isEqualTo(2));
            assertThat(atDefault.get(0).channel(3)).isEqualTo(33);
        }
    }

    @Test
    void aNewRoutingTakesOverBetweenTwoFramesWithoutStoppingTheLoop() throws Exception {
        try (ArtNetReceiver first = new ArtNetReceiver(); ArtNetReceiver second = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(first)), 60, false,
                    FrameSource.constant(threeUniverses()));
            output.start();
            first.awaitDmx(0, p -> true);
            Thread.sleep(200);
            long framesBefore = output.stats().framesSent();
            long firstFrame = output.firstFrameNanos();
            output.setRouting(OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(at(second), 0x0105)))));
            ArtNetReceiver.Received arrived = second.awaitDmx(0x0105, p -> true);
            Thread.sleep(200);
            long lateFrames = output.stats().lateFrames();
            output.shutdownWithBlackout();

            assertThat(output.firstFrameNanos()).as("same loop").isEqualTo(firstFrame);
            assertThat(output.stats().framesSent()).isGreaterThan(framesBefore + 10);
            List<ArtNetReceiver.Received> universe0AtFirst = first.dmx(0);
            List<ArtNetReceiver.Received> lit = universe0AtFirst.stream().filter(p -> p.channel(1) == 11).toList();
            ArtNetReceiver.Received lastAtFirst = lit.get(lit.size() - 1);
            assertThat(lastAtFirst.nanos()).as("the old route's data stops when the new one starts")
                    .isLessThan(arrived.nanos());
            assertThat(universe0AtFirst.subList(lit.size(), universe0AtFirst.size())).as("then its blackout")
                    .hasSize(3).allSatisfy(p -> assertThat(p.dmx().data()).containsOnly((byte) 0));
            long gapMillis = (arrived.nanos() - lastAtFirst.nanos()) / 1_000_000;
            // one frame period (16.7 ms) apart, plus any frame the loaded machine made the loop skip
            assertThat(gapMillis).isLessThan(17 * (2 + lateFrames) + 10);
            assertThat(first.dmx(1)).as("unrouted universes keep the default target").isNotEmpty();
        }
    }

    @Test
    void aDestinationAReloadRemovesGetsTheBlackoutAndTheStreamTerminatedThenNothingMore() throws Exception {
        try (ArtNetReceiver kept = new ArtNetReceiver(); ArtNetReceiver removed = new ArtNetReceiver();
             ArtNetReceiver removedSacn = new ArtNetReceiver(); ArtNetReceiver defaults = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, false,
                    FrameSource.constant(threeUniverses())).withSacnIdentity(UUID.randomUUID(), "Reload");
            // kept and removed share one packet (same Port-Address): the ending must not disturb the kept stream
            output.setRouting(OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(at(kept), 0x0105),
                    OutputRoute.artNet(at(removed), 0x0105), OutputRoute.sacn(at(removedSacn), 7, 100)))));
            output.start();
            removed.awaitDmx(0x0105, p -> p.channel(1) == 11);
            Thread.sleep(300);
            long reloaded = System.nanoTime();
            output.setRouting(OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(at(kept), 0x0105)))));
            removed.awaitSilence(Duration.ofMillis(300), Duration.ofSeconds(3));
            removedSacn.awaitSilence(Duration.ofMillis(300), Duration.ofSeconds(3));
            long quiet = System.nanoTime();
            kept.awaitDmx(0x0105, quiet, p -> p.channel(1) == 11, Duration.ofSeconds(2));
            int removedCount = removed.packets().size();
            int removedSacnCount = removedSacn.packets().size();
            Thread.sleep(200);
            assertThat(removed.packets()).as("nothing after the ending").hasSize(removedCount);
            assertThat(removedSacn.packets()).as("nothing after the ending").hasSize(removedSacnCount);
            long lateFrames = output.stats().lateFrames(); // frames a loaded machine made the loop skip
            output.shutdownWithBlackout();
            assertThat(removed.packets()).as("not even the shutdown blackout").hasSize(removedCount);

            List<ArtNetReceiver.Received> art = removed.packets();
            int n = art.size();
            assertThat(art.subList(0, n - 3)).as("data until the reload").allSatisfy(p -> {
                assertThat(p.channel(1)).isEqualTo(11);
                assertThat(p.nanos()).isLessThan(reloaded + 40_000_000L);
            });
            assertThat(art.subList(n - 3, n)).as("three blackout frames").allSatisfy(p -> {
                assertThat(p.dmx().portAddress()).isEqualTo(0x0105);
                assertThat(p.dmx().data()).containsOnly((byte) 0);
            });
            assertArtNetSequencesContinue(art);

            List<SacnOutputTest.E131> sacnPackets = removedSacn.packets().stream().map(SacnOutputTest::decode)
                    .toList();
            int m = sacnPackets.size();
            assertThat(sacnPackets.subList(0, m - 6)).noneMatch(SacnOutputTest.E131::terminated)
                    .allSatisfy(p -> assertThat(p.slot(1)).isEqualTo(11));
            assertThat(sacnPackets.subList(m - 6, m - 3)).as("blackout").noneMatch(SacnOutputTest.E131::terminated)
                    .allSatisfy(p -> assertThat(p.slots()).containsOnly((byte) 0));
            assertThat(sacnPackets.subList(m - 3, m)).as("stream terminated")
                    .allMatch(SacnOutputTest.E131::terminated).allSatisfy(p -> assertThat(p.universe()).isEqualTo(7));
            SacnOutputTest.assertSequencesIncrementByOne(sacnPackets);

            List<ArtNetReceiver.Received> keptData = kept.dmx(0x0105);
            List<ArtNetReceiver.Received> lit = keptData.stream().filter(p -> p.channel(1) == 11).toList();
            assertThat(keptData.subList(0, lit.size())).as("the kept destination only got data").isEqualTo(lit);
            assertArtNetSequencesContinue(keptData);
            for (int i = 1; i < lit.size(); i++) {
                long gap = (lit.get(i).nanos() - lit.get(i - 1).nanos()) / 1_000_000;
                assertThat(gap).as("no gap at the kept destination (packet %d)", i)
                        .isLessThan(17 * (2 + lateFrames) + 10);
            }
        }
    }

    @Test
    void aStreamThatChangesOnlyItsPriorityKeepsItsSequenceWithoutAnEnding() throws Exception {
        try (ArtNetReceiver b = new ArtNetReceiver(); ArtNetReceiver defaults = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, false,
                    FrameSource.constant(threeUniverses())).withSacnIdentity(UUID.randomUUID(), "Priority");
            output.setRouting(OutputRouting.of(Map.of(1, List.of(OutputRoute.sacn(at(b), 7, 100)))));
            output.start();
            Thread.sleep(300);
            output.setRouting(OutputRouting.of(Map.of(1, List.of(OutputRoute.sacn(at(b), 7, 150)))));
            Thread.sleep(300);
            output.shutdownWithBlackout();
            b.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));

            List<SacnOutputTest.E131> got = b.packets().stream().map(SacnOutputTest::decode).toList();
            SacnOutputTest.assertSequencesIncrementByOne(got);
            List<Integer> priorities = got.stream().map(SacnOutputTest.E131::priority).distinct().toList();
            assertThat(priorities).containsExactly(100, 150);
            int firstAt150 = got.indexOf(got.stream().filter(p -> p.priority() == 150).findFirst().orElseThrow());
            assertThat(got.subList(0, firstAt150)).as("no ending: the receiver keeps the same stream")
                    .allSatisfy(p -> assertThat(p.slot(2)).isEqualTo(22));
            assertThat(got.subList(got.size() - 3, got.size())).allMatch(SacnOutputTest.E131::terminated);
            assertThat(got.stream().filter(SacnOutputTest.E131::terminated)).hasSize(3);
        }
    }

    static void assertArtNetSequencesContinue(List<ArtNetReceiver.Received> packets) {
        for (int i = 1; i < packets.size(); i++) {
            int previous = packets.get(i - 1).dmx().sequence();
            assertThat(packets.get(i).dmx().sequence()).as("sequence after " + previous)
                    .isEqualTo(previous == 255 ? 1 : previous + 1);
        }
    }

    @Test
    void artSyncAlsoReachesRoutedArtNetDestinations() throws Exception {
        try (ArtNetReceiver a = new ArtNetReceiver(); ArtNetReceiver defaults = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, true,
                    FrameSource.constant(threeUniverses()));
            output.setRouting(OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(at(a), 0x0105)))));
            output.start();
            Thread.sleep(300);
            output.shutdownWithBlackout();
            a.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            List<ArtNetReceiver.Received> atA = a.packets();
            long dmx = atA.stream().filter(p -> p.opcode() == ArtNet.OP_DMX).count();
            long sync = atA.stream().filter(p -> p.opcode() == ArtNet.OP_SYNC).count();
            assertThat(dmx).isGreaterThan(5);
            assertThat(sync).as("one ArtSync after each frame's ArtDmx").isEqualTo(dmx);
        }
    }

    @Test
    void theLoopAllocatesNothingPerFrameWithRoutedUniversesAndSubscribers() throws Exception {
        List<Integer> universes = new java.util.ArrayList<>();
        Map<Integer, List<OutputRoute>> routes = new java.util.HashMap<>();
        try (ArtNetReceiver a = new ArtNetReceiver(); ArtNetReceiver b = new ArtNetReceiver();
             ArtNetReceiver defaults = new ArtNetReceiver()) {
            for (int u = 0; u < 16; u++) {
                universes.add(u);
                if (u < 8) {
                    routes.put(u, List.of(OutputRoute.artNet(at(a), 0x0100 + u),
                            OutputRoute.sacn(at(b), 100 + u, 120)));
                }
            }
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, true,
                    FrameSource.constant(DmxFrame.blackout(UniverseLayout.of(universes))));
            output.setRouting(OutputRouting.of(routes));
            // a subscribed device too: a routed Port-Address and an unrouted universe
            output.setSubscriptions(ArtNetSubscriptions.of(List.of(new NodeTable.Node("127.0.0.1", "n", "n", "", 0,
                    List.of(0x0100, 12), List.of(), 0, false, a.port()))));
            output.start();
            OutputAllocation measured = OutputAllocation.measure(output);
            long allocated = measured.bytes();
            long frames = measured.frames();
            output.shutdownWithBlackout();
            assertThat(frames).isGreaterThan(40);
            assertThat(allocated).as("bytes allocated by the output thread in %d frames", frames)
                    .isLessThan(frames * 16);
        }
    }
}
