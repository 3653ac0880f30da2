package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.output.ArtNet;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Soak and load against the real server in its own JVM (the launcher's options): 200 connected clients, 20 of them
 * sending fixture.set_values at 50 Hz, one "director" cycling through playback, seeks, a preview, cue and POI edits,
 * an assistant prompt and song listing. Every second it samples the server's RSS, threads, file descriptors, heap and
 * engine queue, and the ArtDmx frames that arrived on universe 0. At the end: frames/s (minimum over the seconds),
 * RSS and heap trend (slope per hour over the run after the first fifth), threads and descriptors (first vs last
 * minute), reply latency p50/p99, unanswered intents, and ERROR lines in the server log.
 *
 * <p>Run with {@code bench/run SoakBenchmark [seconds]}: 600 (10 minutes) by default; an hour is
 * {@code bench/run SoakBenchmark 3600}.
 */
public final class SoakBenchmark {
    static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    static final int FADERS = Integer.getInteger("bench.faders", 20);
    static final String[] FIXTURES = {"parcan_l", "parcan_r", "parcan_pl", "parcan_pr"};

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path dir = Files.createTempDirectory("beatlight-soak");
        TestShow.withReferenceRig(dir).song("Soak", 120, 120,
                "{\"intro\": [0, 16], \"verse\": [16, 64], \"chorus\": [64, 120]}");
        try (FrameCounter frames = new FrameCounter();
             ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS,
                     Map.of("BEATLIGHT_LOG_LEVEL", "warn"), "--show-dir", dir.toString(), "--port", "0",
                     "--artnet-targets", "127.0.0.1:" + frames.port(), "--artnet-listen-port", "0",
                     "--artnet-source-port", "0", "--max-clients", String.valueOf(CLIENTS + 20))) {
            int port = server.awaitReady(Duration.ofSeconds(60));
            List<WsTestClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS - 1; i++) {
                WsTestClient c = WsTestClient.connectLight(port);
                c.firstSnapshot();
                clients.add(c);
            }
            WsTestClient director = WsTestClient.connect(port);
            director.firstSnapshot();
            System.out.printf("soak: %d clients connected (%d sending set_values at 50 Hz, 1 director), %d s%n",
                    CLIENTS, FADERS, seconds);

            ScheduledExecutorService load = Executors.newScheduledThreadPool(3);
            for (int i = 0; i < FADERS; i++) {
                WsTestClient fader = clients.get(i);
                load.scheduleAtFixedRate(() -> {
                    ObjectNode payload = Json.object().put("fixture_id",
                            FIXTURES[ThreadLocalRandom.current().nextInt(FIXTURES.length)]);
                    payload.set("values", Json.object().put("rgb",
                            String.format("#%06X", ThreadLocalRandom.current().nextInt(0x1000000))));
                    try {
                        fader.timedIntent("fixture.set_values", payload);
                    } catch (RuntimeException e) {
                        // counted as unanswered
                    }
                }, i, 20, TimeUnit.MILLISECONDS);
            }

            List<Sample> samples = new ArrayList<>();
            long pid = server.pid();
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            Thread sampler = new Thread(() -> {
                long next = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    next += 1_000_000_000L;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(sleep);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    try {
                        JsonNode health = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                        Map<String, Long> status = procStatus(pid);
                        long fds;
                        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                            fds = list.count();
                        }
                        synchronized (samples) {
                            samples.add(new Sample((System.nanoTime() - start) / 1e9,
                                    status.getOrDefault("VmRSS", 0L) * 1024, status.getOrDefault("Threads", 0L),
                                    fds, health.at("/jvm/heap_used_bytes").asLong(),
                                    health.at("/engine/queued_tasks").asLong()));
                        }
                    } catch (Exception e) {
                        System.out.println("sample failed: " + e);
                    }
                }
            }, "soak-sampler");
            frames.startBuckets();
            sampler.start();

            Director script = new Director(director);
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                script.cycle();
                director.forget();
            }
            load.shutdown();
            load.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(3000); // replies in flight arrive
            sampler.interrupt();
            sampler.join();

            List<Double> latencies = new ArrayList<>(script.latencies);
            List<Double> faderLatencies = new ArrayList<>();
            long unanswered = 0;
            long counted = 0;
            for (WsTestClient c : clients) {
                latencies.addAll(c.replyMillis());
                faderLatencies.addAll(c.replyMillis());
                unanswered += c.unanswered();
                counted += c.otherMessages();
            }
            List<Long> perSecond = frames.perSecond();
            report(samples, perSecond, latencies, unanswered + script.failedCalls, script, counted, server.output());
            System.out.printf("  of which set_values at 50 Hz: %s; the director's calls: %s%n",
                    new Stats(faderLatencies).summary(" ms"), new Stats(script.latencies).summary(" ms"));
            for (WsTestClient c : clients) {
                c.close();
            }
            director.close();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(20));
        }
        System.exit(0);
    }

    record Sample(double t, long rss, long threads, long fds, long heapUsed, long engineQueued) {
    }

    static void report(List<Sample> samples, List<Long> framesPerSecond, List<Double> latencies, long unanswered,
                       Director script, long patchesCounted, String log) {
        long minFrames = framesPerSecond.stream().mapToLong(Long::longValue).min().orElse(0);
        long secondsBelow58 = framesPerSecond.stream().filter(f -> f < 58).count();
        double meanFrames = framesPerSecond.stream().mapToLong(Long::longValue).average().orElse(0);
        List<Sample> trend = samples.subList(samples.size() / 5, samples.size());
        double rssSlope = slopePerHour(trend, Sample::rss);
        // the heap is a sawtooth: fit its floor, the lowest value of each 10-second window
        List<Sample> floors = new ArrayList<>();
        for (int i = 0; i + 10 <= trend.size(); i += 10) {
            floors.add(trend.subList(i, i + 10).stream().min((a, b) -> Long.compare(a.heapUsed(), b.heapUsed()))
                    .orElseThrow());
        }
        double heapSlope = floors.size() >= 2 ? slopePerHour(floors, Sample::heapUsed) : Double.NaN;
        Sample first = trend.isEmpty() ? null : trend.get(0);
        Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        long errors = log.lines().filter(l -> l.contains(" ERROR ")).count();
        long warnings = log.lines().filter(l -> l.contains(" WARN ")).count();
        System.out.printf("Art-Net frames/s on universe 0: min %d, mean %.1f over %d s; seconds below 58: %d%n",
                minFrames, meanFrames, framesPerSecond.size(), secondsBelow58);
        if (first != null && last != null) {
            System.out.printf("RSS: %.1f MiB -> %.1f MiB, slope %+.1f MiB/hour (after the first fifth)%n",
                    first.rss() / 1048576.0, last.rss() / 1048576.0, rssSlope / 1048576.0);
            System.out.printf("heap floor slope %+.1f MiB/hour; heap used at the end %.1f MiB%n",
                    heapSlope / 1048576.0, last.heapUsed() / 1048576.0);
            System.out.printf("threads: %d -> %d (max %d); file descriptors: %d -> %d (max %d); engine queue max %d%n",
                    first.threads(), last.threads(), samples.stream().mapToLong(Sample::threads).max().orElse(0),
                    first.fds(), last.fds(), samples.stream().mapToLong(Sample::fds).max().orElse(0),
                    samples.stream().mapToLong(Sample::engineQueued).max().orElse(0));
        }
        System.out.printf("replies: %s; unanswered intents %d%n", new Stats(latencies).summary(" ms"), unanswered);
        System.out.printf("director: %d cycles, %d calls, error replies by code %s%n", script.cycles, script.calls,
                script.errorCodes);
        System.out.printf("patches/events counted by the light clients: %d%n", patchesCounted);
        System.out.printf("server log: %d ERROR lines, %d WARN lines%n", errors, warnings);
        log.lines().filter(l -> l.contains(" ERROR ")).limit(5).forEach(l -> System.out.println("  " + l));
    }

    /** Least-squares slope of {@code value} over time, per hour. */
    static double slopePerHour(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        int n = samples.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mt = samples.stream().mapToDouble(Sample::t).average().orElse(0);
        double mv = samples.stream().mapToLong(value).average().orElse(0);
        double num = 0;
        double den = 0;
        for (Sample s : samples) {
            num += (s.t() - mt) * (value.applyAsLong(s) - mv);
            den += (s.t() - mt) * (s.t() - mt);
        }
        return den == 0 ? 0 : num / den * 3600;
    }

    static Map<String, Long> procStatus(long pid) throws Exception {
        Map<String, Long> values = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && (parts[0].equals("VmRSS") || parts[0].equals("Threads"))) {
                values.put(parts[0], Long.parseLong(parts[1].split("\\s+")[0]));
            }
        }
        return values;
    }

    /** One client doing what an operator does, in a loop of about 20 seconds. */
    static final class Director {
        final WsTestClient client;
        final List<Double> latencies = new ArrayList<>();
        final Map<String, Integer> errorCodes = new java.util.TreeMap<>();
        long calls;
        long cycles;
        long failedCalls;

        Director(WsTestClient client) {
            this.client = client;
        }

        JsonNode call(String name, ObjectNode payload) {
            long sent = System.nanoTime();
            calls++;
            try {
                JsonNode reply = client.call(name, payload);
                latencies.add((System.nanoTime() - sent) / 1e6);
                if (!reply.path("ok").asBoolean()) {
                    errorCodes.merge(reply.at("/error/code").asText(), 1, Integer::sum);
                }
                return reply;
            } catch (AssertionError e) {
                failedCalls++;
                return Json.object();
            }
        }

        void cycle() throws InterruptedException {
            cycles++;
            call("transport.play", null);
            for (int i = 0; i < 4; i++) {
                Thread.sleep(2000);
                call("transport.jump_to_time", Json.object().put("time_ms",
                        ThreadLocalRandom.current().nextInt(100_000)));
            }
            call("transport.pause", null);
            call("fixture.preview_effect", Json.object().put("fixture_id", "parcan_l").put("effect_id", "flash")
                    .put("duration_ms", 1000));
            Thread.sleep(1500);
            call("fixture.stop_preview", null);
            ObjectNode row = Json.object().put("time", ThreadLocalRandom.current().nextInt(100) + 0.5)
                    .put("fixture_id", "parcan_r").put("effect", "flash").put("duration", 0.5);
            row.putObject("data");
            JsonNode added = call("cue.add", row);
            if (added.at("/data/index").isInt()) {
                call("cue.delete", Json.object().put("index", added.at("/data/index").asInt()));
            }
            String poi = "soak_" + cycles;
            call("poi.create", Json.object().put("id", poi).put("name", "Soak " + cycles));
            call("poi.delete", Json.object().put("id", poi));
            call("llm.send_prompt", Json.object().put("prompt", "what is the bpm?"));
            Thread.sleep(500);
            call("llm.clear_conversation", null);
            call("song.list", null);
            call("transport.stop", null);
            Thread.sleep(1000);
        }
    }

    /**
     * Counts ArtDmx packets for universe 0 arriving on a loopback port, in one-second buckets by arrival time (from
     * {@link #startBuckets()}), so a slow reader of the counts cannot shift frames between seconds.
     */
    static final class FrameCounter implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final Thread thread;
        private volatile long bucketStart = Long.MIN_VALUE;
        private final AtomicLongArray buckets =
                new AtomicLongArray(4 * 3600 + 60);

        void startBuckets() {
            bucketStart = System.nanoTime();
        }

        /** Frames in each whole second since {@link #startBuckets()} (the second under way is left out). */
        List<Long> perSecond() {
            long start = bucketStart;
            int whole = (int) Math.min(buckets.length(), (System.nanoTime() - start) / 1_000_000_000L);
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < whole; i++) {
                counts.add(buckets.get(i));
            }
            return counts;
        }

        FrameCounter() throws Exception {
            thread = new Thread(() -> {
                byte[] buffer = new byte[1024];
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                while (!socket.isClosed()) {
                    try {
                        socket.receive(packet);
                        if (ArtNet.opcode(buffer, packet.getLength()) == ArtNet.OP_DMX && packet.getLength() >= 16
                                && buffer[14] == 0 && buffer[15] == 0) {
                            long start = bucketStart;
                            if (start != Long.MIN_VALUE) {
                                long second = (System.nanoTime() - start) / 1_000_000_000L;
                                if (second >= 0 && second < buckets.length()) {
                                    buckets.incrementAndGet((int) second);
                                }
                            }
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "soak-frames");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
