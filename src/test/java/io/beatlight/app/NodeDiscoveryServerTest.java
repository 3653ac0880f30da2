package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.FakeArtNetNode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server polls a device on loopback and shows it in state.nodes, pushed to clients as it changes. */
@Tag("server")
class NodeDiscoveryServerTest {
    @TempDir
    Path dir;

    private static boolean nodesChange(JsonNode message) {
        if (!"patch".equals(message.path("type").asText())) {
            return false;
        }
        for (JsonNode change : message.path("changes")) {
            if (change.path("path").path(0).asText().equals("nodes")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode nodesIn(JsonNode patch) {
        for (JsonNode change : patch.path("changes")) {
            if (change.path("path").path(0).asText().equals("nodes")) {
                return change.path("value");
            }
        }
        throw new AssertionError("no nodes change in " + patch);
    }

    @Test
    void aDeviceThatAnswersArtPollAppearsInTheStateAndTurnsStale() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (FakeArtNetNode node = new FakeArtNetNode("Fake node", "Fake node on loopback", 0, 0, 0, 1);
             BeatlightServer server = TestServer.start(dir, 9, "--artpoll-targets", "127.0.0.1:" + node.port(),
                     "--artpoll-interval", "200", "--node-stale-after", "1");
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode snapshot = client.firstSnapshot();
            assertThat(snapshot.at("/state/nodes").isArray()).isTrue();

            JsonNode appeared = client.await(m -> nodesChange(m) && nodesIn(m).size() == 1,
                    Duration.ofSeconds(5));
            JsonNode entry = nodesIn(appeared).get(0);
            assertThat(entry.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("short_name").asText()).isEqualTo("Fake node");
            assertThat(entry.path("long_name").asText()).isEqualTo("Fake node on loopback");
            assertThat(entry.path("universes").toString()).isEqualTo("[0,1]");
            assertThat(entry.path("style").asInt()).isZero();
            assertThat(entry.path("stale").asBoolean()).isFalse();
            assertThat(entry.path("last_seen_ms").asLong()).isCloseTo(System.currentTimeMillis(),
                    within(5000L));

            node.answering(false);
            client.await(m -> nodesChange(m) && nodesIn(m).path(0).path("stale").asBoolean(),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void withoutPollTargetsNothingIsPolledAndNodesIsEmpty() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (FakeArtNetNode node = new FakeArtNetNode("Fake node", "Never polled", 0, 0, 0);
             BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(client.firstSnapshot().at("/state/nodes").size()).isZero();
            Thread.sleep(500);
            assertThat(node.polls()).isZero();
        }
    }
}
