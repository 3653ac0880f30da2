package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.FakeOpenAiServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assistant with a model server: a local fake that streams SSE and issues tool calls as the real API does. */
@Tag("server")
class AssistantModelTest {
    @TempDir
    Path dir;

    static JsonNode event(WsTestClient client, int from, String name, String requestId, Duration timeout) {
        return client.awaitFrom(from, m -> "event".equals(m.path("type").asText())
                && name.equals(m.path("message").asText())
                && requestId.equals(m.path("data").path("request_id").asText()), timeout);
    }

    static JsonNode event(WsTestClient client, int from, String name, String requestId) {
        return event(client, from, name, requestId, Duration.ofSeconds(10));
    }

    static String prompt(WsTestClient client, String text) {
        return ok(client.call("llm.send_prompt", Json.object().put("prompt", text))).at("/data/request_id").asText();
    }

    @Test
    void streamsReadsToolsAndProposesWrites() throws Exception {
        try (FakeOpenAiServer model = new FakeOpenAiServer();
             ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--llm-base-url", model.baseUrl(),
                     "--llm-model", "fake-model");
             WsTestClient client = WsTestClient.connect(server.port());
             WsTestClient other = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            other.firstSnapshot();

            // a streamed text answer, to the asking client only
            model.enqueue(FakeOpenAiServer.text(0, "The song ", "is at ", "120 BPM."));
            int from = client.received();
            String rid = prompt(client, "what is the tempo?");
            StringBuilder text = new StringBuilder();
            event(client, from, "llm_done", rid);
            client.messages().subList(from, client.received()).stream()
                    .filter(m -> "llm_delta".equals(m.path("message").asText()))
                    .forEach(m -> text.append(m.at("/data/delta").asText()));
            assertThat(text.toString()).isEqualTo("The song is at 120 BPM.");
            assertThat(other.messages()).noneMatch(m -> m.path("message").asText().startsWith("llm_"));
            JsonNode request = model.requests().get(0);
            assertThat(request.get("model").asText()).isEqualTo("fake-model");
            assertThat(request.get("stream").asBoolean()).isTrue();
            assertThat(request.at("/messages/0/role").asText()).isEqualTo("system");
            assertThat(request.at("/messages/0/content").asText()).contains("Current loaded song: Beatlight Demo");
            assertThat(request.toString()).contains("\"song_overview\"").contains("\"add_cues\"");

            // a read tool is answered from the live show, then the model replies
            model.enqueue(FakeOpenAiServer.toolCall("song_overview", "{}"));
            model.enqueue(FakeOpenAiServer.text(0, "The first chorus starts at 24 s."));
            from = client.received();
            rid = prompt(client, "where is the first chorus?");
            event(client, from, "llm_done", rid);
            JsonNode second = model.requests().get(2);
            assertThat(second.toString()).contains("chorus_1").contains("\"tool\"");
            // the conversation is remembered
            assertThat(second.toString()).contains("what is the tempo?");

            // a write tool becomes a proposal: nothing changes until it is accepted
            Path cueFile = dir.resolve("cues/Beatlight Demo.json");
            String before = Files.readString(cueFile);
            model.enqueue(FakeOpenAiServer.toolCall("add_cues", "{\"entries\":[{\"time\":5.25,\"fixture_id\":"
                    + "\"par_2\",\"effect\":\"fade_in\",\"duration\":0,\"data\":{\"red\":12,\"green\":34,\"blue\":56}}]}"));
            from = client.received();
            rid = prompt(client, "make par 2 a dark teal at 5.25 s");
            JsonNode proposed = event(client, from, "llm_action_proposed", rid);
            event(client, from, "llm_done", rid);
            assertThat(proposed.at("/data/tool_name").asText()).isEqualTo("add_cues");
            assertThat(proposed.at("/data/arguments/entries/0/fixture_id").asText()).isEqualTo("par_2");
            assertThat(Files.readString(cueFile)).isEqualTo(before);
            ok(client.call("llm.confirm_action", Json.object().put("request_id", rid)
                    .put("action_id", proposed.at("/data/action_id").asText())));
            assertThat(Files.readString(cueFile)).contains("5.25");
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 5_250)));
            int red = server.engine().submit(() -> server.engine().fixture("par_2").orElseThrow()
                    .addressOf("red")).get();
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(red) == 12 && p.channel(red + 1) == 34
                    && p.channel(red + 2) == 56, Duration.ofSeconds(3));

            // the model can ask for the whole-show draft: one proposal with the drafted rows
            model.enqueue(FakeOpenAiServer.toolCall("draft_show", "{}"));
            from = client.received();
            rid = prompt(client, "draft a show for this song");
            JsonNode draft = event(client, from, "llm_action_proposed", rid);
            assertThat(draft.at("/data/tool_name").asText()).isEqualTo("replace_cues_in_window");
            assertThat(draft.at("/data/arguments/entries").size()).isGreaterThan(60);
            ok(client.call("llm.reject_action", Json.object().put("request_id", rid)
                    .put("action_id", draft.at("/data/action_id").asText())));

            // rejected: nothing changes
            model.enqueue(FakeOpenAiServer.toolCall("replace_cues_in_window",
                    "{\"start_time\":0,\"end_time\":68,\"entries\":[]}"));
            from = client.received();
            rid = prompt(client, "clear everything");
            proposed = event(client, from, "llm_action_proposed", rid);
            String sheet = Files.readString(cueFile);
            ok(client.call("llm.reject_action", Json.object().put("request_id", rid)
                    .put("action_id", proposed.at("/data/action_id").asText())));
            event(client, from, "llm_action_rejected", rid);
            assertThat(Files.readString(cueFile)).isEqualTo(sheet);
        }
    }

    @Test
    void cancelStopsTheStreamAtOnceAndOneRequestRunsAtATime() throws Exception {
        try (FakeOpenAiServer model = new FakeOpenAiServer();
             ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--llm-base-url", model.baseUrl());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            String[] words = new String[40];
            Arrays.fill(words, "la ");
            model.enqueue(FakeOpenAiServer.text(150, words));
            int from = client.received();
            String rid = prompt(client, "sing");
            event(client, from, "llm_delta", rid);
            fails(client.call("llm.send_prompt", Json.object().put("prompt", "another")), "assistant_busy");
            long cancelled = System.nanoTime();
            JsonNode reply = ok(client.call("llm.cancel", Json.object()));
            assertThat(reply.at("/data/cancelled").asBoolean()).isTrue();
            event(client, from, "llm_cancelled", rid);
            double ms = (System.nanoTime() - cancelled) / 1e6;
            assertThat(ms).isLessThan(200);
            int after = client.received();
            Thread.sleep(600);
            assertThat(client.messages().subList(after, client.received()))
                    .noneMatch(m -> "llm_delta".equals(m.path("message").asText()));
            assertThat(client.messages().stream().filter(m -> "llm_cancelled".equals(m.path("message").asText())))
                    .hasSize(1);
            // the next prompt works
            model.enqueue(FakeOpenAiServer.text(0, "ok"));
            from = client.received();
            rid = prompt(client, "again");
            event(client, from, "llm_done", rid);
        }
    }

    @Test
    void failuresBecomeClearErrorEvents() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FakeOpenAiServer model = new FakeOpenAiServer();
             ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--llm-base-url", model.baseUrl(),
                     "--llm-timeout", "1");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            // garbage on the stream
            model.enqueue(FakeOpenAiServer.garbage());
            int from = client.received();
            String rid = prompt(client, "hello");
            JsonNode error = event(client, from, "llm_error", rid);
            assertThat(error.at("/data/code").asText()).startsWith("assistant_");
            assertThat(error.at("/data/detail").asText()).isNotBlank();
            assertThat(error.at("/data/message").asText()).isNotBlank();

            // an HTTP error from the model server
            model.enqueue(FakeOpenAiServer.httpError(500));
            from = client.received();
            rid = prompt(client, "hello");
            assertThat(event(client, from, "llm_error", rid).at("/data/code").asText())
                    .isEqualTo("assistant_request_failed");

            // a tool call whose arguments are not JSON
            model.enqueue(FakeOpenAiServer.toolCall("add_cues", "{\"entries\": [oops"));
            from = client.received();
            rid = prompt(client, "add something");
            assertThat(event(client, from, "llm_error", rid).at("/data/code").asText())
                    .isEqualTo("malformed_tool_call");

            // a refusal
            model.enqueue(new FakeOpenAiServer.Reply(List.of(Json.write(Json.MAPPER.readTree(
                    "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                    + "\"finish_reason\":\"content_filter\"}]}")), "[DONE]"), 0, 200));
            from = client.received();
            rid = prompt(client, "something forbidden");
            assertThat(event(client, from, "llm_error", rid).at("/data/code").asText()).isEqualTo("assistant_refused");

            // a server that never answers: a timeout, not a hung request
            model.enqueue(FakeOpenAiServer.hang());
            from = client.received();
            long sent = System.nanoTime();
            rid = prompt(client, "hello?");
            JsonNode timeout = event(client, from, "llm_error", rid, Duration.ofSeconds(10));
            assertThat(timeout.at("/data/code").asText()).isEqualTo("assistant_timeout");
            assertThat(timeout.at("/data/retryable").asBoolean()).isTrue();
            assertThat((System.nanoTime() - sent) / 1e9).isLessThan(5);
        }
        // a model server that is down
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--llm-base-url",
                     "http://127.0.0.1:" + closedPort + "/v1");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            int from = client.received();
            String rid = prompt(client, "hello");
            JsonNode error = event(client, from, "llm_error", rid);
            assertThat(error.at("/data/code").asText()).isEqualTo("assistant_request_failed");
            assertThat(error.at("/data/retryable").asBoolean()).isTrue();
        }
    }
}
