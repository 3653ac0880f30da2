package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Patching latency over the WebSocket against a server process with Debian's qlcplus-data library:
 * <ul>
 *   <li>{@code library.search}: intent sent to reply received, over a mix of queries (maker, model words, types,
 *       short prefixes), target p99 &lt; 20 ms;</li>
 *   <li>{@code rig.add_fixture} from the library: intent sent to the patch that carries the new fixture (and to the
 *       reply), each add undone again, on the reference rig with a 6-minute song of 3,600 cue rows loaded, so every
 *       edit re-renders the whole canvas.</li>
 * </ul>
 * Run: {@code bench/run PatchBenchmark [searches] [adds]}.
 */
public final class PatchBenchmark {
    static final String[] QUERIES = {"robe", "par", "moving head", "eurolite led", "spot", "wash", "martin mac",
        "chauvet", "rgbw", "led par 64", "scanner", "strobe", "beam", "american dj", "fog", "dimmer", "laser",
        "bar", "cameo", "stairville", "ro", "m", "clay paky sharpy", "showtec", "flower", "pixel", "color changer",
        "robin 600", "1200", "uv"};

    public static void main(String[] args) throws Exception {
        int searches = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int adds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path dir = Files.createTempDirectory("beatlight-patch-bench");
        TestShow.withReferenceRig(dir).song("Six", 360, 120, null);
        ArrayNode rows = Sheets.mixed(3600, 360, List.of("parcan_l", "parcan_r", "parcan_pl", "parcan_pr"),
                List.of("head_el150", "mini_beam_prism_l", "mini_beam_prism_r"),
                List.of("piano", "table", "sofa", "dark_desk", "wall"), 44);
        Files.createDirectories(dir.resolve("cues"));
        Files.writeString(dir.resolve("cues/Six.json"), Json.write(rows));
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS,
                     Map.of("BEATLIGHT_LOG_LEVEL", System.getProperty("bench.logLevel", "warn")), "--show-dir",
                     dir.toString(), "--port", "0", "--artnet-targets", "127.0.0.1:" + receiver.port(),
                     "--artnet-listen-port", "0");
             WsTestClient client = WsTestClient.connect(server.awaitReady(Duration.ofSeconds(60)))) {
            long ready = System.nanoTime();
            client.firstSnapshot();
            JsonNode library = awaitLibrary(client);
            System.out.printf("library: %d fixtures indexed in %.0f ms after the server was ready (%s)%n",
                    library.get("fixtures").asInt(), (System.nanoTime() - ready) / 1e6, library.get("roots"));

            List<Double> searchMs = new ArrayList<>();
            int results = 0;
            for (int i = 0; i < searches + 50; i++) {
                String query = QUERIES[i % QUERIES.length];
                long sent = System.nanoTime();
                JsonNode reply = client.call("library.search", Json.object().put("query", query).put("limit", 50));
                double ms = (System.nanoTime() - sent) / 1e6;
                if (!reply.path("ok").asBoolean()) {
                    throw new AssertionError("search failed: " + reply);
                }
                if (i >= 50) { // the first ones warm the JIT
                    searchMs.add(ms);
                    results += reply.at("/data/count").asInt();
                }
            }
            System.out.printf("library.search (limit 50, %d queries, %.1f results on average): %s%n", searches,
                    results / (double) searches, new Stats(searchMs).summary(" ms"));

            String robin = idOf(client, "robin 600e spot", "Robin 600E Spot (v1.1)");
            String party = idOf(client, "eurolite party rgbw", "LED PARty RGBW");
            List<Double> toPatch = new ArrayList<>();
            List<Double> toReply = new ArrayList<>();
            for (int i = 0; i < adds + 5; i++) {
                boolean head = i % 2 == 0;
                int from = client.received();
                long sent = System.nanoTime();
                String reqId = client.intent("rig.add_fixture", Json.object().put("library_id", head ? robin : party)
                        .put("mode", head ? "Mode 2" : "6 Channel").put("universe", 0).put("address", 100)
                        .put("id", "bench"));
                client.awaitFrom(from, m -> m.path("type").asText().equals("patch")
                        && m.toString().contains("\"bench\""), Duration.ofSeconds(10));
                long patched = System.nanoTime();
                JsonNode reply = client.reply(reqId);
                long replied = System.nanoTime();
                if (!reply.path("ok").asBoolean()) {
                    throw new AssertionError("add failed: " + reply);
                }
                if (i >= 5) {
                    toPatch.add((patched - sent) / 1e6);
                    toReply.add((replied - sent) / 1e6);
                }
                client.call("rig.undo", null);
                Thread.sleep(60); // past the 50 ms broadcast throttle, so each add is a leading-edge broadcast
            }
            System.out.printf("rig.add_fixture -> patch with the fixture (6-minute song, 3,600 cue rows, full "
                    + "re-render): %s%n", Stats.summary(toPatch));
            System.out.printf("rig.add_fixture -> reply: %s%n", Stats.summary(toReply));
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
    }

    private static JsonNode awaitLibrary(WsTestClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            int from = client.received();
            client.hello();
            JsonNode snapshot = client.awaitFrom(from, m -> m.path("type").asText().equals("snapshot"),
                    Duration.ofSeconds(10));
            if (snapshot.at("/state/library/status").asText().equals("ready")) {
                return snapshot.at("/state/library");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the library was not indexed within 2 minutes");
    }

    private static String idOf(WsTestClient client, String query, String model) {
        JsonNode reply = client.call("library.search", Json.object().put("query", query).put("limit", 20));
        for (JsonNode entry : reply.at("/data/entries")) {
            if (entry.get("model").asText().equals(model)) {
                return entry.get("id").asText();
            }
        }
        throw new AssertionError("no " + model + " in " + reply);
    }
}
