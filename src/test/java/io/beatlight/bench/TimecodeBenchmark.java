package io.beatlight.bench;

import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.output.ArtNet;
import io.beatlight.output.ArtTimeCodePacket;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TimecodeFeed;
import io.beatlight.testutil.TimecodeShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import io.beatlight.timecode.TimecodeOffset;
import io.beatlight.util.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timecode chase and timecode out against the real server on loopback. For each timecode source it can feed (Art-Net
 * today; an MTC or LTC feed is one more entry in {@link #FEEDS}) and each frame rate: the lock time from the first
 * frame sent to the first ArtDmx showing the song at the code's position, and the steady drift p50/p99 of
 * |song time on the wire − song time of the code sent| (the show's output encodes its song time in 20 ms steps, so
 * figures carry up to ±10 ms of step quantisation besides the 60 Hz output grid). For timecode out: the p50/p99 of
 * |code received − song time on the wire at its arrival| and the output loop's send lateness with it on and off.
 * Run: {@code bench/run TimecodeBenchmark [seconds per rate] [source,...]}.
 */
public final class TimecodeBenchmark {
    private static final double STEP = 0.02;

    /** A generator of one kind of timecode, as a master on this machine would send it. */
    interface Feed extends AutoCloseable {
        /** Server flags that make it listen to this feed. */
        List<String> serverArgs();

        void start(Timecode from);

        /** The code's position (real seconds) at {@code nanos}. */
        double secondsAt(long nanos);

        long firstSentNanos();

        @Override
        void close();
    }

    @FunctionalInterface
    interface FeedFactory {
        Feed open(FrameRate rate) throws IOException;
    }

    /** The sources to measure, by clock kind: add "mtc" and "ltc" feeds here. */
    static final Map<String, FeedFactory> FEEDS = new LinkedHashMap<>(Map.of("artnet", ArtNetFeed::new));

    /** Art-Net OpTimeCode to the server's listen port. */
    static final class ArtNetFeed implements Feed {
        private final int port;
        private final TimecodeFeed feed;

        ArtNetFeed(FrameRate rate) throws IOException {
            this.port = TimecodeShow.freePort();
            this.feed = new TimecodeFeed(port, rate);
        }

        @Override
        public List<String> serverArgs() {
            return List.of("--clock", "artnet", "--artnet-listen-port", String.valueOf(port));
        }

        @Override
        public void start(Timecode from) {
            feed.start(from);
        }

        @Override
        public double secondsAt(long nanos) {
            return feed.secondsAt(nanos);
        }

        @Override
        public long firstSentNanos() {
            return feed.firstSentNanos();
        }

        @Override
        public void close() {
            feed.close();
        }
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        List<String> sources = args.length > 1 ? Arrays.asList(args[1].split(",")) : List.copyOf(FEEDS.keySet());
        for (String source : sources) {
            FeedFactory factory = FEEDS.get(source);
            if (factory == null) {
                System.out.printf("%s: no feed for this source in the harness%n", source);
                continue;
            }
            for (FrameRate rate : FrameRate.values()) {
                chase(source, factory, rate, seconds);
            }
        }
        timecodeOut(FrameRate.FPS_25, seconds);
    }

    static BeatlightServer start(Path dir, int receiverPort, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--show-dir", dir.toString(), "--host", "127.0.0.1", "--port",
                "0", "--artnet-targets", "127.0.0.1:" + receiverPort, "--artnet-source-port", "0",
                "--log-level", "warn"));
        if (!extra.contains("--artnet-listen-port")) {
            args.addAll(List.of("--artnet-listen-port", "0"));
        }
        args.addAll(extra);
        return BeatlightServer.start(Config.parse(args.toArray(String[]::new)));
    }

    static void chase(String source, FeedFactory factory, FrameRate rate, double seconds) throws Exception {
        Path dir = Files.createTempDirectory("beatlight-timecode-bench");
        TimecodeShow.write(dir, STEP);
        double offset = TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(rate);
        double startAt = 2.0;
        try (ArtNetReceiver receiver = new ArtNetReceiver(0, true);
             Feed feed = factory.open(rate);
             BeatlightServer server = start(dir, receiver.port(), feed.serverArgs())) {
            Thread.sleep(500);
            feed.start(Timecode.ofFrameNumber(Math.round((offset + startAt) * rate.actualFps()), rate));
            ArtNetReceiver.Received following = receiver.awaitDmx(0, System.nanoTime(),
                    p -> Math.abs(TimecodeShow.songTimeOf(p, STEP) + STEP / 2
                            - (feed.secondsAt(p.nanos()) - offset)) < 0.05, Duration.ofSeconds(5));
            double lockMs = (following.nanos() - feed.firstSentNanos()) / 1e6;
            Thread.sleep(1000);
            long from = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            List<Double> drift = new ArrayList<>();
            for (ArtNetReceiver.Received p : receiver.dmx(0)) {
                if (p.nanos() >= from) {
                    double wire = TimecodeShow.songTimeOf(p, STEP) + STEP / 2;
                    drift.add(Math.abs(wire - (feed.secondsAt(p.nanos()) - offset)) * 1000);
                }
            }
            var status = server.engine().submit(() -> server.engine().clock().status()).get();
            System.out.printf("chase %-6s %-7s lock %.1f ms from the first frame; drift |wire - code| %s; "
                    + "server's last drift %s ms, jumps %d%n", source, rate.id(), lockMs,
                    new Stats(drift).summary(" ms"), status.driftMs() == null ? "-"
                            : String.format("%.1f", status.driftMs()), status.jumps());
        }
    }

    static void timecodeOut(FrameRate rate, double seconds) throws Exception {
        for (boolean on : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("beatlight-timecode-bench");
            TimecodeShow.write(dir, STEP);
            double offset = TimecodeOffset.parse(TimecodeShow.OFFSET).secondsAt(rate);
            List<String> extra = on ? List.of("--timecode-out", "--timecode-out-rate", rate.id()) : List.of();
            try (ArtNetReceiver receiver = new ArtNetReceiver(0, true);
                 BeatlightServer server = start(dir, receiver.port(), extra);
                 WsTestClient client = WsTestClient.connect(server.port())) {
                client.firstSnapshot();
                client.call("transport.jump_to_time", Json.object().put("time_ms", 1000));
                client.call("transport.play", null);
                Thread.sleep((long) (seconds * 1000));
                client.call("transport.pause", null);
                String lateness = health(server).at("/artnet/send_lateness_ms").toString();
                if (!on) {
                    System.out.printf("timecode out off: output send lateness %s%n", lateness);
                    continue;
                }
                List<ArtNetReceiver.Received> packets = receiver.packets();
                List<Double> error = new ArrayList<>();
                ArtNetReceiver.Received lastDmx = null;
                for (ArtNetReceiver.Received p : packets) {
                    if (p.dmx() != null && p.dmx().portAddress() == 0) {
                        lastDmx = p;
                    } else if (p.opcode() == ArtNet.OP_TIMECODE && lastDmx != null) {
                        Timecode tc = ArtTimeCodePacket.decode(p.raw(), p.raw().length).timecode();
                        double wire = TimecodeShow.songTimeOf(lastDmx, STEP) + STEP / 2
                                + (p.nanos() - lastDmx.nanos()) / 1e9;
                        error.add(Math.abs(tc.toSeconds() - offset - wire) * 1000);
                    }
                }
                System.out.printf("timecode out %s: %d packets; |code - wire| %s; output send lateness %s%n",
                        rate.id(), error.size(), new Stats(error).summary(" ms"), lateness);
            }
        }
    }

    static com.fasterxml.jackson.databind.JsonNode health(BeatlightServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }
}
