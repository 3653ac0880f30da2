package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.output.ArtNet;
import io.beatlight.output.ArtTimeCodePacket;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TimecodeFeed;
import io.beatlight.testutil.TimecodeShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import io.beatlight.timecode.TimecodeOffset;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generated Art-Net timecode on loopback drives the real server; its timecode out is decoded on loopback. */
@Tag("server")
class TimecodeChaseServerTest {
    @TempDir
    Path dir;

    static BeatlightServer start(Path dir, int receiverPort, int listenPort, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--show-dir", dir.toString(), "--host", "127.0.0.1", "--port",
                "0", "--artnet-targets", "127.0.0.1:" + receiverPort, "--artnet-listen-port",
                String.valueOf(listenPort), "--artnet-source-port", "0"));
        args.addAll(List.of(extra));
        return BeatlightServer.start(Config.parse(args.toArray(String[]::new)));
    }

    static Timecode at(FrameRate rate, double songSeconds) {
        double start = TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(rate);
        return Timecode.ofFrameNumber(Math.round((start + songSeconds) * rate.actualFps()), rate);
    }

    static double songTime(TimecodeFeed feed, long nanos) {
        return feed.secondsAt(nanos) - TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(feed.rate());
    }

    /** The playback object of the first snapshot or patch from {@code from} on that matches. */
    static JsonNode awaitPlayback(WsTestClient client, int from, Predicate<JsonNode> match, Duration timeout) {
        JsonNode message = client.awaitFrom(from, m -> {
            JsonNode playback = playbackOf(m);
            return playback != null && match.test(playback);
        }, timeout);
        return playbackOf(message);
    }

    static JsonNode playbackOf(JsonNode m) {
        if ("snapshot".equals(m.path("type").asText())) {
            return m.at("/state/playback");
        }
        if ("patch".equals(m.path("type").asText())) {
            for (JsonNode change : m.path("changes")) {
                if (change.path("path").size() == 1 && "playback".equals(change.path("path").get(0).asText())) {
                    return change.get("value");
                }
            }
        }
        return null;
    }

    static JsonNode health(BeatlightServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    /** The song time on the wire now, against the song time the feed is sending now. */
    static void assertWireFollows(ArtNetReceiver receiver, TimecodeFeed feed, double toleranceS) {
        long after = System.nanoTime();
        ArtNetReceiver.Received dmx = receiver.awaitDmx(0, after, p -> true, Duration.ofSeconds(1));
        double expected = songTime(feed, dmx.nanos());
        // the wire shows the start of the 50 ms step containing the song time
        assertThat(TimecodeShow.songTimeOf(dmx)).isCloseTo(expected - TimecodeShow.STEP_S / 2,
                within(toleranceS + TimecodeShow.STEP_S / 2));
    }

    @ParameterizedTest
    @EnumSource(FrameRate.class)
    void locksAndFollowsAtEachRate(FrameRate rate) throws Exception {
        TimecodeShow.write(dir);
        int listen = TimecodeShow.freePort();
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(dir, receiver.port(), listen, "--clock", "artnet");
             WsTestClient client = WsTestClient.connect(server.port());
             TimecodeFeed feed = new TimecodeFeed(listen, rate)) {
            JsonNode first = client.firstSnapshot().at("/state/playback/clock");
            assertThat(first.get("source").asText()).isEqualTo("artnet");
            assertThat(first.get("locked").asBoolean()).isFalse();

            feed.start(at(rate, 4.0));
            JsonNode playing = awaitPlayback(client, 0, p -> p.at("/clock/locked").asBoolean()
                    && "playing".equals(p.get("state").asText()), Duration.ofSeconds(5));
            assertThat(playing.at("/clock/fps").asText()).isEqualTo(rate.id());
            assertThat(playing.at("/clock/offset").asText()).isEqualTo(TimecodeShow.OFFSET);
            assertThat(playing.get("time_ms").asLong()).isBetween(4000L, 5000L);
            Thread.sleep(400);
            assertWireFollows(receiver, feed, 0.100);
            JsonNode clock = awaitPlayback(client, client.received(), p -> !p.at("/clock/drift_ms").isNull(),
                    Duration.ofSeconds(2)).get("clock");
            assertThat(Math.abs(clock.get("drift_ms").asDouble())).isLessThan(100);
            assertThat(clock.get("last_tc").asText()).startsWith("01:00:0");
            assertThat(clock.get("jumps").asLong()).isZero();
        }
    }

    @Test
    void locksOnCodeThatCompletesEveryOtherFrame() throws Exception {
        TimecodeShow.write(dir);
        int listen = TimecodeShow.freePort();
        FrameRate rate = FrameRate.FPS_30;
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(dir, receiver.port(), listen, "--clock", "artnet");
             WsTestClient client = WsTestClient.connect(server.port());
             TimecodeFeed feed = new TimecodeFeed(listen, rate)) {
            client.firstSnapshot();
            feed.sendEvery(2);
            feed.start(at(rate, 6.0));
            awaitPlayback(client, 0, p -> p.at("/clock/locked").asBoolean()
                    && "playing".equals(p.get("state").asText()), Duration.ofSeconds(5));
            Thread.sleep(500);
            assertWireFollows(receiver, feed, 0.100);
            assertThat(awaitPlayback(client, client.received(), p -> true, Duration.ofSeconds(2))
                    .at("/clock/freewheeling").asBoolean()).isFalse();
        }
    }

    @Test
    void jumpSeeksStopFreewheelsThenPausesAndMalformedPacketsChangeNothing() throws Exception {
        TimecodeShow.write(dir);
        int listen = TimecodeShow.freePort();
        FrameRate rate = FrameRate.FPS_25;
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(dir, receiver.port(), listen, "--clock", "artnet");
             WsTestClient client = WsTestClient.connect(server.port());
             TimecodeFeed feed = new TimecodeFeed(listen, rate)) {
            client.firstSnapshot();
            feed.start(at(rate, 2.0));
            awaitPlayback(client, 0, p -> "playing".equals(p.get("state").asText()), Duration.ofSeconds(5));

            // browser transport intents would fight the clock: refused
            assertThat(client.call("transport.pause", null).at("/error/code").asText())
                    .isEqualTo("clock_external");
            assertThat(client.call("transport.jump_to_time", Json.object().put("time_ms", 9000))
                    .at("/error/code").asText()).isEqualTo("clock_external");

            // malformed packets are counted and dropped; the song keeps following the good code
            byte[] good = ArtTimeCodePacket.encode(at(rate, 30.0));
            byte[] shortPacket = java.util.Arrays.copyOf(good, 15);
            byte[] badType = good.clone();
            badType[18] = 7;
            byte[] badFrames = good.clone();
            badFrames[14] = 25;
            byte[] badHours = good.clone();
            badHours[17] = 24;
            byte[] oldVersion = good.clone();
            oldVersion[11] = 13;
            byte[] badId = good.clone();
            badId[0] = 'X';
            for (byte[] bad : List.of(shortPacket, badType, badFrames, badHours, oldVersion, badId)) {
                feed.sendRaw(bad);
            }
            Thread.sleep(200);
            assertThat(health(server).at("/timecode/artnet_malformed").asLong()).isEqualTo(5); // bad ID: not Art-Net
            assertWireFollows(receiver, feed, 0.100);
            JsonNode afterBad = awaitPlayback(client, client.received(), p -> true, Duration.ofSeconds(2));
            assertThat(afterBad.at("/clock/jumps").asLong()).isZero();
            assertThat(afterBad.at("/clock/locked").asBoolean()).isTrue();

            // a jump seeks at once
            long jumped = System.nanoTime();
            feed.jumpTo(at(rate, 20.0));
            ArtNetReceiver.Received there = receiver.awaitDmx(0, jumped,
                    p -> TimecodeShow.songTimeOf(p) >= 19.9, Duration.ofSeconds(1));
            assertThat(there.nanos() - jumped).isLessThan(Duration.ofMillis(400).toNanos());
            assertThat(awaitPlayback(client, 0, p -> p.at("/clock/jumps").asLong() == 1, Duration.ofSeconds(2))
                    .get("time_ms").asLong()).isBetween(19_900L, 21_000L);

            // the code stops: the song runs on for the freewheel time (1 s), then pauses and the lock is lost
            Thread.sleep(300);
            long stopped = System.nanoTime();
            feed.stop();
            double stoppedAt = songTime(feed, stopped);
            Thread.sleep(600);
            assertWireFollows(receiver, feed, 0.120); // still running on its own
            int from = client.received();
            JsonNode paused = awaitPlayback(client, from, p -> "paused".equals(p.get("state").asText()),
                    Duration.ofSeconds(3));
            double pausedAfter = (System.nanoTime() - stopped) / 1e9;
            assertThat(pausedAfter).isBetween(0.9, 2.0);
            assertThat(paused.at("/clock/locked").asBoolean()).isFalse();
            assertThat(paused.get("time_ms").asLong() / 1000.0).isCloseTo(stoppedAt + 1.0, within(0.15));
        }
    }

    @Test
    void timecodeOutSendsTheSongTimeWhilePlaying() throws Exception {
        TimecodeShow.write(dir);
        FrameRate rate = FrameRate.FPS_25;
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(dir, receiver.port(), 0, "--timecode-out", "--timecode-out-rate", "25");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            Thread.sleep(100);
            assertThat(timecodePackets(receiver)).isEmpty(); // not playing: no timecode
            client.call("transport.jump_to_time", Json.object().put("time_ms", 3000));
            long played = System.nanoTime();
            assertThat(client.call("transport.play", null).get("ok").asBoolean()).isTrue();
            Thread.sleep(600);
            client.call("transport.pause", null);
            double playedFor = (System.nanoTime() - played) / 1e9;
            Thread.sleep(100);
            List<ArtNetReceiver.Received> packets = timecodePackets(receiver);
            int count = packets.size();
            Thread.sleep(200);
            assertThat(timecodePackets(receiver)).hasSize(count); // paused: no more

            assertThat(count).isBetween(12, (int) Math.ceil(playedFor * 25) + 1); // one per frame while playing
            double offset = TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(rate);
            Timecode previous = null;
            for (ArtNetReceiver.Received packet : packets) {
                ArtTimeCodePacket.Decoded decoded = ArtTimeCodePacket.decode(packet.raw(), packet.raw().length);
                assertThat(decoded.valid()).as(decoded.problem()).isTrue();
                Timecode tc = decoded.timecode();
                assertThat(tc.rate()).isEqualTo(rate);
                if (previous != null) {
                    assertThat(tc.frameNumber()).isEqualTo(previous.frameNumber() + 1);
                }
                previous = tc;
            }
            Timecode firstTc = ArtTimeCodePacket.decode(packets.get(0).raw(), 19).timecode();
            assertThat(firstTc.toSeconds() - offset).isCloseTo(3.0, within(0.05));
            assertThat(health(server).at("/timecode/out_packets").asLong()).isEqualTo(count);
        }
    }

    @Test
    void timecodeOutGoesWhereTheUniversesGo() throws Exception {
        TimecodeShow.write(dir);
        try (ArtNetReceiver commandLine = new ArtNetReceiver();
             ArtNetReceiver routed = new ArtNetReceiver()) {
            Files.writeString(dir.resolve("outputs.json"), "{\"outputs\": {\"0\": [{\"protocol\": \"artnet\", "
                    + "\"host\": \"127.0.0.1\", \"port\": " + routed.port() + "}]}}");
            try (BeatlightServer server = start(dir, commandLine.port(), 0, "--timecode-out");
                 WsTestClient client = WsTestClient.connect(server.port())) {
                client.firstSnapshot();
                routed.awaitDmx(0, 0, p -> true, Duration.ofSeconds(5)); // the route is in use
                client.call("transport.play", null);
                Thread.sleep(400);
                client.call("transport.pause", null);
                assertThat(timecodePackets(routed)).hasSizeGreaterThan(5);
                // the command-line target gets no universe now (the only one is routed), so no timecode either
                assertThat(commandLine.packets()).isEmpty();
            }
        }
    }

    static List<ArtNetReceiver.Received> timecodePackets(ArtNetReceiver receiver) {
        return receiver.packets().stream().filter(p -> p.opcode() == ArtNet.OP_TIMECODE).toList();
    }

    @Test
    void theClockIsChosenAtRunTimeAndUnavailableSourcesAreRefused() throws Exception {
        TimecodeShow.write(dir);
        int listen = TimecodeShow.freePort();
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(dir, receiver.port(), listen);
             WsTestClient client = WsTestClient.connect(server.port());
             TimecodeFeed feed = new TimecodeFeed(listen, FrameRate.FPS_30)) {
            assertThat(client.firstSnapshot().at("/state/playback/clock/source").asText()).isEqualTo("browser");
            // a source that cannot be opened is refused with its reason; the browser clock stays
            JsonNode mtc = client.call("transport.set_clock", Json.object().put("source", "mtc")
                    .put("mtc_device", "No Such Device 42"));
            assertThat(mtc.at("/error/code").asText()).isEqualTo("clock_unavailable");
            assertThat(mtc.at("/error/message").asText()).contains("No Such Device 42");
            assertThat(mtc.at("/error/details/available").toString())
                    .isEqualTo("[\"browser\",\"artnet\",\"mtc\",\"ltc\"]");
            assertThat(client.call("transport.set_clock", Json.object().put("source", "smpte"))
                    .at("/error/code").asText()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
            JsonNode badFreewheel = client.call("transport.set_clock", Json.object().put("source", "artnet")
                    .put("freewheel_s", 99));
            assertThat(badFreewheel.at("/error/field").asText()).isEqualTo("freewheel_s");

            JsonNode chosen = client.call("transport.set_clock", Json.object().put("source", "artnet")
                    .put("freewheel_s", 0.5).put("lock_frames", 2));
            assertThat(chosen.at("/data/source").asText()).isEqualTo("artnet");
            feed.start(at(FrameRate.FPS_30, 1.0));
            awaitPlayback(client, 0, p -> p.at("/clock/locked").asBoolean(), Duration.ofSeconds(5));
            assertThat(client.call("transport.play", null).at("/error/code").asText()).isEqualTo("clock_external");
            // the same source again with other settings keeps listening and keeps its lock
            JsonNode same = client.call("transport.set_clock", Json.object().put("source", "artnet")
                    .put("jump_threshold_s", 2));
            assertThat(same.at("/data/locked").asBoolean()).isTrue();
            Thread.sleep(300);
            assertThat(client.call("transport.set_clock", Json.object().put("source", "artnet"))
                    .at("/data/freewheeling").asBoolean()).isFalse(); // frames still arrive

            // back to the browser: the transport pauses and the page drives it again
            int before = client.received();
            assertThat(client.call("transport.set_clock", Json.object().put("source", "browser")).get("ok")
                    .asBoolean()).isTrue();
            JsonNode paused = awaitPlayback(client, before, p -> "browser".equals(p.at("/clock/source").asText()),
                    Duration.ofSeconds(2));
            assertThat(paused.get("state").asText()).isEqualTo("paused");
            assertThat(client.call("transport.play", null).get("ok").asBoolean()).isTrue();
            assertThat(client.call("transport.pause", null).get("ok").asBoolean()).isTrue();

            // the offset of a song is saved in timecode.json (a .bak of the previous version kept)
            JsonNode offset = client.call("transport.set_timecode_offset", Json.object().put("offset", "02:00:00:00"));
            assertThat(offset.at("/data/song").asText()).isEqualTo("Song");
            assertThat(Files.readString(dir.resolve("timecode.json"))).contains("\"Song\" : \"02:00:00:00\"");
            assertThat(Files.readString(dir.resolve("timecode.json.bak"))).contains("01:00:00:00");
            assertThat(client.call("transport.set_timecode_offset", Json.object().put("offset", "25:00:00:00"))
                    .at("/error/field").asText()).isEqualTo("offset");
        }
    }

    @Test
    void aClockThatIsNotAvailableStopsTheStartWithItsReason() throws Exception {
        TimecodeShow.write(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            assertThatThrownBy(() -> start(dir, receiver.port(), 0, "--clock", "ltc", "--ltc-line",
                    "No Such Line 42").close()).hasMessageContaining("--clock ltc")
                    .hasMessageContaining("No Such Line 42");
            assertThatThrownBy(() -> start(dir, receiver.port(), 0, "--clock", "artnet").close())
                    .hasMessageContaining("listen port is off");
            assertThatThrownBy(() -> Config.parse("--clock", "smpte")).hasMessageContaining("--clock must be");
        }
    }
}
