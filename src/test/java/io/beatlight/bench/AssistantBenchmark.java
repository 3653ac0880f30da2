package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.assistant.CommandInterpreter;
import io.beatlight.assistant.Interpretation;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowDrafter;
import io.beatlight.tools.ShowView;
import io.beatlight.song.Section;
import io.beatlight.testutil.FakeOpenAiServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The assistant's figures: time to the first streamed delta over a local fake model server (and how much of it is
 * Beatlight's: prompt → model request, plus model's first chunk → client), the same for the offline assistant, the
 * offline interpreter's coverage of its request table, and draft generation time for a 4-minute song.
 * Run: {@code bench/run AssistantBenchmark [prompts]}.
 */
public final class AssistantBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("beatlight-assistant-bench");
        try (FakeOpenAiServer model = new FakeOpenAiServer();
             BeatlightServer server = TestServer.start(dir, 16999, "--llm-base-url", model.baseUrl(),
                     "--log-level", "warn");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            List<Double> total = new ArrayList<>();
            List<Double> added = new ArrayList<>();
            List<Double> toModel = new ArrayList<>();
            List<Double> fromModel = new ArrayList<>();
            for (int i = 0; i < n + 20; i++) {
                model.enqueue(FakeOpenAiServer.text(0, "Hello", " there."));
                int from = client.received();
                long sent = System.nanoTime();
                String rid = client.call("llm.send_prompt", Json.object().put("prompt", "hi " + i))
                        .at("/data/request_id").asText();
                awaitEvent(client, from, "llm_delta", rid);
                long received = System.nanoTime();
                awaitEvent(client, from, "llm_done", rid);
                long[] timing = model.timings().get(model.timings().size() - 1);
                if (i >= 20) {
                    total.add((received - sent) / 1e6);
                    added.add(((timing[0] - sent) + (received - timing[1])) / 1e6);
                    toModel.add((timing[0] - sent) / 1e6);
                    fromModel.add((received - timing[1]) / 1e6);
                }
                client.call("llm.clear_conversation", Json.object());
            }
            System.out.printf("model server (fake, answers at once): time to first delta %s%n",
                    new Stats(total).summary(" ms"));
            System.out.printf("  of which Beatlight (prompt→model request + first chunk→client): %s%n",
                    new Stats(added).summary(" ms"));
            System.out.printf("    prompt→model request %s; first chunk flushed→client %s%n",
                    new Stats(toModel).summary(" ms"), new Stats(fromModel).summary(" ms"));
        }
        Path offlineDir = Files.createTempDirectory("beatlight-assistant-bench");
        try (BeatlightServer server = TestServer.start(offlineDir, 16999, "--log-level", "warn");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            List<Double> total = new ArrayList<>();
            for (int i = 0; i < n + 20; i++) {
                int from = client.received();
                long sent = System.nanoTime();
                String rid = client.call("llm.send_prompt", Json.object().put("prompt", "what is the bpm?"))
                        .at("/data/request_id").asText();
                awaitEvent(client, from, "llm_delta", rid);
                if (i >= 20) {
                    total.add((System.nanoTime() - sent) / 1e6);
                }
                awaitEvent(client, from, "llm_done", rid);
            }
            System.out.printf("offline assistant: time to first delta %s%n", new Stats(total).summary(" ms"));

            ShowView demo = server.engine().submit(() -> ShowView.of(server.engine())).get();
            JsonNode table = JsonFiles.read(Path.of("src/test/resources/assistant/interpreter-table.json"));
            int matched = 0;
            for (JsonNode row : table) {
                Interpretation result = CommandInterpreter.interpret(demo, row.get("prompt").asText());
                boolean same = row.has("tool") ? result.proposal() != null
                        && result.proposal().toolName().equals(row.get("tool").asText())
                        && result.proposal().arguments().equals(row.get("arguments"))
                        : result.proposal() == null && result.reply().equals(row.get("reply").asText());
                matched += same ? 1 : 0;
            }
            System.out.printf("offline interpreter: %d of %d table requests give exactly the expected rows%n",
                    matched, table.size());

            ShowView fourMinutes = fourMinuteSong(demo);
            List<Double> drafts = new ArrayList<>();
            int rows = 0;
            for (int i = 0; i < 120; i++) {
                long t0 = System.nanoTime();
                Proposal draft = ShowDrafter.draft(fourMinutes);
                drafts.add((System.nanoTime() - t0) / 1e6);
                rows = draft.arguments().get("entries").size();
            }
            System.out.printf("draft for a 4-minute song (%d rows): first %.1f ms, then %s%n", rows, drafts.get(0),
                    new Stats(drafts.subList(20, drafts.size())).summary(" ms"));
        }
        System.exit(0); // Javalin's WebSocket ping thread is not a daemon
    }

    /** The demo rig and POIs with a 4-minute, 128 BPM song in eight sections. */
    static ShowView fourMinuteSong(ShowView demo) {
        double beat = 60 / 128.0;
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i * beat < 240; i++) {
            beats.add(i * beat);
            if (i % 4 == 0) {
                downbeats.add(i * beat);
            }
        }
        String[] names = {"intro", "verse_1", "chorus_1", "verse_2", "chorus_2", "bridge", "chorus_3", "outro"};
        int[] bars = {8, 16, 16, 16, 16, 8, 16, 32};
        List<Section> sections = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < names.length; i++) {
            double end = Math.min(240, t + bars[i] * 4 * beat);
            sections.add(new Section(names[i], t, end));
            t = end;
        }
        return new ShowView("Four Minutes", 240, 128, 4, beats, downbeats, sections, demo.fixtures(), demo.pois(),
                demo.chasers(), 0);
    }

    private static void awaitEvent(WsTestClient client, int from, String name, String rid) {
        client.awaitFrom(from, m -> name.equals(m.path("message").asText())
                && rid.equals(m.path("data").path("request_id").asText()), Duration.ofSeconds(10));
    }
}
