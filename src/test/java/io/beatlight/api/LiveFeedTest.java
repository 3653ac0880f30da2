package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** live.subscribe: compact samples of the output for the browser's stage plan and DMX monitor. */
@Tag("server")
class LiveFeedTest {
    @TempDir
    Path dir;

    static boolean isLive(JsonNode m) {
        return "live".equals(m.path("type").asText());
    }

    static byte[] data(JsonNode live, int universe) {
        for (JsonNode u : live.get("universes")) {
            if (u.get("universe").asInt() == universe) {
                return Base64.getDecoder().decode(u.get("data").asText());
            }
        }
        throw new AssertionError("no universe " + universe + " in " + live);
    }

    static Predicate<JsonNode> liveWhere(Predicate<byte[]> universe0) {
        return m -> isLive(m) && universe0.test(data(m, 0));
    }

    @Test
    void samplesFollowTheOutputAndOnlyTheUsedChannelsAreSent() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port());
             WsTestClient other = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            other.firstSnapshot();
            int used = server.engine().submit(() -> server.engine().rig().maxUsedChannel(0)).get();

            JsonNode reply = ok(client.call("live.subscribe", Json.object().put("fps", 30)));
            assertThat(reply.at("/data/fps").asInt()).isEqualTo(30);
            assertThat(reply.at("/data/universes/0/channels").asInt()).isEqualTo(used);
            JsonNode first = client.await(LiveFeedTest::isLive, Duration.ofSeconds(2));
            assertThat(data(first, 0)).hasSize(used);
            assertThat(first.has("seq")).isFalse();

            // a control change reaches the samples (parcan_l's red is channel 17)
            int from = client.received();
            ok(client.call("fixture.set_values", Json.object().put("fixture_id", "parcan_l")
                    .set("values", Json.object().put("rgb", "#C81E00"))));
            client.awaitFrom(from, liveWhere(b -> (b[16] & 0xFF) == 200 && (b[17] & 0xFF) == 30),
                    Duration.ofSeconds(2));

            // an unchanged output is not resent at 30 fps: about one keep-alive sample a second
            Thread.sleep(300);
            int quietFrom = client.received();
            Thread.sleep(1500);
            long quiet = client.messages().subList(quietFrom, client.received()).stream()
                    .filter(LiveFeedTest::isLive).count();
            assertThat(quiet).isBetween(1L, 3L);

            // the monitor asks for the whole universe
            ok(client.call("live.subscribe", Json.object().put("monitor_universe", 0)));
            int monitorFrom = client.received();
            client.awaitFrom(monitorFrom, liveWhere(b -> b.length == 512), Duration.ofSeconds(3));

            // other clients get nothing unless they subscribe
            assertThat(other.messages()).noneMatch(LiveFeedTest::isLive);

            // bad payloads change nothing
            fails(client.call("live.subscribe", Json.object().put("fps", 0)), "invalid_payload");
            fails(client.call("live.subscribe", Json.object().put("monitor_universe", 7)), "invalid_payload");
            fails(client.call("live.subscribe", Json.object().put("fps", "fast")), "invalid_payload");

            JsonNode off = ok(client.call("live.unsubscribe", Json.object()));
            assertThat(off.at("/data/was_subscribed").asBoolean()).isTrue();
            Thread.sleep(200);
            int after = client.received();
            Thread.sleep(1300);
            assertThat(client.messages().subList(after, client.received())).noneMatch(LiveFeedTest::isLive);
        }
    }

    @Test
    void whilePlayingTheSamplesFollowTheCanvas() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Files.createDirectories(dir.resolve("cues"));
        Files.writeString(dir.resolve("cues/Song.cue.json"), """
                [{"time": 0.5, "fixture_id": "parcan_l", "effect": "fade_in", "duration": 2.0,
                  "data": {"red": 255, "green": 0, "blue": 0}}]""");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("live.subscribe", Json.object().put("fps", 60)));
            ok(client.call("transport.play", Json.object()));
            int from = client.received();
            Thread.sleep(2000);
            long samples = client.messages().subList(from, client.received()).stream()
                    .filter(LiveFeedTest::isLive).map(m -> data(m, 0)[16] & 0xFF).distinct().count();
            // the fade changes the red channel every frame: many distinct samples arrive
            assertThat(samples).isGreaterThan(30);
            ok(client.call("transport.stop", Json.object()));
        }
    }
}
