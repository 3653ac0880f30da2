package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.output.OutputsFile;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.FakeArtNetNode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            assertThat(entry.path("port").asInt()).as("the port the reply names").isEqualTo(node.port());
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

    private static JsonNode health(BeatlightServer server) throws Exception {
        return Json.MAPPER.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The entries of /healthz routes.{universe} as "source protocol host:port address". */
    private static List<String> routes(JsonNode health, int universe) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : health.at("/routes/" + universe)) {
            out.add(r.path("source").asText() + " " + r.path("protocol").asText() + " " + r.path("host").asText()
                    + ":" + r.path("port").asInt() + " " + (r.has("port_address") ? "pa " + r.path("port_address")
                    .asInt() : "sacn " + r.path("sacn_universe").asInt() + " priority " + r.path("priority").asInt()));
        }
        return out;
    }

    @Test
    void aDiscoveredDeviceGetsTheUniverseItSubscribesToAndHealthzShowsEveryRouteWithItsSource() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver(); ArtNetReceiver routed = new ArtNetReceiver();
             ArtNetReceiver sacn = new ArtNetReceiver();
             FakeArtNetNode node = new FakeArtNetNode("Fake node", "Subscribes to 0 and 1", 0, 0, 0, 1);
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--artpoll-targets",
                     "127.0.0.1:" + node.port(), "--artpoll-interval", "200");
             WsTestClient client = WsTestClient.connect(server.port())) {
            node.awaitDmx(0, 0, p -> true, Duration.ofSeconds(10));
            assertThat(node.dmx(1)).as("universe 1 is not sent").isEmpty();
            JsonNode health = health(server);
            assertThat(health.at("/discovery/subscriptions").asBoolean()).isTrue();
            assertThat(routes(health, 0)).containsExactly(
                    "command_line artnet 127.0.0.1:" + receiver.port() + " pa 0",
                    "subscription artnet 127.0.0.1:" + node.port() + " pa 0");
            assertThat(health.at("/routes").size()).as("only the universes the rig sends").isEqualTo(1);

            Files.writeString(dir.resolve(OutputsFile.NAME), """
                    {"outputs": {"0": [
                      {"protocol": "artnet", "host": "127.0.0.1", "port": %d},
                      {"protocol": "sacn", "host": "127.0.0.1", "port": %d, "sacn_universe": 9, "priority": 120}
                    ]}}""".formatted(routed.port(), sacn.port()));
            assertThat(client.call("outputs.reload", Json.object()).path("ok").asBoolean()).isTrue();
            routed.awaitDmx(0, p -> true);
            assertThat(routes(health(server), 0)).containsExactly(
                    "outputs_file artnet 127.0.0.1:" + routed.port() + " pa 0",
                    "outputs_file sacn 127.0.0.1:" + sacn.port() + " sacn 9 priority 120",
                    "subscription artnet 127.0.0.1:" + node.port() + " pa 0");

            // a routed Port-Address an unrouted universe is sent on is refused; the running routes stay
            Files.writeString(dir.resolve(OutputsFile.NAME), """
                    {"outputs": {"5": [{"protocol": "artnet", "host": "127.0.0.1", "port": %d, "port_address": 0}]}}"""
                    .formatted(routed.port()));
            JsonNode refused = client.call("outputs.reload", Json.object());
            assertThat(refused.at("/error/code").asText()).isEqualTo("load_failed");
            assertThat(refused.at("/error/message").asText()).startsWith("outputs.json: universe 5 sends Art-Net"
                    + " Port-Address 0 (0:0:0) to 127.0.0.1:" + routed.port() + ", the Port-Address unrouted"
                    + " universe 0 is sent on");
            assertThat(server.output().routing().routesOf(0)).hasSize(2);
            routed.awaitDmx(0, System.nanoTime(), p -> true, Duration.ofSeconds(2));
        }
    }

    @Test
    void withSubscriptionsOffADiscoveredDeviceGetsNothing() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             FakeArtNetNode node = new FakeArtNetNode("Fake node", "Subscribes to 0", 0, 0, 0);
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--artpoll-targets",
                     "127.0.0.1:" + node.port(), "--artpoll-interval", "200", "--no-artnet-subscriptions")) {
            receiver.awaitDmx(0, p -> true);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (node.polls() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            assertThat(node.polls()).isGreaterThanOrEqualTo(2);
            assertThat(node.dmx(0)).isEmpty();
            JsonNode health = health(server);
            assertThat(health.at("/discovery/subscriptions").asBoolean()).isFalse();
            assertThat(routes(health, 0)).containsExactly("command_line artnet 127.0.0.1:" + receiver.port() + " pa 0");
        }
    }
}
