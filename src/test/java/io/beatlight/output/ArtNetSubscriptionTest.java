package io.beatlight.output;

import static io.beatlight.output.SacnOutputTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.FakeArtNetNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Art-Net 4 subscriptions: a device on loopback answers ArtPoll with a real ArtPollReply whose SwOut lists a
 * Port-Address; the output then unicasts that universe to it, and ends it with a blackout when the device goes stale.
 */
class ArtNetSubscriptionTest {

    @Test
    void aDiscoveredDeviceGetsTheUniverseItOutputsUntilItGoesStaleThenItsBlackout() throws Exception {
        NodeTable table = new NodeTable(1000);
        try (FakeArtNetNode node = new FakeArtNetNode("Sub node", "Subscribes to 0:0:1", 0, 0, 1);
             ArtNetReceiver defaults = new ArtNetReceiver();
             ArtNetDiscovery discovery = new ArtNetDiscovery(
                     List.of(new InetSocketAddress("127.0.0.1", node.port())), table, 200)) {
            ArtNetOutput output = new ArtNetOutput(List.of(at(defaults)), 60, false,
                    FrameSource.constant(OutputRoutingTest.threeUniverses()));
            table.onChange(() -> output.setSubscriptions(ArtNetSubscriptions.of(table.nodes())));
            output.start();
            defaults.awaitDmx(1, p -> true);
            assertThat(node.dmx(1)).as("nothing before discovery").isEmpty();
            assertThat(discovery.start("127.0.0.1", 0)).isTrue();

            node.awaitDmx(1, 0, p -> p.channel(2) == 22, Duration.ofSeconds(5));
            Map<Integer, List<RoutePlan.Destination>> routes = output.effectiveRoutes();
            assertThat(routes.get(1)).extracting(d -> d.origin(), d -> d.route().target().getPort(),
                    d -> d.route().portAddress()).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(RoutePlan.Origin.COMMAND_LINE, defaults.port(), 1),
                    org.assertj.core.groups.Tuple.tuple(RoutePlan.Origin.SUBSCRIPTION, node.port(), 1));
            assertThat(routes.get(0)).extracting(RoutePlan.Destination::origin)
                    .containsOnly(RoutePlan.Origin.COMMAND_LINE);
            Thread.sleep(300);

            node.answering(false); // stale after 1 s, noticed at the next poll
            long stopped = awaitQuiet(node, 1, Duration.ofSeconds(5));
            assertThat(output.effectiveRoutes().get(1)).extracting(RoutePlan.Destination::origin)
                    .containsOnly(RoutePlan.Origin.COMMAND_LINE);
            Thread.sleep(200);
            int count = node.dmx(1).size();
            defaults.awaitDmx(1, System.nanoTime(), p -> p.channel(2) == 22, Duration.ofSeconds(2));
            output.shutdownWithBlackout();
            assertThat(node.dmx(1)).as("nothing after the ending, not even the shutdown blackout").hasSize(count);

            List<ArtNetReceiver.Received> got = node.dmx(1);
            int n = got.size();
            assertThat(n).isGreaterThan(20);
            assertThat(got.subList(0, n - 3)).allSatisfy(p -> assertThat(p.channel(2)).isEqualTo(22));
            assertThat(got.subList(n - 3, n)).as("three blackout frames once the device went stale")
                    .allSatisfy(p -> assertThat(p.dmx().data()).containsOnly((byte) 0));
            OutputRoutingTest.assertArtNetSequencesContinue(got);
            assertThat(node.dmx(0)).as("only the subscribed Port-Address").isEmpty();
            assertThat(node.dmx(2)).isEmpty();
            assertThat(stopped).isPositive();
        }
    }

    @Test
    void subscribersOfARoutedPortAddressGetThatRouteAndNoDuplicates() {
        InetSocketAddress node = new InetSocketAddress("127.0.0.1", 7000);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", 7001);
        ArtNetSubscriptions subscriptions = ArtNetSubscriptions.of(List.of(
                new NodeTable.Node("127.0.0.1", "n", "n", "", 0, List.of(0x0105, 3), List.of(), 0, false, 7000),
                new NodeTable.Node("127.0.0.1", "t", "t", "", 0, List.of(3), List.of(), 0, false, 7001),
                new NodeTable.Node("127.0.0.2", "s", "s", "", 0, List.of(0x0105), List.of(), 0, true, 6454)));
        OutputRouting routing = OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(target, 0x0105))));

        Map<Integer, List<RoutePlan.Destination>> plan = RoutePlan.plan(UniverseLayout.of(List.of(0, 1, 3)), routing,
                subscriptions, List.of(target), null);
        assertThat(plan.get(0)).containsExactly(
                new RoutePlan.Destination(OutputRoute.artNet(target, 0x0105), RoutePlan.Origin.OUTPUTS_FILE),
                new RoutePlan.Destination(OutputRoute.artNet(node, 0x0105), RoutePlan.Origin.SUBSCRIPTION));
        assertThat(plan.get(3)).as("a subscriber that is already a target is not sent to twice").containsExactly(
                new RoutePlan.Destination(OutputRoute.artNet(target, 3), RoutePlan.Origin.COMMAND_LINE),
                new RoutePlan.Destination(OutputRoute.artNet(node, 3), RoutePlan.Origin.SUBSCRIPTION));
        assertThat(plan.get(1)).extracting(RoutePlan.Destination::origin).containsOnly(RoutePlan.Origin.COMMAND_LINE);
    }

    @Test
    void aSubscriptionToAPortAddressTwoUniversesAreSentOnIsServedByOneOfThemOnly() {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 7001);
        InetSocketAddress b = new InetSocketAddress("127.0.0.1", 7002);
        InetSocketAddress device = new InetSocketAddress("127.0.0.1", 7000);
        ArtNetSubscriptions subscriptions = ArtNetSubscriptions.of(List.of(
                new NodeTable.Node("127.0.0.1", "n", "n", "", 0, List.of(5), List.of(), 0, false, 7000)));
        // valid: the same Port-Address to two different receivers
        OutputRouting routing = OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(a, 5)),
                1, List.of(OutputRoute.artNet(b, 5))));
        Map<Integer, List<RoutePlan.Destination>> plan = RoutePlan.plan(UniverseLayout.of(List.of(0, 1)), routing,
                subscriptions, List.of(a), null);
        assertThat(plan.get(0)).extracting(RoutePlan.Destination::route).containsExactly(OutputRoute.artNet(a, 5),
                OutputRoute.artNet(device, 5));
        assertThat(plan.get(1)).extracting(RoutePlan.Destination::route).containsExactly(OutputRoute.artNet(b, 5));
        // a device configured for that Port-Address by one universe is not subscribed to the other
        OutputRouting configured = OutputRouting.of(Map.of(0, List.of(OutputRoute.artNet(a, 5)),
                1, List.of(OutputRoute.artNet(device, 5))));
        assertThat(RoutePlan.plan(UniverseLayout.of(List.of(0, 1)), configured, subscriptions, List.of(a), null)
                .get(0)).extracting(RoutePlan.Destination::origin).containsOnly(RoutePlan.Origin.OUTPUTS_FILE);
    }

    /** Waits until the device has received nothing on a Port-Address for 300 ms; returns when that began. */
    private static long awaitQuiet(FakeArtNetNode node, int portAddress, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ArtNetReceiver.Received> got = node.dmx(portAddress);
            long last = got.isEmpty() ? 0 : got.get(got.size() - 1).nanos();
            if (last != 0 && System.nanoTime() - last > 300_000_000L) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the device kept receiving Port-Address " + portAddress);
    }
}
