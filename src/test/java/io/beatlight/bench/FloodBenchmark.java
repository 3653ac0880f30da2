package io.beatlight.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One hostile client floods {@code fixture.set_values} in a tight loop (and reconnects whenever it is closed) while
 * an ordinary client sends set_values at 10 Hz: prints the ordinary client's reply latency, Art-Net frames per second
 * (minimum over the seconds), how many messages the flooder sent, how often it was refused and closed.
 *
 * <p>Run with {@code bench/run FloodBenchmark [seconds]} (30 by default).
 */
public final class FloodBenchmark {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("beatlight-flood");
        TestShow.withReferenceRig(dir);
        try (SoakBenchmark.FrameCounter frames = new SoakBenchmark.FrameCounter();
             ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS,
                     Map.of("BEATLIGHT_LOG_LEVEL", "error"), "--show-dir", dir.toString(), "--port", "0",
                     "--artnet-targets", "127.0.0.1:" + frames.port(), "--artnet-listen-port", "0",
                     "--artnet-source-port", "0")) {
            int port = server.awaitReady(Duration.ofSeconds(60));
            WsTestClient ordinary = WsTestClient.connectLight(port);
            ordinary.firstSnapshot();
            AtomicLong floodSent = new AtomicLong();
            AtomicLong floodClosed = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            Thread flooder = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try (WsTestClient hostile = WsTestClient.connectLight(port)) {
                        hostile.firstSnapshot();
                        for (int i = 0; hostile.closeCode() == null && System.nanoTime() < end; i++) {
                            ObjectNode payload = Json.object().put("fixture_id", "parcan_l");
                            payload.set("values", Json.object().put("rgb", String.format("#%06X", i & 0xFFFFFF)));
                            hostile.sendText(Json.write(Json.object().put("type", "intent").put("req_id", "f" + i)
                                    .put("name", "fixture.set_values").set("payload", payload)));
                            floodSent.incrementAndGet();
                        }
                        if (hostile.closeCode() != null) {
                            floodClosed.incrementAndGet();
                        }
                    } catch (Exception | AssertionError e) {
                        floodClosed.incrementAndGet(); // closed under its writes
                    }
                }
            }, "flooder");
            frames.startBuckets();
            flooder.start();
            int n = 0;
            while (System.nanoTime() < end) {
                ObjectNode payload = Json.object().put("fixture_id", "parcan_r");
                payload.set("values", Json.object().put("rgb", String.format("#0000%02X", n++ & 0xFF)));
                ordinary.timedIntent("fixture.set_values", payload);
                Thread.sleep(100);
            }
            List<Long> perSecond = frames.perSecond();
            flooder.join();
            Thread.sleep(2000);
            long min = perSecond.stream().mapToLong(Long::longValue).min().orElse(0);
            double mean = perSecond.stream().mapToLong(Long::longValue).average().orElse(0);
            System.out.printf("flood: %d s; the flooder sent %,d messages (%,.0f/s) and was closed %d times%n",
                    seconds, floodSent.get(), floodSent.get() / (double) seconds, floodClosed.get());
            System.out.printf("ordinary client at 10 Hz: replies %s; unanswered %d%n",
                    new Stats(ordinary.replyMillis()).summary(" ms"), ordinary.unanswered());
            System.out.printf("Art-Net frames/s on universe 0: min %d, mean %.1f over %d s%n", min, mean,
                    perSecond.size());
            ordinary.close();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
        System.exit(0);
    }
}
