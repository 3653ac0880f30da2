package io.beatlight.bench;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class OutputBenchmark {
    static final double PERIOD_MS = 1000.0 / 60;
    static final int CLIENTS = Integer.getInteger("bench.clients", 20);
    static final int RATE_HZ = 50;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("beatlight-bench");
        TestShow.withReferenceRig(dir).song("Bench", 300, 120, null);
        List<String> jvm = List.of(System.getProperty("bench.serverJvm", "-Xms64m,-Xmx1g").split(","));
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
