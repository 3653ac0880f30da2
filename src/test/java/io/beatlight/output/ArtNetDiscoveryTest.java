package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.testutil.FakeArtNetNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Discovery against a device on loopback that answers ArtPoll with a real ArtPollReply. */
class ArtNetDiscoveryTest {

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aDeviceThatAnswersAppearsAndTurnsStaleWhenItFallsSilent() throws Exception {
        try (FakeArtNetNode node = new FakeArtNetNode("Fake node", "A fake Art-Net node", 0, 1, 0, 1)) {
            NodeTable table = new NodeTable(600);
            try (ArtNetDiscovery discovery = new ArtNetDiscovery(
                    List.of(new InetSocketAddress("127.0.0.1", node.port())), table, 200)) {
                assertThat(discovery.start("127.0.0.1", 0)).isTrue();
                await(() -> !table.nodes().isEmpty(), Duration.ofSeconds(3));
                NodeTable.Node found = table.nodes().get(0);
                assertThat(found.ip()).isEqualTo("127.0.0.1");
                assertThat(found.shortName()).isEqualTo("Fake node");
                assertThat(found.longName()).isEqualTo("A fake Art-Net node");
                assertThat(found.outputs()).containsExactly(0x10, 0x11);
                assertThat(found.stale()).isFalse();

                // polled again and again at the interval, never more than asked
                int before = node.polls();
                Thread.sleep(1000);
                assertThat(node.polls() - before).isBetween(3, 7);

                node.answering(false);
                await(() -> table.nodes().get(0).stale(), Duration.ofSeconds(3));
                node.answering(true);
                await(() -> !table.nodes().get(0).stale(), Duration.ofSeconds(3));
            }
        }
    }

    @Test
    void malformedRepliesAreCountedAndIgnored() throws Exception {
        try (FakeArtNetNode node = new FakeArtNetNode("Short", "Short replies", 0, 0, 0)) {
            byte[] truncated = Arrays.copyOf(node.reply(), 120);
            node.answerWith(truncated);
            NodeTable table = new NodeTable(5000);
            try (ArtNetDiscovery discovery = new ArtNetDiscovery(
                    List.of(new InetSocketAddress("127.0.0.1", node.port())), table, 200)) {
                assertThat(discovery.start("127.0.0.1", 0)).isTrue();
                await(() -> discovery.rejected() >= 2, Duration.ofSeconds(3));
                assertThat(table.nodes()).isEmpty();
                node.answerWith(null);
                await(() -> table.nodes().size() == 1, Duration.ofSeconds(3));
                assertThat(discovery.repliesHeard()).isPositive();
            }
        }
    }
}
