package io.beatlight.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The node table: merged replies per device, staleness, forgetting, and change notices. */
class NodeTableTest {

    private static ArtNetNodeReply reply(String name, int bindIndex, List<Integer> outputs) {
        return new ArtNetNodeReply("10.0.0.9", name, name + " long", "#0001 [0001] ok", 0, outputs, List.of(),
                bindIndex);
    }

    @Test
    void repliesOfOneDeviceAreMergedByBindIndex() {
        NodeTable table = new NodeTable(10_000);
        table.update("127.0.0.5", reply("Rack", 1, List.of(3)), 1000);
        table.update("127.0.0.5", reply("Rack", 2, List.of(1, 2)), 1100);
        table.update("127.0.0.5", reply("Rack", 1, List.of(3)), 1200); // the same port again
        assertThat(table.nodes()).singleElement().satisfies(n -> {
            assertThat(n.ip()).isEqualTo("127.0.0.5");
            assertThat(n.shortName()).isEqualTo("Rack");
            assertThat(n.outputs()).containsExactly(1, 2, 3);
            assertThat(n.lastSeenMillis()).isEqualTo(1200);
            assertThat(n.stale()).isFalse();
        });
    }

    @Test
    void aSilentDeviceTurnsStaleThenIsForgotten() {
        NodeTable table = new NodeTable(1000);
        AtomicInteger changes = new AtomicInteger();
        table.onChange(changes::incrementAndGet);
        table.update("127.0.0.5", reply("A", 1, List.of(0)), 0);
        table.update("127.0.0.6", reply("B", 1, List.of(1)), 0);
        assertThat(changes).hasValue(2);
        table.refresh(1000);
        assertThat(table.nodes()).noneMatch(NodeTable.Node::stale);
        assertThat(changes).as("nothing changed, no notice").hasValue(2);
        table.update("127.0.0.6", reply("B", 1, List.of(1)), 1500);
        table.refresh(1001 + 500);
        assertThat(table.nodes()).extracting(NodeTable.Node::ip, NodeTable.Node::stale)
                .containsExactly(tuple("127.0.0.5", true),
                        tuple("127.0.0.6", false));
        table.refresh(6001);
        assertThat(table.nodes()).extracting(NodeTable.Node::ip).containsExactly("127.0.0.6");
        assertThat(changes.get()).isGreaterThanOrEqualTo(4);
    }
}
