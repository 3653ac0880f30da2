package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Canvas;
import io.beatlight.rig.PoiBook;
import io.beatlight.show.RenderInput;
import io.beatlight.effects.RenderVersion;
import io.beatlight.show.Renderer;
import io.beatlight.output.SacnDataPacket;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Scale under load, against the real server in its own JVM: 64 universes at 60 FPS sent as Art-Net and sACN to
 * loopback receivers while 20 WebSocket clients send set_values at 50 Hz each. Prints packets/s, the sender's send
 * time minus deadline, receiver-observed interval error, dropped/repeated sequences on every universe, the output
 * thread's CPU (from /proc) and allocation (a JFR recording started in the server with {@code jcmd} after the
 * warm-up: allocation events on the output thread, their top frames, per-thread allocated bytes, GC pauses),
 * intent-to-wire latency, and the canvas memory of a 6-minute show on the same 64-universe rig.
 *
 * <p>Run with {@code BENCH_JAVA_OPTS="-Xmx8g -XX:+UseZGC" bench/run ScaleBenchmark [seconds] [universes]} (the
 * receivers keep every packet: about 7,700 a second at 64 universes). Measure at least 60 s so the sender's
 * 3,600-frame lateness window holds only measured frames. {@code -Dbench.serverJvm=-Xms64m,-Xmx1g} (G1, the JVM default)
 * tries another collector for the server (the default is the launcher script's, ZGC); {@code -Dbench.sendOnChange=false}
 * runs the server with frames only.
 */
public final class ScaleBenchmark {
    static final double PERIOD_MS = 1000.0 / 60;
    static final String OUTPUT_THREAD = "artnet-output";
    static final String ENGINE_THREAD = "show-engine";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int universes = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int clients = Integer.getInteger("bench.clients", 20);
        Path dir = Files.createTempDirectory("beatlight-scale-bench");
        TestShow.withReferenceRig(dir);
        Path fixtures = dir.resolve("fixtures");
        List<String> pars = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> pois = new ArrayList<>();
        Sheets.denseRig(fixtures, universes, 4, pars, heads, pois);
        canvasMemory(fixtures, pars, heads, pois, universes);

        Path jfr = dir.resolve("output.jfr");
        Path settings = dir.resolve("allocation.jfc");
        Files.writeString(settings, JFC);
        List<String> jvm = System.getProperty("bench.serverJvm") == null ? ServerProcess.LAUNCHER_JVM_OPTIONS
                : List.of(System.getProperty("bench.serverJvm").split(","));
        try (ArtNetReceiver artnet = new ArtNetReceiver(0, true); ArtNetReceiver sacn = new ArtNetReceiver(0, true);
             ServerProcess server = ServerProcess.start(jvm, Map.of("BEATLIGHT_LOG_LEVEL", System.getProperty("bench.logLevel", "warn"),
                     "BEATLIGHT_SEND_ON_CHANGE", System.getProperty("bench.sendOnChange", "true")),
                     "--show-dir", dir.toString(), "--port", "0",
                     "--artnet-targets", "127.0.0.1:" + artnet.port(), "--artnet-listen-port", "0",
                     "--sacn-targets", "127.0.0.1:" + sacn.port())) {
            int port = server.awaitReady(Duration.ofSeconds(60));
            artnet.awaitDmx(universes - 1, p -> true);
            List<WsTestClient> loadClients = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                WsTestClient c = WsTestClient.connect(port);
                c.firstSnapshot();
                loadClients.add(c);
            }
            WsTestClient probe = WsTestClient.connect(port);
            probe.firstSnapshot();
            ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
            for (int i = 0; i < clients; i++) {
                WsTestClient c = loadClients.get(i);
                int client = i;
                load.scheduleAtFixedRate(() -> {
                    // every client walks over the pars of all universes but the last (kept steady, so its
                    // packets show the frame grid alone) and not par_0_0, the probe's fixture
                    int n = 1 + Math.floorMod(client + ThreadLocalRandom.current().nextInt(pars.size() - 3),
                            pars.size() - 3);
                    var payload = Json.object().put("fixture_id", pars.get(n));
                    payload.set("values", Json.object().put("rgb",
                            String.format("#%06X", ThreadLocalRandom.current().nextInt(0xFFFFFF))));
                    c.intent("fixture.set_values", payload);
                }, i, 1000 / 50, TimeUnit.MILLISECONDS);
            }
            Thread.sleep(Long.getLong("bench.warmupSeconds", 20) * 1000);

            jcmd(server.pid(), "JFR.start", "name=scale", "settings=" + settings, "filename=" + jfr);
            Thread.sleep(2000); // starting the recording stops the JVM at a safepoint: keep it out of the window
            Instant windowStart = Instant.now();
            artnet.clear();
            sacn.clear();
            long start = System.nanoTime();
            long outputCpuStart = threadCpuTicks(server.pid(), OUTPUT_THREAD);
            long engineCpuStart = threadCpuTicks(server.pid(), ENGINE_THREAD);
            var healthStart = health(port);
            long lateStart = healthStart.at("/artnet/late_frames").asLong();
            double serverCpuStart = OutputBenchmark.cpuSeconds(server.pid());
            List<Double> latencies = new ArrayList<>();
            int value = 0;
            int missed = 0;
            while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                value = value % 254 + 1;
                int expected = value;
                long sent = System.nanoTime();
                var payload = Json.object().put("fixture_id", "par_0_0");
                payload.set("values", Json.object().put("program", expected));
                probe.intent("fixture.set_values", payload);
                try {
                    // ends when the packet reached the receiver's socket, not when this thread woke
                    long seen = artnet.awaitDmx(0, sent, p -> p.channel(6) == expected, Duration.ofSeconds(5)).nanos();
                    latencies.add((seen - sent) / 1e6);
                } catch (AssertionError e) {
                    missed++;
                }
                Thread.sleep(100 + ThreadLocalRandom.current().nextInt(17));
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double outputCpu = (threadCpuTicks(server.pid(), OUTPUT_THREAD) - outputCpuStart) / 100.0 / wall;
            double engineCpu = (threadCpuTicks(server.pid(), ENGINE_THREAD) - engineCpuStart) / 100.0 / wall;
            double serverCpu = (OutputBenchmark.cpuSeconds(server.pid()) - serverCpuStart) / wall;
            List<ArtNetReceiver.Received> sacnPackets = sacn.packets();
            List<ArtNetReceiver.Received> artnetPackets = artnet.packets();
            int artnetCount = artnetPackets.size();
            // the sender's figures before JFR.stop: writing the recording stops the JVM at a safepoint
            var health = health(port);
            jcmd(server.pid(), "JFR.stop", "name=scale");
            Instant windowEnd = Instant.now();
            load.shutdownNow();

            System.out.printf("scale: %d universes at 60 FPS, Art-Net + sACN to loopback, %d clients x 50 Hz "
                    + "set_values, %d s measured after %d s warm-up%n", universes, clients, seconds,
                    Long.getLong("bench.warmupSeconds", 20));
            double changeSends = (health.at("/artnet/change_sends").asLong()
                    - healthStart.at("/artnet/change_sends").asLong()) / wall;
            double changePackets = (health.at("/artnet/change_packets").asLong()
                    - healthStart.at("/artnet/change_packets").asLong()) / wall;
            System.out.printf("packets/s: Art-Net %.0f, sACN %.0f (frames: %d each; send on change %s: %.0f sends/s "
                    + "carrying %.0f packets/s, both protocols; longest change send %.3f ms)%n", artnetCount / wall,
                    sacnPackets.size() / wall, universes * 60,
                    health.at("/artnet/send_on_change").asBoolean() ? "on" : "off", changeSends, changePackets,
                    health.at("/artnet/longest_change_send_ms").asDouble());
            System.out.printf("sender: send time - deadline p50=%.3f ms p99=%.3f ms max=%.3f ms (last %d frames), "
                    + "late frames %d%n", health.at("/artnet/send_lateness_ms/p50").asDouble(),
                    health.at("/artnet/send_lateness_ms/p99").asDouble(),
                    health.at("/artnet/send_lateness_ms/max").asDouble(),
                    health.at("/artnet/send_lateness_ms/frames").asInt(), health.at("/artnet/late_frames").asLong());
            System.out.printf("sender: late (skipped) frames during the measured window: %d%n",
                    health.at("/artnet/late_frames").asLong() - lateStart);
            artnetSequences(artnetPackets, universes);
            sacnSequences(sacnPackets, universes);
            System.out.printf("intent-to-wire (set_values on universe 0, Art-Net): %s%n",
                    new Stats(latencies).summary(" ms"));
            System.out.printf("intent-to-wire: %d probes not on the wire within 5 s%n", missed);
            System.out.printf("cpu: output thread %.1f%% of one core; engine thread %.1f%%; server process %.0f%% "
                    + "of one core; machine load average %s%n", outputCpu * 100, engineCpu * 100, serverCpu * 100,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            jfrReport(jfr, windowStart, windowEnd);
            if ("debug".equals(System.getProperty("bench.logLevel"))) {
                List<Double> broadcastMs = new ArrayList<>();
                server.output().lines().filter(l -> l.contains("Broadcaster - patch")).forEach(l -> {
                    var m = java.util.regex.Pattern.compile("built in (\\d+) ms, diffed and sent in (\\d+) ms").matcher(l);
                    if (m.find()) {
                        broadcastMs.add((double) (Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))));
                    }
                });
                System.out.printf("engine time per broadcast (state built + diffed + sent): %s%n",
                        new Stats(broadcastMs).summary(" ms"));
            }
            for (WsTestClient c : loadClients) {
                c.close();
            }
            probe.close();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
        System.exit(0); // the load clients' threads are not daemons
    }

    /** Renders a 6-minute, 3,600-row sheet on the same rig in this JVM and reports the canvas's bytes. */
    static void canvasMemory(Path fixtures, List<String> pars, List<String> heads, List<String> pois,
            int universes) throws Exception {
        Rig rig = RigLoader.load(fixtures).rig();
        List<JsonNode> poiList = new ArrayList<>(PoiBook.load(fixtures.resolve("pois.json")).book().valid());
        long start = System.nanoTime();
        Canvas canvas = new Renderer(new EffectRegistry()).render(new RenderInput(rig, poiList,
                RenderBenchmark.rows(Sheets.mixed(3600, 360, pars, heads, pois, 44)), 360, 60, RenderVersion.V1));
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("canvas: 6-minute show, %d universes, %d frames x %d B = %d bytes (%.1f MiB), rendered in "
                + "%.0f ms%n", rig.layout().count(), canvas.frameCount(), canvas.layout().frameBytes(),
                (long) canvas.bytes().length, canvas.bytes().length / 1048576.0, ms);
        canvas = null;
        System.gc();
    }

    static void artnetSequences(List<ArtNetReceiver.Received> packets, int universes) {
        int dropped = 0;
        int repeated = 0;
        List<Double> intervals = new ArrayList<>();
        for (int u = 0; u < universes; u++) {
            int universe = u;
            List<ArtNetReceiver.Received> stream = packets.stream()
                    .filter(p -> p.dmx() != null && p.dmx().portAddress() == universe).toList();
            for (int i = 1; i < stream.size(); i++) {
                int previous = stream.get(i - 1).dmx().sequence();
                int current = stream.get(i).dmx().sequence();
                if (current == previous) {
                    repeated++;
                } else if (current != (previous == 255 ? 1 : previous + 1)) {
                    dropped++;
                }
                if (u == universes - 1) {
                    intervals.add(Math.abs((stream.get(i).nanos() - stream.get(i - 1).nanos()) / 1e6 - PERIOD_MS));
                }
            }
        }
        System.out.printf("Art-Net: %d dropped, %d repeated sequences over %d universes; receiver-observed "
                + "|interval - 16.667 ms| (universe %d, the last: no live edits) %s%n", dropped, repeated, universes,
                universes - 1,
                new Stats(intervals).summary(" ms"));
    }

    static void sacnSequences(List<ArtNetReceiver.Received> packets, int universes) {
        int[] last = new int[universes + 2];
        Arrays.fill(last, -1);
        long[] lastNanos = new long[universes + 2];
        int dropped = 0;
        int repeated = 0;
        List<Double> intervals = new ArrayList<>();
        for (ArtNetReceiver.Received p : packets) {
            byte[] b = p.raw();
            if (b.length != SacnDataPacket.LENGTH || (b[112] & 0x40) != 0) {
                continue;
            }
            int universe = (b[113] & 0xFF) << 8 | (b[114] & 0xFF);
            if (universe >= last.length) {
                continue;
            }
            int sequence = b[111] & 0xFF;
            if (last[universe] >= 0) {
                if (sequence == last[universe]) {
                    repeated++;
                } else if (sequence != ((last[universe] + 1) & 0xFF)) {
                    dropped++;
                }
                if (universe == universes) {
                    intervals.add(Math.abs((p.nanos() - lastNanos[universe]) / 1e6 - PERIOD_MS));
                }
            }
            last[universe] = sequence;
            lastNanos[universe] = p.nanos();
        }
        System.out.printf("sACN: %d dropped, %d repeated sequences over %d universes; receiver-observed "
                + "|interval - 16.667 ms| (sACN universe %d, the last sent: no live edits) %s%n", dropped, repeated, universes,
                universes, new Stats(intervals).summary(" ms"));
    }

    /** Allocation on the output thread and GC pauses inside the measured window, from the server's recording. */
    static void jfrReport(Path jfr, Instant from, Instant to) throws Exception {
        int outputEvents = 0;
        long outputWeight = 0;
        int allEvents = 0;
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Long> engineFrames = new HashMap<>();
        Map<String, long[]> threadAllocated = new TreeMap<>();
        Map<String, List<Double>> gcPauses = new TreeMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB",
                        "jdk.ObjectAllocationOutsideTLAB" -> {
                    allEvents++;
                    if (type.equals("jdk.ObjectAllocationSample") && e.getThread("eventThread") != null
                            && ENGINE_THREAD.equals(e.getThread("eventThread").getJavaName())
                            && e.getStackTrace() != null) {
                        engineFrames.merge(e.getClass("objectClass").getName() + " at "
                                + e.getStackTrace().getFrames().stream().limit(3).map(ScaleBenchmark::frame)
                                        .reduce((a, b) -> a + " <- " + b).orElse("(empty)"),
                                e.getLong("weight"), Long::sum);
                    }
                    if (e.getThread("eventThread") != null
                            && OUTPUT_THREAD.equals(e.getThread("eventThread").getJavaName())) {
                        outputEvents++;
                        if (type.equals("jdk.ObjectAllocationSample")) {
                            outputWeight += e.getLong("weight");
                        }
                        String frames = e.getStackTrace() == null ? "(no stack)"
                                : e.getStackTrace().getFrames().stream().limit(4).map(ScaleBenchmark::frame)
                                        .reduce((a, b) -> a + " <- " + b).orElse("(empty)");
                        topFrames.merge(type.substring(4) + " " + e.getClass("objectClass").getName() + " at "
                                + frames, 1, Integer::sum);
                    }
                }
                case "jdk.ThreadAllocationStatistics" -> {
                    String name = e.getThread("thread") == null ? "?" : e.getThread("thread").getJavaName();
                    long bytes = e.getLong("allocated");
                    threadAllocated.compute(name, (k, v) -> v == null ? new long[] {bytes, bytes}
                            : new long[] {Math.min(v[0], bytes), Math.max(v[1], bytes)});
                }
                case "jdk.GarbageCollection" -> gcPauses.computeIfAbsent(e.getString("name"), k -> new ArrayList<>())
                        .add(e.getDuration("sumOfPauses").toNanos() / 1e6);
                default -> { }
            }
        }
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        System.out.printf("JFR allocation events on %s: %d (of %d allocation events in all threads), sampled "
                + "weight %d bytes in %.0f s%n", OUTPUT_THREAD, outputEvents, allEvents, outputWeight, seconds);
        topFrames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(8)
                .forEach(t -> System.out.printf("  %5d x %s%n", t.getValue(), t.getKey()));
        long[] output = threadAllocated.get(OUTPUT_THREAD);
        System.out.printf("JFR thread allocation statistics: %s allocated %s bytes during the window%n",
                OUTPUT_THREAD, output == null ? "(no samples)" : Long.toString(output[1] - output[0]));
        threadAllocated.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1] - b.getValue()[0],
                a.getValue()[1] - a.getValue()[0])).limit(5).forEach(t -> System.out.printf(
                "  %-28s %,d bytes (%.1f MB/s)%n", t.getKey(), t.getValue()[1] - t.getValue()[0],
                (t.getValue()[1] - t.getValue()[0]) / 1e6 / seconds));
        System.out.println("top sampled allocation sites on " + ENGINE_THREAD + " (bytes, by sample weight):");
        engineFrames.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(6)
                .forEach(t -> System.out.printf("  %,15d %s%n", t.getValue(), t.getKey()));
        if (gcPauses.isEmpty()) {
            System.out.println("GC: no collections in the window");
        }
        gcPauses.forEach((name, pauses) -> {
            Stats s = new Stats(pauses);
            System.out.printf("GC %s: %d collections, pauses total %.1f ms, %s%n", name, pauses.size(),
                    pauses.stream().mapToDouble(Double::doubleValue).sum(), s.summary(" ms"));
        });
    }

    static JsonNode health(int port) throws Exception {
        return Json.MAPPER.readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName().replaceFirst("^.*\\.", "") + "." + f.getMethod().getName() + ":"
                + f.getLineNumber();
    }

    static void jcmd(long pid, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + out);
        }
    }

    /** utime + stime clock ticks of the named thread of a process, from /proc. */
    static long threadCpuTicks(long pid, String threadName) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).strip().equals(threadName)) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        throw new IllegalStateException("no thread " + threadName + " in process " + pid);
    }

    static final String JFC = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="beatlight-scale">
              <event name="jdk.ObjectAllocationSample">
                <setting name="enabled">true</setting>
                <setting name="throttle">1000/s</setting>
                <setting name="stackTrace">true</setting>
              </event>
              <event name="jdk.ObjectAllocationInNewTLAB">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
              </event>
              <event name="jdk.ObjectAllocationOutsideTLAB">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
              </event>
              <event name="jdk.ThreadAllocationStatistics">
                <setting name="enabled">true</setting>
                <setting name="period">1 s</setting>
              </event>
              <event name="jdk.GarbageCollection">
                <setting name="enabled">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
            </configuration>
            """;
}
