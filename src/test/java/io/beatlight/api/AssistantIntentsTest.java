package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** llm.* with the offline assistant over a real WebSocket: streaming, proposals, confirm/reject, undo, the log. */
@Tag("server")
class AssistantIntentsTest {
    @TempDir
    Path dir;

    static JsonNode event(WsTestClient client, int from, String name, String requestId) {
        return client.awaitFrom(from, m -> "event".equals(m.path("type").asText())
                && name.equals(m.path("message").asText())
                && requestId.equals(m.path("data").path("request_id").asText()), Duration.ofSeconds(5));
    }

    @Test
    void proposalsChangeNothingUntilConfirmed() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port());
             WsTestClient other = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            other.firstSnapshot();
            Path cueFile = dir.resolve("cues/Beatlight Demo.json");
            String before = Files.readString(cueFile);

            // a question streams an answer to the asking client only
            int from = client.received();
            JsonNode reply = ok(client.call("llm.send_prompt", Json.object().put("prompt", "what is the bpm?")));
            String rid = reply.at("/data/request_id").asText();
            assertThat(event(client, from, "llm_delta", rid).at("/data/delta").asText()).contains("120 BPM");
            JsonNode done = event(client, from, "llm_done", rid);
            assertThat(done.at("/data/domain").asText()).isEqualTo("llm");
            assertThat(done.at("/data/chunk").asText()).isEmpty();

            // a request becomes a proposal; nothing changes yet
            from = client.received();
            rid = ok(client.call("llm.send_prompt", Json.object().put("prompt", "flash par 1 at 0:10")))
                    .at("/data/request_id").asText();
            JsonNode proposed = event(client, from, "llm_action_proposed", rid);
            assertThat(proposed.at("/data/tool_name").asText()).isEqualTo("add_cues");
            assertThat(proposed.at("/data/requires_confirmation").asBoolean()).isTrue();
            assertThat(proposed.at("/data/arguments/entries/0").toString())
                    .isEqualTo("{\"time\":10.0,\"fixture_id\":\"par_1\",\"effect\":\"flash\",\"duration\":0.5,"
                            + "\"data\":{}}");
            event(client, from, "llm_done", rid);
            assertThat(Files.readString(cueFile)).isEqualTo(before);
            String actionId = proposed.at("/data/action_id").asText();

            // only the asking connection can decide
            fails(other.call("llm.confirm_action", Json.object().put("request_id", rid).put("action_id", actionId)),
                    "unknown_action");

            // confirm: saved, rendered, on the wire, undoable
            from = client.received();
            JsonNode confirmed = ok(client.call("llm.confirm_action", Json.object().put("request_id", rid)
                    .put("action_id", actionId)));
            assertThat(confirmed.at("/data/summary").asText()).contains("flash to par_1 at 10.000s");
            event(client, from, "llm_action_applied", rid);
            event(client, from, "llm_done", rid);
            assertThat(Files.readString(cueFile)).contains("\"created_by\" : \"assistant\"");
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 10_000)));
            int par1Dim = server.engine().submit(() -> server.engine().fixture("par_1").orElseThrow()
                    .addressOf("dim")).get();
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(par1Dim) == 255, Duration.ofSeconds(3));
            fails(client.call("llm.confirm_action", Json.object().put("request_id", rid).put("action_id", actionId)),
                    "unknown_action");
            JsonNode undo = ok(client.call("cue.undo", Json.object()));
            assertThat(undo.at("/data/label").asText()).isNotBlank();
            assertThat(Files.readString(cueFile)).doesNotContain("\"created_by\" : \"assistant\"");

            // reject: nothing changes
            from = client.received();
            rid = ok(client.call("llm.send_prompt", Json.object().put("prompt", "clear all cues")))
                    .at("/data/request_id").asText();
            String clearId = event(client, from, "llm_action_proposed", rid).at("/data/action_id").asText();
            String sheet = Files.readString(cueFile);
            ok(client.call("llm.reject_action", Json.object().put("request_id", rid).put("action_id", clearId)));
            event(client, from, "llm_action_rejected", rid);
            assertThat(Files.readString(cueFile)).isEqualTo(sheet);

            // bad input: clear errors, nothing changes
            int beforeEmpty = client.received();
            fails(client.call("llm.send_prompt", Json.object().put("prompt", "   ")), "invalid_payload");
            assertThat(client.awaitFrom(beforeEmpty, m -> "llm_error".equals(m.path("message").asText()),
                    Duration.ofSeconds(5)).at("/data/code").asText()).isEqualTo("prompt_required");
            fails(client.call("llm.send_prompt", Json.object().put("prompt", 5)), "invalid_payload");
            fails(client.call("llm.confirm_action", Json.object().put("action_id", "nope")), "unknown_action");
            assertThat(ok(client.call("llm.cancel", Json.object())).at("/data/cancelled").asBoolean()).isFalse();
            ok(client.call("llm.clear_conversation", Json.object()));
            client.awaitEvent("llm_conversation_cleared");

            // the other client saw none of the conversation
            assertThat(other.messages()).noneMatch(m -> m.path("message").asText().startsWith("llm_")
                    && !"llm_error".equals(m.path("message").asText()));

            // everything is in the log, one JSON object per line
            Path log = dir.resolve("logs/assistant.jsonl");
            List<String> lines = Files.readAllLines(log);
            List<String> kinds = lines.stream().map(l -> {
                try {
                    return Json.MAPPER.readTree(l).get("kind").asText();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(kinds).contains("prompt", "reply", "proposal", "decision", "applied", "error");
        }
    }

    @Test
    void aDraftIsOneProposalThatFillsTheSheet() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            int from = client.received();
            String rid = ok(client.call("llm.send_prompt", Json.object().put("prompt", "Draft a show for this song")))
                    .at("/data/request_id").asText();
            JsonNode proposed = event(client, from, "llm_action_proposed", rid);
            int entries = proposed.at("/data/arguments/entries").size();
            ok(client.call("llm.confirm_action", Json.object().put("request_id", rid)
                    .put("action_id", proposed.at("/data/action_id").asText())));
            JsonNode sheet = JsonFiles.read(dir.resolve("cues/Beatlight Demo.json"));
            int rows = sheet.isArray() ? sheet.size() : sheet.get("entries").size();
            assertThat(rows).isEqualTo(entries);
        }
    }
}
