package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a WebSocket intent to decoded ArtDmx on a loopback receiver. */
@Tag("server")
class ArtNetEndToEndTest {
    static final long FRAME_NANOS = 1_000_000_000L / 60;

    @TempDir
    Path dir;

    static ObjectNode values(String fixture, ObjectNode values) {
        ObjectNode payload = Json.object().put("fixture_id", fixture);
        payload.set("values", values);
        return payload;
    }

    @Test
    void setValuesReachesTheWireWithinTwoFramesAndPlayingBlocksEdits() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 30, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            // arm defaults are on the wire from the start: par dimmers and the head shutter at 255
            receiver.awaitDmx(0, p -> p.channel(16) == 255 && p.channel(7) == 255);

            long sent = System.nanoTime();
            String reqId = client.intent("fixture.set_values", values("parcan_l", Json.object().put("rgb", "#FF8000")));
            ArtNetReceiver.Received seen = receiver.awaitDmx(0, sent,
                    p -> p.channel(17) == 255 && p.channel(18) == 128 && p.channel(19) == 0, Duration.ofSeconds(2));
            assertThat(seen.nanos() - sent).isLessThan(2 * FRAME_NANOS + Duration.ofMillis(30).toNanos());
            assertThat(client.reply(reqId).get("ok").asBoolean()).isTrue();

            assertThat(client.call("transport.play", null).get("ok").asBoolean()).isTrue();
            assertThat(client.call("fixture.set_values", values("parcan_l", Json.object().put("rgb", "#0000FF")))
                    .at("/error/code").asText()).isEqualTo(ErrorCode.PLAYBACK_ACTIVE);
            Thread.sleep(100);
            long after = System.nanoTime();
            // playing shows the canvas (no cues here: the arm defaults); the rejected edit changed nothing
            ArtNetReceiver.Received later = receiver.awaitDmx(0, after, p -> true, Duration.ofSeconds(1));
            assertThat(List.of(later.channel(16), later.channel(17), later.channel(18), later.channel(19)))
                    .containsExactly(255, 0, 0, 0);

            client.call("transport.stop", null);
            long stopped = System.nanoTime();
            receiver.awaitDmx(0, stopped, p -> p.channel(16) == 0 && p.channel(17) == 0 && p.channel(7) == 0,
                    Duration.ofSeconds(1));
            // the blackout holds until the next seek, which shows the editor again
            client.call("transport.jump_to_time", Json.object().put("time_ms", 0));
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(16) == 255, Duration.ofSeconds(1));
        }
    }

    @Test
    void shutdownLeavesTheRigDark() throws Exception {
        TestShow.withReferenceRig(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            BeatlightServer server = TestServer.start(dir, receiver.port());
            try (WsTestClient client = WsTestClient.connect(server.port())) {
                client.firstSnapshot();
                client.call("fixture.set_values", values("parcan_r", Json.object().put("rgb", "#FFFFFF")));
                receiver.awaitDmx(0, p -> p.channel(23) == 255);
            }
            server.close();
            receiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            List<ArtNetReceiver.Received> packets = receiver.dmx(0);
            for (byte b : packets.get(packets.size() - 1).dmx().data()) {
                assertThat(b).isZero();
            }
        }
    }

    @Test
    void healthReportsOutputCounters() throws Exception {
        TestShow.withReferenceRig(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port())) {
            receiver.awaitDmx(0, p -> true);
            var http = HttpClient.newHttpClient();
            var response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            var health = Json.MAPPER.readTree(response.body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.at("/artnet/fps").asInt()).isEqualTo(60);
            assertThat(health.at("/artnet/frames_sent").asLong()).isPositive();
        }
    }
}
