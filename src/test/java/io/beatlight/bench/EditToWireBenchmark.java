package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Edit-to-wire: while a 6-minute song plays, a cue.update in the middle of the song changes a value; the time from
 * sending the intent to the first ArtDmx that carries it. The sheet is the 1,200-row mix scaled to 6 minutes
 * (3,600 rows) plus one set_channels row on a channel no other cue writes. Also measured: a seek alone (intent to
 * wire), and a seek sent right after a cue edit, which must not wait for the edit's file write. Run:
 * {@code bench/run EditToWireBenchmark [iterations]}.
 */
public final class EditToWireBenchmark {
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("beatlight-edit-bench");
        TestShow.withReferenceRig(dir).song("Six", 360, 120, null);
        ArrayNode rows = Sheets.mixed(3600, 360, List.of("parcan_l", "parcan_r", "parcan_pl"),
                List.of("head_el150", "mini_beam_prism_l", "mini_beam_prism_r"),
                List.of("piano", "table", "sofa", "dark_desk", "wall"), 44);
        ObjectNode probe = Json.object().put("time", 180.0).put("fixture_id", "parcan_pr")
                .put("effect", "set_channels").put("duration", 0.0);
        probe.putObject("data").putObject("channels").put("program", 1);
        rows.add(probe);
        Files.createDirectories(dir.resolve("cues"));
        Files.writeString(dir.resolve("cues/Six.json"), Json.write(rows));
        try (ArtNetReceiver receiver = new ArtNetReceiver(0, true);
             ServerProcess server = ServerProcess.start(ServerProcess.LAUNCHER_JVM_OPTIONS,
                     Map.of("BEATLIGHT_LOG_LEVEL", System.getProperty("bench.logLevel", "warn")), "--show-dir", dir.toString(), "--port", "0",
                     "--artnet-targets", "127.0.0.1:" + receiver.port(), "--artnet-listen-port", "0");
             WsTestClient client = WsTestClient.connect(server.awaitReady(Duration.ofSeconds(60)))) {
            JsonNode state = client.firstSnapshot().get("state");
            int index = -1;
            for (int i = 0; i < state.get("cues").size(); i++) {
                if (state.get("cues").get(i).path("fixture_id").asText().equals("parcan_pr")) {
                    index = i;
                }
            }
            client.call("transport.jump_to_time", Json.object().put("time_ms", 181_000));
            client.call("transport.play", null);
            List<Double> edits = new ArrayList<>();
            List<Double> seeks = new ArrayList<>();
            List<Double> seeksAfterEdit = new ArrayList<>();
            List<Double> editReplies = new ArrayList<>();
            try {
                for (int i = 0; i < iterations + 10; i++) {
                    boolean counted = i >= 10;
                    client.forget();
                    // cue edit -> wire, at 3:01 while playing
                    int value = 2 + i % 250;
                    long sent = System.nanoTime();
                    String editId = client.intent("cue.update", programUpdate(index, value));
                    // latencies end when the packet reached the receiver's socket, not when this thread woke
                    long seen = receiver.awaitDmx(0, sent, p -> p.channel(40) == value, Duration.ofSeconds(5)).nanos();
                    client.reply(editId);
                    if (counted) {
                        edits.add((seen - sent) / 1e6);
                        editReplies.add((System.nanoTime() - sent) / 1e6);
                    }
                    pause();
                    // a seek alone -> wire: back to 2:50, before the probe row sets the channel
                    int before = value;
                    sent = System.nanoTime();
                    client.intent("transport.jump_to_time", Json.object().put("time_ms", 170_000));
                    long seekSeen = receiver.awaitDmx(0, sent, p -> p.channel(40) != before,
                            Duration.ofSeconds(5)).nanos();
                    if (counted) {
                        seeks.add((seekSeen - sent) / 1e6);
                    }
                    pause();
                    client.call("transport.jump_to_time", Json.object().put("time_ms", 181_000));
                    receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(40) == before, Duration.ofSeconds(5));
                    pause();
                    // a seek sent right after a cue edit -> wire
                    int edited = 2 + (i + 125) % 250;
                    String afterId = client.intent("cue.update", programUpdate(index, edited));
                    sent = System.nanoTime();
                    client.intent("transport.jump_to_time", Json.object().put("time_ms", 170_000));
                    long afterSeen = receiver.awaitDmx(0, sent, p -> p.channel(40) != before
                            && p.channel(40) != edited, Duration.ofSeconds(5)).nanos();
                    if (counted) {
                        seeksAfterEdit.add((afterSeen - sent) / 1e6);
                    }
                    client.reply(afterId);
                    pause();
                    client.call("transport.jump_to_time", Json.object().put("time_ms", 181_000));
                    receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(40) == edited, Duration.ofSeconds(5));
                    pause();
                }
            } catch (AssertionError e) {
                String log = server.output();
                System.out.println(log.substring(Math.max(0, log.length() - 6000)));
                throw e;
            }
            System.out.printf("edit-to-wire (cue.update at 3:00 of a 6-minute, 3,601-row sheet while playing): %s%n",
                    new Stats(edits).summary(" ms"));
            System.out.printf("edit-to-reply (the same edits, reply = file durable and canvas installed): %s%n",
                    new Stats(editReplies).summary(" ms"));
            System.out.printf("intent-to-wire (transport.jump_to_time alone): %s%n",
                    new Stats(seeks).summary(" ms"));
            System.out.printf("seek right after an edit, to wire: %s%n",
                    new Stats(seeksAfterEdit).summary(" ms"));
            System.out.printf("re-renders shown early (frames around the playhead before the whole canvas): %d of %d "
                    + "installed (debug log only)%n", server.output().lines().filter(l -> l.contains("shown early"))
                    .count(), server.output().lines().filter(l -> l.contains("installed, rendered")).count());
            server.output().lines().filter(l -> l.contains("cue edit") || l.contains("canvas render") || l.contains("patch ")).skip(40).limit(16)
                    .forEach(System.out::println);
            server.terminate();
            server.awaitExit(Duration.ofSeconds(15));
        }
    }

    private static ObjectNode programUpdate(int index, int value) {
        ObjectNode update = Json.object().put("index", index);
        update.putObject("patch").putObject("data").putObject("channels").put("program", value);
        return update;
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(50 + ThreadLocalRandom.current().nextInt(17));
    }
}
