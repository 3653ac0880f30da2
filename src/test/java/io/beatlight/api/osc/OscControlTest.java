package io.beatlight.api.osc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.illposed.osc.argument.OSCColor;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.OscTestClient;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSC control end to end: a real server with an OSC port, a real OSC client on loopback; effects checked in the
 * WebSocket state and in the ArtDmx on the wire (reference rig: parcan_l is dimmer 16, red/green/blue 17..19).
 */
@Tag("server")
class OscControlTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private BeatlightServer start(ArtNetReceiver receiver) throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 20, 120, "{\"intro\": [0, 10], \"outro\": [10, 20]}")
                .song("Other", 8, 90, null);
        Path chasers = dir.resolve("chasers");
        Files.createDirectories(chasers);
        Files.writeString(chasers.resolve("lr.json"), """
                {"id": "lr", "name": "L to R", "description": "d",
                 "effects": [{"beat": 0, "fixture_id": "parcan_l", "effect": "full", "duration": 1, "data": {}},
                             {"beat": 1, "fixture_id": "parcan_r", "effect": "full", "duration": 1, "data": {}}]}""");
        return TestServer.start(dir, receiver.port(), "--osc-port", "0", "--song", "Song");
    }

    /** The current state, from a fresh snapshot. */
    private static JsonNode state(WsTestClient ws) {
        int from = ws.received();
        ws.hello();
        return ws.awaitFrom(from, m -> "snapshot".equals(m.path("type").asText()), WAIT).get("state");
    }

    private static JsonNode awaitState(WsTestClient ws, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode state = state(ws);
        while (!match.test(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("state never matched; playback " + state.get("playback") + ", song "
                        + state.at("/song/filename"));
            }
            Thread.sleep(20);
            state = state(ws);
        }
        return state;
    }

    private static Predicate<JsonNode> playback(String state, long timeMs) {
        return s -> s.at("/playback/state").asText().equals(state) && s.at("/playback/time_ms").asLong() == timeMs;
    }

    /** Sends a message and returns the error it is answered with. */
    private static OscTestClient.Received error(OscTestClient osc, String address, Object... args) {
        int from = osc.count();
        osc.send(address, args);
        return osc.awaitError(from);
    }

    private static void assertError(OscTestClient.Received error, String code, String address) {
        assertThat(error.arg(0)).isEqualTo(code);
        assertThat((String) error.arg(1)).isNotBlank();
        assertThat(error.arg(2)).isEqualTo(address);
    }

    @Test
    void transportAddressesDriveThePlaybackAndTheWire() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(receiver);
             WsTestClient ws = WsTestClient.connect(server.port());
             OscTestClient osc = new OscTestClient(server.oscPort())) {
            ws.firstSnapshot();
            receiver.awaitDmx(0, p -> p.channel(16) == 255); // arm defaults: the par's dimmer is up

            osc.send("/beatlight/play");
            awaitState(ws, s -> s.at("/playback/state").asText().equals("playing"));
            osc.send("/beatlight/pause", 1);
            awaitState(ws, s -> s.at("/playback/state").asText().equals("paused"));
            // a button's release (0) is not a press; the seek after it shows it was ignored
            osc.send("/beatlight/play", 0.0f);
            osc.send("/beatlight/seek", 5);
            awaitState(ws, playback("paused", 5000));
            osc.send("/beatlight/seek", 12.5f);
            JsonNode state = awaitState(ws, playback("paused", 12_500));
            assertThat(state.at("/playback/section_name").asText()).isEqualTo("outro");
            osc.send("/beatlight/seek", "3.25");
            awaitState(ws, playback("paused", 3250));

            osc.send("/beatlight/section", "outro");
            awaitState(ws, playback("paused", 10_000));
            osc.send("/beatlight/section", 0);
            awaitState(ws, playback("stopped", 0)); // not playing at 0 is "stopped"
            osc.send("/beatlight/section", 1.0f);
            awaitState(ws, playback("paused", 10_000));
            osc.send("/beatlight/section", "0");
            awaitState(ws, playback("stopped", 0));

            // stop: time 0 and the output black until the next seek
            osc.send("/beatlight/seek", 2);
            awaitState(ws, playback("paused", 2000));
            long sent = System.nanoTime();
            osc.send("/beatlight/stop");
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 0, WAIT);
            awaitState(ws, playback("stopped", 0));
            sent = System.nanoTime();
            osc.send("/beatlight/seek", 1);
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 255, WAIT);
            // the live blackout: intensity at zero on the wire, the transport untouched; 0 turns it off again
            sent = System.nanoTime();
            osc.send("/beatlight/blackout", 1);
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 0, WAIT);
            awaitState(ws, s -> s.at("/master/blackout").asBoolean());
            sent = System.nanoTime();
            osc.send("/beatlight/blackout", 0);
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 255, WAIT);
            osc.send("/beatlight/blackout");
            awaitState(ws, s -> s.at("/master/blackout").asBoolean());
            osc.send("/beatlight/blackout");
            awaitState(ws, s -> !s.at("/master/blackout").asBoolean());

            osc.send("/beatlight/song", "Other");
            state = awaitState(ws, s -> s.at("/song/filename").asText().equals("Other"));
            assertThat(state.at("/playback/bpm").asDouble()).isEqualTo(90);
        }
    }

    @Test
    void fixtureValuesReachTheWireOnlyWhileNotPlaying() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(receiver);
             WsTestClient ws = WsTestClient.connect(server.port());
             OscTestClient osc = new OscTestClient(server.oscPort())) {
            ws.firstSnapshot();
            long sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/rgb", "#FF8000");
            receiver.awaitDmx(0, sent, p -> p.channel(17) == 255 && p.channel(18) == 128 && p.channel(19) == 0, WAIT);
            sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/rgb", 0, 255, 16.0f);
            receiver.awaitDmx(0, sent, p -> p.channel(17) == 0 && p.channel(18) == 255 && p.channel(19) == 16, WAIT);
            sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/rgb", new OSCColor(1, 2, 3, 255));
            receiver.awaitDmx(0, sent, p -> p.channel(17) == 1 && p.channel(18) == 2 && p.channel(19) == 3, WAIT);
            sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/dim", 100);
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 100, WAIT);
            sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/dim", 200.7f); // fractions are cut, as for intents
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 200, WAIT);
            sent = System.nanoTime();
            osc.send("/beatlight/fixture/parcan_l/dim", "50");
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 50, WAIT);
            assertThat(state(ws).at("/fixtures").toString()).contains("parcan_l");

            // refused values change nothing
            assertError(error(osc, "/beatlight/fixture/nope/dim", 1), ErrorCode.FIXTURE_NOT_FOUND,
                    "/beatlight/fixture/nope/dim");
            assertError(error(osc, "/beatlight/fixture/parcan_l/dim", 300), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/fixture/parcan_l/dim");
            assertError(error(osc, "/beatlight/fixture/parcan_l/dim", "bright"), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/fixture/parcan_l/dim");
            assertError(error(osc, "/beatlight/fixture/parcan_l/nothing", 1), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/fixture/parcan_l/nothing");
            assertError(error(osc, "/beatlight/fixture/parcan_l/rgb", 1, 2), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/fixture/parcan_l/rgb");
            assertError(error(osc, "/beatlight/fixture/parcan_l/rgb", 1, 2, 256), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/fixture/parcan_l/rgb");
            long after = System.nanoTime();
            assertThat(receiver.awaitDmx(0, after, p -> true, WAIT).channel(16)).isEqualTo(50);

            osc.send("/beatlight/play");
            awaitState(ws, s -> s.at("/playback/state").asText().equals("playing"));
            assertError(error(osc, "/beatlight/fixture/parcan_l/dim", 10), ErrorCode.PLAYBACK_ACTIVE,
                    "/beatlight/fixture/parcan_l/dim");
        }
    }

    @Test
    void invalidMessagesAreAnsweredWithCodesAndGarbageIsSurvived() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(receiver);
             WsTestClient ws = WsTestClient.connect(server.port());
             OscTestClient osc = new OscTestClient(server.oscPort())) {
            ws.firstSnapshot();
            osc.send("/beatlight/seek", 4);
            awaitState(ws, playback("paused", 4000));

            assertError(error(osc, "/beatlight/nope"), ErrorCode.UNKNOWN_INTENT, "/beatlight/nope");
            assertError(error(osc, "/other/thing", 1), ErrorCode.UNKNOWN_INTENT, "/other/thing");
            assertError(error(osc, "/beatlight/play/now"), ErrorCode.UNKNOWN_INTENT, "/beatlight/play/now");
            assertError(error(osc, "/beatlight/seek"), ErrorCode.INVALID_PAYLOAD, "/beatlight/seek");
            assertError(error(osc, "/beatlight/seek", "soon"), ErrorCode.INVALID_PAYLOAD, "/beatlight/seek");
            assertError(error(osc, "/beatlight/seek", ByteBuffer.wrap(new byte[] {1, 2, 3, 4})),
                    ErrorCode.INVALID_PAYLOAD, "/beatlight/seek");
            assertError(error(osc, "/beatlight/play", 1, 2), ErrorCode.INVALID_PAYLOAD, "/beatlight/play");
            assertError(error(osc, "/beatlight/section", 7), ErrorCode.SECTION_INDEX_OUT_OF_RANGE,
                    "/beatlight/section");
            assertError(error(osc, "/beatlight/section", "bridge"), ErrorCode.SECTION_INDEX_OUT_OF_RANGE,
                    "/beatlight/section");
            assertError(error(osc, "/beatlight/song", "Missing"), ErrorCode.UNKNOWN_SONG, "/beatlight/song");
            assertError(error(osc, "/beatlight/chaser/nope/start"), ErrorCode.UNKNOWN_CHASER,
                    "/beatlight/chaser/nope/start");
            assertError(error(osc, "/beatlight/chaser/lr/stop"), ErrorCode.UNKNOWN_INSTANCE_ID,
                    "/beatlight/chaser/lr/stop");
            assertError(error(osc, "/beatlight/subscribe", 70_000), ErrorCode.INVALID_PAYLOAD,
                    "/beatlight/subscribe");

            // packets that are not OSC: each answered, none stops the loop
            List<byte[]> garbage = List.of(new byte[] {1, 2, 3}, "not osc at all!!".getBytes(StandardCharsets.UTF_8),
                    "#bundle\0".getBytes(StandardCharsets.US_ASCII),
                    bytes("#bundle\0", new byte[8], new byte[] {0x7f, 0, 0, 0}),
                    bytes("/beatlight/seek\0", ",X\0\0", new byte[4]),
                    bytes("/beatlight/seek\0", ",i\0\0"),
                    bytes("/beatlight/seek\0", ",s\0\0", "abc".getBytes(StandardCharsets.US_ASCII)),
                    new byte[64], new byte[0]);
            int errorsBefore = osc.count();
            for (byte[] packet : garbage) {
                osc.sendRaw(packet);
            }
            java.util.Random random = new java.util.Random(15);
            for (int i = 0; i < 200; i++) {
                byte[] packet = new byte[4 * (1 + random.nextInt(64))];
                random.nextBytes(packet);
                if (i % 2 == 0) {
                    System.arraycopy("/beatlight/fixture/parcan_l/dim\0".getBytes(StandardCharsets.US_ASCII), 0,
                            packet, 0, Math.min(32, packet.length));
                }
                osc.sendRaw(packet);
            }
            osc.awaitFrom(errorsBefore, r -> r.address().equals("/beatlight/error")
                    && r.arg(0).equals(ErrorCode.INVALID_PAYLOAD) && r.arg(2).equals(""), WAIT);
            // still serving: a ping, then a bundle of two commands, run in order
            int from = osc.count();
            osc.send("/beatlight/ping");
            osc.awaitFrom(from, r -> r.address().equals("/beatlight/pong"), WAIT);
            long sent = System.nanoTime();
            osc.sendBundle(OscTestClient.message("/beatlight/seek", 6), OscTestClient.message(
                    "/beatlight/fixture/parcan_l/dim", 77));
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 77, WAIT);
            awaitState(ws, playback("paused", 6000));

            JsonNode health = health(server);
            assertThat(health.at("/osc/enabled").asBoolean()).isTrue();
            assertThat(health.at("/osc/port").asInt()).isEqualTo(server.oscPort());
            assertThat(health.at("/osc/host").asText()).isEqualTo("127.0.0.1");
            assertThat(health.at("/osc/malformed").asLong()).isGreaterThanOrEqualTo(garbage.size() - 2);
            assertThat(health.at("/osc/errors").asLong()).isGreaterThanOrEqualTo(14);
            assertThat(health.at("/osc/commands").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(health.at("/osc/packets").asLong()).isGreaterThan(200);
        }
    }

    @Test
    void chasersStartStopAndPreview() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(receiver);
             WsTestClient ws = WsTestClient.connect(server.port());
             OscTestClient osc = new OscTestClient(server.oscPort())) {
            ws.firstSnapshot();
            osc.send("/beatlight/seek", 2);
            awaitState(ws, playback("paused", 2000));
            osc.send("/beatlight/chaser/lr/start", 2);
            JsonNode state = awaitState(ws, s -> s.get("cues").size() == 1);
            assertThat(state.at("/cues/0/chaser_id").asText()).isEqualTo("lr");
            assertThat(state.at("/cues/0/time").asDouble()).isEqualTo(2.0);
            assertThat(state.at("/cues/0/data/repetitions").asInt()).isEqualTo(2);
            ws.awaitEvent("chaser_started");
            osc.send("/beatlight/chaser/lr/stop");
            ws.awaitEvent("chaser_stopped");
            assertError(error(osc, "/beatlight/chaser/lr/stop"), ErrorCode.UNKNOWN_INSTANCE_ID,
                    "/beatlight/chaser/lr/stop");

            long sent = System.nanoTime();
            osc.send("/beatlight/chaser/lr/preview");
            ws.awaitEvent("chaser_preview_started");
            // "full" on parcan_l: white at full
            receiver.awaitDmx(0, sent, p -> p.channel(16) == 255 && p.channel(17) == 255 && p.channel(18) == 255,
                    WAIT);
            osc.send("/beatlight/chaser/stop_preview");
            ws.awaitEvent("chaser_preview_stopped");
        }
    }

    @Test
    void feedbackGoesToSubscribersUntilTheyUnsubscribeOrTheLeaseEnds() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(receiver);
             OscTestClient osc = new OscTestClient(server.oscPort());
             OscTestClient listener = new OscTestClient(server.oscPort())) {
            // feedback to another port of the same address
            osc.send("/beatlight/subscribe", listener.port());
            OscTestClient.Received subscribed = listener.await("/beatlight/subscribed", WAIT);
            assertThat(subscribed.arg(0)).isEqualTo(listener.port());
            assertThat(subscribed.arg(1)).isEqualTo(OscSubscribers.DEFAULT_LEASE_SECONDS);
            assertThat(listener.await("/beatlight/state/song", WAIT).arg(0)).isEqualTo("Song");
            assertThat(listener.await("/beatlight/state/bpm", WAIT).arg(0)).isEqualTo(120f);
            assertThat(listener.await("/beatlight/state/playing", WAIT).arg(0)).isEqualTo(0);
            OscTestClient.Received section = listener.await("/beatlight/state/section", WAIT);
            assertThat(section.message().getArguments()).containsExactly(0, "intro");

            osc.send("/beatlight/seek", 11);
            listener.awaitFrom(0, r -> r.address().equals("/beatlight/state/section")
                    && r.arg(1).equals("outro"), WAIT);
            osc.send("/beatlight/play");
            listener.awaitFrom(0, r -> r.address().equals("/beatlight/state/playing") && r.arg(0).equals(1), WAIT);
            int from = listener.count();
            OscTestClient.Received first = listener.awaitFrom(from, r -> r.address().equals("/beatlight/state/time"),
                    WAIT);
            OscTestClient.Received later = listener.awaitFrom(listener.count(),
                    r -> r.address().equals("/beatlight/state/time"), WAIT);
            assertThat((Float) later.arg(0)).isGreaterThan((Float) first.arg(0)).isGreaterThan(11f);
            assertThat(listener.messages().stream().filter(r -> r.address().equals("/beatlight/state/time")))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(osc.messages()).noneMatch(r -> r.address().startsWith("/beatlight/state/"));

            osc.send("/beatlight/unsubscribe", listener.port());
            listener.await("/beatlight/unsubscribed", WAIT);
            Thread.sleep(300); // a feedback send may have been under way
            int quiet = listener.count();
            Thread.sleep(500);
            assertThat(listener.count()).isEqualTo(quiet);

            // a lease of one second lapses without renewal
            osc.send("/beatlight/subscribe", 0, 1);
            osc.await("/beatlight/subscribed", WAIT);
            osc.await("/beatlight/state/time", WAIT);
            Thread.sleep(1500); // the lease ends 1 s after the subscribe; a feedback send may be under way
            int lapsed = osc.count();
            Thread.sleep(500);
            assertThat(osc.count()).isEqualTo(lapsed);
            JsonNode health = health(server);
            assertThat(health.at("/osc/subscribers").asInt()).isZero();
            assertThat(health.at("/osc/subscriptions_expired").asLong()).isEqualTo(1);
            assertThat(health.at("/osc/feedback_sent").asLong()).isGreaterThan(3);
        }
    }

    @Test
    void oscIsOffUnlessAsked() throws Exception {
        TestShow.withReferenceRig(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port())) {
            assertThat(server.oscPort()).isEqualTo(-1);
            assertThat(health(server).at("/osc/enabled").asBoolean()).isFalse();
        }
    }

    private static JsonNode health(BeatlightServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    /** Concatenated parts: strings as US-ASCII bytes. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof String s ? s.getBytes(StandardCharsets.US_ASCII) : (byte[]) part;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
