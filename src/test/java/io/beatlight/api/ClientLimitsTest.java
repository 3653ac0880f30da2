package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-connection limits: messages per second, work waiting for the engine, and clients at once. */
@Tag("server")
class ClientLimitsTest {
    @TempDir
    Path dir;

    static String setValues(int value) {
        ObjectNode payload = Json.object().put("fixture_id", "parcan_l");
        payload.set("values", Json.object().put("rgb", String.format("#%02X0000", value & 0xFF)));
        return Json.write(Json.object().put("type", "intent").put("req_id", "flood-" + value)
                .put("name", "fixture.set_values").set("payload", payload));
    }

    @Test
    void messagesOverTheRateAreAnsweredRateLimitedWithTheirReqIdAndNothingElseChanges() throws Exception {
        TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9, "--max-intents-per-second", "5");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            // a burst of twice the rate is admitted; the rest of 18 quick messages is refused, not queued
            for (int i = 0; i < 18; i++) {
                client.sendText(setValues(i));
            }
            JsonNode refused = client.await(m -> m.at("/error/code").asText().equals(ErrorCode.RATE_LIMITED),
                    Duration.ofSeconds(10));
            assertThat(refused.get("type").asText()).isEqualTo("reply");
            assertThat(refused.get("req_id").asText()).startsWith("flood-");
            assertThat(refused.get("name").asText()).isEqualTo("fixture.set_values");
            assertThat(refused.at("/error/message").asText()).contains("5 a second");
            assertThat(refused.at("/error/details/max_per_second").asInt()).isEqualTo(5);
            // every message got exactly one reply, and the connection stays open
            for (int i = 0; i < 18; i++) {
                String reqId = "flood-" + i;
                client.await(m -> "reply".equals(m.path("type").asText()) && reqId.equals(m.path("req_id").asText()),
                        Duration.ofSeconds(10));
            }
            long refusedCount = client.messages().stream()
                    .filter(m -> m.at("/error/code").asText().equals(ErrorCode.RATE_LIMITED)).count();
            assertThat(refusedCount).isBetween(6L, 8L);
            assertThat(client.closeCode()).isNull();
            Thread.sleep(1200); // the bucket refills
            assertThat(client.call("transport.stop", null).path("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void aFloodingClientIsClosedWhileOtherClientsAndTheOutputCarryOn() throws Exception {
        TestShow.withReferenceRig(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--max-intents-per-second", "50");
             WsTestClient flooder = WsTestClient.connect(server.port());
             WsTestClient other = WsTestClient.connect(server.port())) {
            flooder.firstSnapshot();
            other.firstSnapshot();
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < 20_000 && flooder.closeCode() == null; i++) {
                        flooder.sendText(setValues(i));
                    }
                } catch (RuntimeException e) {
                    // the server closed the socket under us: expected
                }
            });
            flood.start();
            for (int i = 0; i < 10; i++) {
                ObjectNode payload = Json.object().put("fixture_id", "parcan_r");
                payload.set("values", Json.object().put("rgb", "#0000" + String.format("%02X", i + 1)));
                assertThat(other.call("fixture.set_values", payload).path("ok").asBoolean()).isTrue();
            }
            // 1008, or a reset when the server dropped the socket while the flooder was still writing into it
            assertThat(flooder.awaitClose(Duration.ofSeconds(20))).isIn(1008, -1);
            flood.join(20_000);
            assertThat(other.call("transport.stop", null).path("ok").asBoolean()).isTrue();
            assertThat(other.closeCode()).isNull();
            long after = System.nanoTime();
            receiver.awaitDmx(0, after, p -> true, Duration.ofSeconds(5));
        }
    }

    @Test
    void aClientOverTheMaximumIsClosedWith1013AndItsPlaceIsFreedOnClose() throws Exception {
        TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9, "--max-clients", "2");
             WsTestClient first = WsTestClient.connect(server.port())) {
            WsTestClient second = WsTestClient.connect(server.port());
            first.firstSnapshot();
            second.firstSnapshot();
            try (WsTestClient third = WsTestClient.connect(server.port())) {
                assertThat(third.awaitClose(Duration.ofSeconds(10))).isEqualTo(1013);
                assertThat(third.messages()).isEmpty();
            }
            second.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try (WsTestClient again = WsTestClient.connect(server.port())) {
                    JsonNode snapshot = again.await(m -> "snapshot".equals(m.path("type").asText())
                            || again.closeCode() != null, Duration.ofSeconds(10));
                    if (snapshot != null && again.closeCode() == null) {
                        break;
                    }
                } catch (AssertionError e) {
                    // closed before a snapshot: the old connection is still being released
                }
                assertThat(System.nanoTime()).as("a freed place is reused").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(List.of(first.closeCode() == null)).containsExactly(true);
        }
    }
}
