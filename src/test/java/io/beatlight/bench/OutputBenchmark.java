package io.beatlight.bench;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.output.ArtNetOutput;
import io.beatlight.output.SacnConfig;
import io.beatlight.output.SacnDataPacket;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Foundation figures, measured against the real server in its own JVM over loopback:
 * start-up to the first ArtDmx, idle resident memory, output cadence while 20 WebSocket clients send set_values at
 * 50 Hz each, dropped or repeated sequence numbers, and intent-to-wire latency.
 *
 * <p>Run with {@code bench/run OutputBenchmark [seconds]} (default 60 s of load).
 *
 * <p>{@code bench/run OutputBenchmark sacn [seconds]} measures the output loop alone, in this JVM, sending Art-Net
 * and sACN side by side at 1, 16 and 64 universes to receivers on loopback (default 20 s per run): packets/s,
 * send time minus deadline, receiver-observed interval error, dropped/repeated sequences, CPU and the bytes the
 * output thread allocates.
 */
public final class OutputBenchmark {
    static final double PERIOD_MS = 1000.0 / 60;
    static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    static final int RATE_HZ = 50;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("sacn")) {
            int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
            for (int universes : new int[] {1, 16, 64}) {
                protocolsRun(universes, seconds);
            }
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("beatlight-bench");
        TestShow.withReferenceRig(dir).song("Bench", 300, 120, null);
        List<String> jvm = System.getProperty("bench.serverJvm") == null ? ServerProcess.LAUNCHER_JVM_OPTIONS
                : List.of(System.getProperty("bench.serverJvm").split(","));
        try (ArtNetReceiver receiver = new ArtNetReceiver(0, true);
             ServerProcess server = ServerProcess.start(jvm, Map.of("BEATLIGHT_LOG_LEVEL", "warn"),
                     "--show-dir", dir.toString(), "--port", "0", "--artnet-targets", "127.0.0.1:" + receiver.port(),
                     "--artnet-listen-port", "0")) {
            int port = server.awaitReady(Duration.ofSeconds(60));
            ArtNetReceiver.Received first = receiver.awaitDmx(0, p -> true);
            double startupMs = (first.nanos() - server.startedNanos) / 1e6;
            Thread.sleep(5000);
            long rssIdleKb = rssKb(server.pid());
            System.out.printf("startup: process start -> first ArtDmx %.0f ms; ready line at port %d%n", startupMs,
                    port);
            System.out.printf("memory: resident set idle %.1f MiB%n", rssIdleKb / 1024.0);

            List<WsTestClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                WsTestClient c = WsTestClient.connect(port);
                c.firstSnapshot();
                clients.add(c);
            }
            WsTestClient probe = WsTestClient.connect(port);
            probe.firstSnapshot();
            String[] pars = {"parcan_l", "parcan_r", "parcan_pl"};
            ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
            for (int i = 0; i < CLIENTS; i++) {
                WsTestClient c = clients.get(i);
                String fixture = pars[i % pars.length];
                load.scheduleAtFixedRate(() -> {
                    int v = ThreadLocalRandom.current().nextInt(0xFFFFFF);
                    var payload = Json.object().put("fixture_id", fixture);
                    payload.set("values", Json.object().put("rgb", String.format("#%06X", v)));
                    c.intent("fixture.set_values", payload);
                }, i, 1000 / RATE_HZ, TimeUnit.MILLISECONDS);
            }
            // latency probe: head_el150 speed (channel 5) gets a new value every 100 ms
            Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
            List<Double> latencies = new ArrayList<>();
            // warm-up under load (JIT, first collections), not measured: a show server runs for minutes
            Thread.sleep(Long.getLong("bench.warmupSeconds", 20) * 1000);
            receiver.clear();
            long loadStart = System.nanoTime();
            double serverCpuStart = cpuSeconds(server.pid());
            double benchCpuStart = cpuSeconds(ProcessHandle.current().pid());
            int value = 0;
            while (System.nanoTime() - loadStart < seconds * 1_000_000_000L) {
                value = value % 254 + 1;
                final int expected = value;
                long sent = System.nanoTime();
                sentAt.put(expected, sent);
                var payload = Json.object().put("fixture_id", "head_el150");
                payload.set("values", Json.object().put("speed", expected));
                probe.intent("fixture.set_values", payload);
                ArtNetReceiver.Received seen = receiver.awaitDmx(0, sent, p -> p.channel(5) == expected,
                        Duration.ofSeconds(2));
                latencies.add((seen.nanos() - sent) / 1e6);
                // a random pause, so probes do not phase-lock to the frame grid
                Thread.sleep(100 + ThreadLocalRandom.current().nextInt(17));
            }
            double wall = (System.nanoTime() - loadStart) / 1e9;
            double serverCpu = (cpuSeconds(server.pid()) - serverCpuStart) / wall;
            double benchCpu = (cpuSeconds(ProcessHandle.current().pid()) - benchCpuStart) / wall;
            load.shutdownNow();
            List<ArtNetReceiver.Received> packets = receiver.dmx(0);
            List<Double> jitter = new ArrayList<>();
            int dropped = 0;
            int repeated = 0;
            for (int i = 1; i < packets.size(); i++) {
                double interval = (packets.get(i).nanos() - packets.get(i - 1).nanos()) / 1e6;
                jitter.add(Math.abs(interval - PERIOD_MS));
                int previous = packets.get(i - 1).dmx().sequence();
                int current = packets.get(i).dmx().sequence();
                int expectedSeq = previous == 255 ? 1 : previous + 1;
                if (current == previous) {
                    repeated++;
                } else if (current != expectedSeq) {
                    dropped++;
                }
            }
            double elapsed = (packets.get(packets.size() - 1).nanos() - packets.get(0).nanos()) / 1e9;
            System.out.printf("load: %d clients x %d Hz set_values for %d s (%d intents)%n", CLIENTS, RATE_HZ,
                    seconds, CLIENTS * RATE_HZ * seconds);
            System.out.printf("cadence: %d frames in %.2f s = %.3f FPS; |interval - 16.667 ms| %s%n", packets.size(),
                    elapsed, (packets.size() - 1) / elapsed, new Stats(jitter).summary(" ms"));
            System.out.printf("sequence: %d dropped, %d repeated%n", dropped, repeated);
            var health = Json.MAPPER.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body());
            System.out.printf("sender: send time - deadline p50=%.3f ms p99=%.3f ms max=%.3f ms (last %d frames), "
                    + "late frames %d%n", health.at("/artnet/send_lateness_ms/p50").asDouble(),
                    health.at("/artnet/send_lateness_ms/p99").asDouble(),
                    health.at("/artnet/send_lateness_ms/max").asDouble(),
                    health.at("/artnet/send_lateness_ms/frames").asInt(), health.at("/artnet/late_frames").asLong());
            System.out.printf("intent-to-wire latency: %s%n", new Stats(latencies).summary(" ms"));
            System.out.printf("cpu: server %.0f%% of one core, load generator and receiver %.0f%% (2 cores shared)%n",
                    serverCpu * 100, benchCpu * 100);
            System.out.printf("memory: resident set under load %.1f MiB%n", rssKb(server.pid()) / 1024.0);
            for (WsTestClient c : clients) {
                c.close();
            }
            probe.close();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
    }

    /** One in-process run of the output loop with Art-Net and sACN to loopback receivers. */
    static void protocolsRun(int universes, int seconds) throws Exception {
        List<Integer> numbers = new ArrayList<>();
        for (int u = 0; u < universes; u++) {
            numbers.add(u);
        }
        UniverseLayout layout = UniverseLayout.of(numbers);
        DmxBuffer buffer = new DmxBuffer(layout);
        for (int u = 0; u < universes; u++) {
            for (int c = 1; c <= 512; c++) {
                buffer.set(u, c, (u + c) % 256);
            }
        }
        try (ArtNetReceiver artnet = new ArtNetReceiver(0, true); ArtNetReceiver sacn = new ArtNetReceiver(0, true)) {
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", artnet.port())), 60,
                    false, FrameSource.constant(buffer.freeze()))
                    .withSacn(SacnConfig.unicast(List.of(new InetSocketAddress("127.0.0.1", sacn.port())),
                            UUID.randomUUID(), "Beatlight bench"))
                    .withRealtimeScheduling(true);
            output.start();
            Thread.sleep(3000); // warm-up: JIT, first layout
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long outputThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("artnet-output")).findFirst().orElseThrow().getId();
            artnet.clear();
            sacn.clear();
            long allocatedStart = threads.getThreadAllocatedBytes(outputThread);
            long cpuStart = threads.getThreadCpuTime(outputThread);
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - start) / 1e9;
            long allocated = threads.getThreadAllocatedBytes(outputThread) - allocatedStart;
            double cpu = (threads.getThreadCpuTime(outputThread) - cpuStart) / 1e9 / wall;
            ArtNetOutput.Lateness lateness = output.lateness();
            int sacnCount = sacn.packets().size();
            int artnetCount = artnet.packets().size();
            output.shutdownWithBlackout();

            List<ArtNetReceiver.Received> sacnPackets = sacn.packets();
            int[] last = new int[universes + 1];
            java.util.Arrays.fill(last, -1);
            int dropped = 0;
            int repeated = 0;
            List<Double> intervals = new ArrayList<>();
            long previousNanos = -1;
            for (ArtNetReceiver.Received p : sacnPackets) {
                byte[] b = p.raw();
                if (b.length != SacnDataPacket.LENGTH || (b[112] & 0x40) != 0) {
                    continue;
                }
                int universe = (b[113] & 0xFF) << 8 | (b[114] & 0xFF);
                int sequence = b[111] & 0xFF;
                if (last[universe] >= 0) {
                    if (sequence == last[universe]) {
                        repeated++;
                    } else if (sequence != ((last[universe] + 1) & 0xFF)) {
                        dropped++;
                    }
                }
                last[universe] = sequence;
                if (universe == 1) {
                    if (previousNanos > 0) {
                        intervals.add(Math.abs((p.nanos() - previousNanos) / 1e6 - PERIOD_MS));
                    }
                    previousNanos = p.nanos();
                }
            }
            int artDropped = 0;
            int artRepeated = 0;
            for (int u = 0; u < universes; u++) {
                List<ArtNetReceiver.Received> stream = artnet.dmx(u);
                for (int i = 1; i < stream.size(); i++) {
                    int previous = stream.get(i - 1).dmx().sequence();
                    int current = stream.get(i).dmx().sequence();
                    if (current == previous) {
                        artRepeated++;
                    } else if (current != (previous == 255 ? 1 : previous + 1)) {
                        artDropped++;
                    }
                }
            }
            System.out.printf("%d universes, %d s: sACN %.0f packets/s, Art-Net %.0f packets/s%n", universes,
                    seconds, sacnCount / wall, artnetCount / wall);
            System.out.printf("  send time - deadline p50=%.3f ms p99=%.3f ms max=%.3f ms (%d frames)%n",
                    lateness.p50Ms(), lateness.p99Ms(), lateness.maxMs(), lateness.frames());
            System.out.printf("  receiver-observed |interval - 16.667 ms| (sACN universe 1): %s%n",
                    new Stats(intervals).summary(" ms"));
            System.out.printf("  sequences: sACN %d dropped, %d repeated; Art-Net %d dropped, %d repeated%n",
                    dropped, repeated, artDropped, artRepeated);
            System.out.printf("  output thread: %.1f%% of one core, allocated %d bytes in %.0f s (%.1f bytes/s)%n",
                    cpu * 100, allocated, wall, allocated / wall);
        }
    }

    /** user + system CPU seconds of a process. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
