package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.OscTestClient;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * OSC command to wire: the server as a child process with an OSC port on loopback, a 6-minute song loaded and not
 * playing. Measured from sending the datagram until the first ArtDmx carrying the change reaches a loopback receiver:
 * a fixture's dimmer (int argument, values alternating), its colour (three int arguments), and the blackout
 * (/beatlight/blackout, the dimmer going to 0; a seek brings the editor back between samples). Run:
 * {@code bench/run OscBenchmark [iterations]}.
 */
public final class OscBenchmark {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("beatlight-osc-bench");
        TestShow.withReferenceRig(dir).song("Six", 360, 120, "{\"intro\": [0, 180], \"outro\": [180, 360]}");
        try (ArtNetReceiver receiver = new ArtNetReceiver(0, true);
             ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS,
                     Map.of("BEATLIGHT_LOG_LEVEL", System.getProperty("bench.logLevel", "warn")),
                     "--show-dir", dir.toString(), "--port", "0", "--osc-port", "0",
                     "--artnet-targets", "127.0.0.1:" + receiver.port(), "--artnet-listen-port", "0")) {
            int httpPort = server.awaitReady(Duration.ofSeconds(60));
            JsonNode health = health(httpPort);
            int oscPort = health.at("/osc/port").asInt();
            List<Double> dimmer = new ArrayList<>();
            List<Double> colour = new ArrayList<>();
            List<Double> blackout = new ArrayList<>();
            try (OscTestClient osc = new OscTestClient(oscPort)) {
                osc.send("/beatlight/seek", 30);
                receiver.awaitDmx(0, p -> p.channel(16) == 255);
                for (int i = 0; i < iterations + 20; i++) {
                    boolean counted = i >= 20;
                    // the dimmer of parcan_l (channel 16), never 0 or 255, different from the last value
                    int value = 1 + (i % 2) * 100 + i % 97;
                    long sent = System.nanoTime();
                    osc.send("/beatlight/fixture/parcan_l/dim", value);
                    long seen = receiver.awaitDmx(0, sent, p -> p.channel(16) == value, Duration.ofSeconds(5))
                            .nanos();
                    if (counted) {
                        dimmer.add((seen - sent) / 1e6);
                    }
                    pause();
                    int red = i % 256;
                    int green = 255 - red;
                    sent = System.nanoTime();
                    osc.send("/beatlight/fixture/parcan_l/rgb", red, green, 7);
                    seen = receiver.awaitDmx(0, sent, p -> p.channel(17) == red && p.channel(18) == green
                            && p.channel(19) == 7, Duration.ofSeconds(5)).nanos();
                    if (counted) {
                        colour.add((seen - sent) / 1e6);
                    }
                    pause();
                    sent = System.nanoTime();
                    osc.send("/beatlight/blackout", 1);
                    seen = receiver.awaitDmx(0, sent, p -> p.channel(16) == 0, Duration.ofSeconds(5)).nanos();
                    if (counted) {
                        blackout.add((seen - sent) / 1e6);
                    }
                    pause();
                    // the live blackout off again: the dimmer comes back
                    osc.send("/beatlight/blackout", 0);
                    receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(16) == value, Duration.ofSeconds(5));
                    pause();
                }
            } catch (AssertionError e) {
                String log = server.output();
                System.out.println(log.substring(Math.max(0, log.length() - 6000)));
                throw e;
            }
            JsonNode after = health(httpPort).get("osc");
            System.out.printf("OSC -> wire, /beatlight/fixture/parcan_l/dim <int>: %s%n",
                    new Stats(dimmer).summary(" ms"));
            System.out.printf("OSC -> wire, /beatlight/fixture/parcan_l/rgb <r> <g> <b>: %s%n",
                    new Stats(colour).summary(" ms"));
            System.out.printf("OSC -> wire, /beatlight/blackout: %s%n", new Stats(blackout).summary(" ms"));
            System.out.printf("server OSC counters: packets %d, commands %d, errors %d, malformed %d%n",
                    after.get("packets").asLong(), after.get("commands").asLong(), after.get("errors").asLong(),
                    after.get("malformed").asLong());
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
    }

    private static JsonNode health(int httpPort) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(20 + ThreadLocalRandom.current().nextInt(17));
    }
}
