package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.api.ws.ProtocolHandler;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.StateDocument;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /ws control plane against the real server: envelopes, replies, patches, validation. */
@Tag("server")
class ProtocolIntegrationTest {
    @TempDir
    static Path dir;
    static BeatlightServer server;
    WsTestClient client;

    @BeforeAll
    static void startServer() throws Exception {
        TestShow.withReferenceRig(dir).song("Song A", 20, 120,
                "{\"intro\": [0, 4], \"verse\": [4, 12], \"chorus\": [12, 20]}");
        server = TestServer.start(dir, 9);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = WsTestClient.connect(server.port());
        client.firstSnapshot();
        // leave every test in the same idle state
        ok(client.call("transport.stop", null));
        ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 0)));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    static JsonNode ok(JsonNode reply) {
        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        return reply;
    }

    static JsonNode fails(JsonNode reply, String code) {
        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isFalse();
        assertThat(reply.path("error").path("code").asText()).as("reply %s", reply).isEqualTo(code);
        assertThat(reply.path("error").path("message").asText()).isNotBlank();
        return reply;
    }

    JsonNode stateNow() throws Exception {
        try (WsTestClient other = WsTestClient.connect(server.port())) {
            return other.firstSnapshot().get("state");
        }
    }

    ObjectNode setValues(String fixture, ObjectNode values) {
        ObjectNode payload = Json.object().put("fixture_id", fixture);
        payload.set("values", values);
        return payload;
    }

    @Test
    void firstMessageIsASnapshotWithEveryKeyAndHelloSendsAnother() {
        List<JsonNode> before = client.messages();
        JsonNode first = before.get(0);
        assertThat(first.get("type").asText()).isEqualTo("snapshot");
        for (String key : StateDocument.KEYS) {
            assertThat(first.get("state").has(key)).as(key).isTrue();
        }
        JsonNode state = first.get("state");
        assertThat(state.get("fixtures").size()).isEqualTo(7);
        assertThat(state.at("/fixtures/parcan_l/capabilities/rgb").asBoolean()).isTrue();
        assertThat(state.at("/fixtures/head_el150/capabilities/pan_tilt").asBoolean()).isTrue();
        assertThat(state.at("/fixtures/head_el150/meta_channels/pan/kind").asText()).isEqualTo("u16");
        assertThat(state.at("/fixtures/head_el150/meta_channels/pan/hidden").isBoolean()).isTrue();
        assertThat(state.at("/song/filename").asText()).isEqualTo("Song A");
        assertThat(state.at("/song/audio_url").asText()).isEqualTo("/songs/Song%20A.wav");
        assertThat(state.at("/song/sections").size()).isEqualTo(3);
        client.hello();
        JsonNode second = client.await(m -> m.path("type").asText().equals("snapshot") && m != first,
                Duration.ofSeconds(5));
        assertThat(second.get("seq").asLong()).isGreaterThanOrEqualTo(first.get("seq").asLong());
    }

    @Test
    void setValuesRgbReachesStateWithAPatchBeforeTheReply() {
        JsonNode reply = ok(client.call("fixture.set_values",
                setValues("parcan_l", Json.object().put("rgb", "#ff8000").put("dim", 200))));
        assertThat(reply.at("/data/applied/rgb").asText()).isEqualTo("#FF8000");
        assertThat(reply.at("/data/applied/dim").asInt()).isEqualTo(200);
        long seq = reply.get("seq").asLong();
        List<JsonNode> messages = client.messages();
        int replyAt = messages.indexOf(reply);
        JsonNode patch = messages.stream().filter(m -> m.path("type").asText().equals("patch")
                && m.get("seq").asLong() == seq).findFirst().orElseThrow();
        assertThat(messages.indexOf(patch)).isLessThan(replyAt);
        JsonNode change = patch.get("changes").get(0);
        assertThat(change.get("path").toString()).isEqualTo("[\"fixtures\",\"parcan_l\",\"values\"]");
        assertThat(change.at("/value/rgb").asText()).isEqualTo("#FF8000");
        assertThat(change.at("/value/dim").asInt()).isEqualTo(200);
    }

    @Test
    void setValuesCoversEveryMetaKind() throws Exception {
        ok(client.call("fixture.set_values", setValues("head_el150", Json.object()
                .put("pan", 43693).put("tilt", "5898").put("color", "cyan").put("gobo", 25).put("speed", 12.9))));
        ok(client.call("fixture.set_values", setValues("parcan_r", Json.object().put("rgb", "Magenta")
                .put("program", 7))));
        JsonNode fixtures = stateNow().get("fixtures");
        assertThat(fixtures.at("/head_el150/values/pan").asInt()).isEqualTo(43693);
        assertThat(fixtures.at("/head_el150/values/tilt").asInt()).isEqualTo(5898);
        assertThat(fixtures.at("/head_el150/values/color").asText()).isEqualTo("Cyan");
        assertThat(fixtures.at("/head_el150/values/gobo").asText()).isEqualTo("Tunnel");
        assertThat(fixtures.at("/head_el150/values/speed").asInt()).isEqualTo(12);
        assertThat(fixtures.at("/parcan_r/values/rgb").asText()).isEqualTo("#FF00FF");
    }

    @Test
    void badSetValuesIsRejectedWholeAndChangesNothing() throws Exception {
        JsonNode before = stateNow().get("fixtures");
        List<ObjectNode> bad = new ArrayList<>();
        bad.add(Json.object().put("dim", 300));
        bad.add(Json.object().put("dim", -1));
        bad.add(Json.object().put("dim", "abc"));
        bad.add(Json.object().put("dim", true));
        bad.add((ObjectNode) Json.object().set("dim", Json.array()));
        bad.add(Json.object().put("rgb", "FF8000"));
        bad.add(Json.object().put("rgb", "#FF80"));
        bad.add(Json.object().put("rgb", "ultraviolet"));
        bad.add(Json.object().put("red", 10));
        bad.add(Json.object().put("nonexistent", 10));
        bad.add(Json.object().put("dim", 10).put("rgb", "nope"));
        for (ObjectNode values : bad) {
            JsonNode reply = fails(client.call("fixture.set_values", setValues("parcan_l", values)),
                    ErrorCode.INVALID_PAYLOAD);
            assertThat(reply.at("/error/field").asText()).startsWith("values.");
        }
        fails(client.call("fixture.set_values", setValues("head_el150", Json.object().put("pan", 70000))),
                ErrorCode.INVALID_PAYLOAD);
        fails(client.call("fixture.set_values", setValues("head_el150", Json.object().put("color", "Plaid"))),
                ErrorCode.INVALID_PAYLOAD);
        fails(client.call("fixture.set_values", setValues("nobody", Json.object().put("dim", 1))),
                ErrorCode.FIXTURE_NOT_FOUND);
        fails(client.call("fixture.set_values", Json.object().put("fixture_id", "parcan_l").put("values", 5)),
                ErrorCode.INVALID_PAYLOAD);
        fails(client.call("fixture.set_values", Json.object().put("values", 5)), ErrorCode.INVALID_PAYLOAD);
        assertThat(stateNow().get("fixtures")).isEqualTo(before);
    }

    @Test
    void malformedEnvelopesGetErrorsAndTheConnectionStaysUsable() {
        client.sendText("{not json");
        JsonNode invalid = client.await(m -> m.path("type").asText().equals("reply")
                && m.at("/error/code").asText().equals(ErrorCode.INVALID_JSON), Duration.ofSeconds(5));
        assertThat(invalid.get("ok").asBoolean()).isFalse();
        client.awaitEvent("invalid_json");
        for (String text : List.of("[1,2]", "5", "\"hello\"", "null", "{}", "{\"type\": 7}", "{\"type\": \"bogus\"}")) {
            client.sendText(text);
        }
        client.await(m -> m.at("/data/type").asText().equals("bogus"), Duration.ofSeconds(5));
        // requests are answered in order: once a later call is answered, every earlier reply has arrived
        ok(client.call("transport.pause", null));
        long unsupported = client.messages().stream().filter(m -> m.at("/error/code").asText()
                .equals(ErrorCode.UNSUPPORTED_MESSAGE_TYPE)).count();
        assertThat(unsupported).isEqualTo(7);
        fails(client.call("no.such.intent", null), ErrorCode.UNKNOWN_INTENT);
        client.awaitEvent("unknown_intent");
        client.sendText("{\"type\":\"intent\",\"req_id\":\"p1\",\"name\":\"transport.pause\",\"payload\":[1]}");
        fails(client.reply("p1"), ErrorCode.INVALID_PAYLOAD);
        client.sendText("{\"type\":\"intent\",\"name\":\"transport.pause\"}");
        JsonNode generated = client.await(m -> m.path("req_id").asText().startsWith("srv-"), Duration.ofSeconds(5));
        assertThat(generated.get("ok").asBoolean()).isTrue();
        ok(client.call("transport.pause", null));
    }

    @Test
    void oversizedMessageIsRefusedButTheConnectionStays() {
        String big = "{\"type\":\"intent\",\"name\":\"x\",\"pad\":\"" + "a".repeat(ProtocolHandler.MAX_MESSAGE_CHARS)
                + "\"}";
        client.sendText(big);
        client.await(m -> m.at("/error/code").asText().equals(ErrorCode.MESSAGE_TOO_LARGE), Duration.ofSeconds(10));
        ok(client.call("transport.pause", null));
    }

    @Test
    void binaryFrameClosesWith1003() throws Exception {
        try (WsTestClient other = WsTestClient.connect(server.port())) {
            other.firstSnapshot();
            other.sendBinary(new byte[] {1, 2, 3});
            assertThat(other.awaitClose(Duration.ofSeconds(5))).isEqualTo(1003);
        }
        ok(client.call("transport.pause", null));
    }

    @Test
    void editsAreRejectedWhilePlayingAndOutputIsUnchanged() throws Exception {
        ok(client.call("fixture.set_values", setValues("parcan_l", Json.object().put("rgb", "#102030"))));
        ok(client.call("transport.play", null));
        JsonNode reply = fails(client.call("fixture.set_values", setValues("parcan_l",
                Json.object().put("rgb", "#FFFFFF"))), ErrorCode.PLAYBACK_ACTIVE);
        assertThat(reply.at("/error/message").asText()).contains("playing");
        JsonNode state = stateNow();
        assertThat(state.at("/system/edit_lock").asBoolean()).isTrue();
        // while playing the output is the canvas (this song has no cues: the arm defaults), and stays so
        assertThat(state.at("/fixtures/parcan_l/values/rgb").asText()).isEqualTo("#000000");
        assertThat(state.at("/fixtures/parcan_l/values/dim").asInt()).isEqualTo(255);
        ok(client.call("transport.pause", null));
    }

    @Test
    void transportPlaysPausesStopsAndSeeks() throws Exception {
        JsonNode play = ok(client.call("transport.play", null));
        assertThat(play.at("/data/state").asText()).isEqualTo("playing");
        client.awaitEvent("transport_trace");
        Thread.sleep(600);
        JsonNode playing = stateNow();
        assertThat(playing.at("/playback/state").asText()).isEqualTo("playing");
        assertThat(playing.at("/playback/time_ms").asLong()).isBetween(300L, 3000L);
        assertThat(playing.at("/system/show_state").asText()).isEqualTo("running");
        JsonNode pause = ok(client.call("transport.pause", null));
        assertThat(pause.at("/data/state").asText()).isEqualTo("paused");
        long pausedAt = pause.at("/data/time_ms").asLong();
        Thread.sleep(100);
        assertThat(stateNow().at("/playback/time_ms").asLong()).isEqualTo(pausedAt);
        JsonNode seek = ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 13_000)));
        assertThat(seek.at("/data/time_ms").asLong()).isEqualTo(13_000);
        assertThat(stateNow().at("/playback/section_name").asText()).isEqualTo("chorus");
        ok(client.call("transport.jump_to_time", Json.object().put("time_ms", -50)));
        assertThat(stateNow().at("/playback/state").asText()).isEqualTo("stopped");
        ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 999_999)));
        assertThat(stateNow().at("/playback/time_ms").asLong()).isEqualTo(20_000);
        JsonNode stop = ok(client.call("transport.stop", null));
        assertThat(stop.at("/data/state").asText()).isEqualTo("stopped");
        JsonNode stopped = stateNow();
        assertThat(stopped.at("/fixtures/parcan_l/values/dim").asInt()).isZero();
        assertThat(stopped.at("/fixtures/head_el150/values/shutter").asInt()).isZero();
    }

    @Test
    void jumpToTimeValidatesItsPayload() {
        fails(client.call("transport.jump_to_time", Json.object()), ErrorCode.INVALID_PAYLOAD);
        client.awaitEvent("invalid_time_ms");
        fails(client.call("transport.jump_to_time", Json.object().put("time_ms", "soon")), ErrorCode.INVALID_PAYLOAD);
        fails(client.call("transport.jump_to_time", Json.object().put("time_ms", 5).put("sync", "yes")),
                ErrorCode.INVALID_PAYLOAD);
        ok(client.call("transport.jump_to_time", Json.object().put("time_ms", "1500")));
    }

    @Test
    void jumpToSectionByIndexAndName() throws Exception {
        JsonNode reply = ok(client.call("transport.jump_to_section", Json.object().put("section_index", 1)));
        assertThat(reply.at("/data/time_ms").asLong()).isEqualTo(4000);
        ok(client.call("transport.jump_to_section", Json.object().put("section", "CHORUS")));
        assertThat(stateNow().at("/playback/time_ms").asLong()).isEqualTo(12_000);
        JsonNode out = fails(client.call("transport.jump_to_section", Json.object().put("section_index", 3)),
                ErrorCode.SECTION_INDEX_OUT_OF_RANGE);
        assertThat(out.at("/error/details/section_count").asInt()).isEqualTo(3);
        fails(client.call("transport.jump_to_section", Json.object().put("section_index", -1)),
                ErrorCode.INVALID_PAYLOAD);
    }

    @Test
    void setArmValidatesAndReportsTheFlag() throws Exception {
        ok(client.call("fixture.set_arm", Json.object().put("fixture_id", "parcan_r").put("armed", false)));
        assertThat(stateNow().at("/fixtures/parcan_r/armed").asBoolean()).isFalse();
        fails(client.call("fixture.set_arm", Json.object().put("fixture_id", "parcan_r").put("armed", "false")),
                ErrorCode.INVALID_PAYLOAD);
        fails(client.call("fixture.set_arm", Json.object().put("armed", true)), ErrorCode.INVALID_PAYLOAD);
        client.awaitEvent("fixture_id_required");
        fails(client.call("fixture.set_arm", Json.object().put("fixture_id", "ghost").put("armed", true)),
                ErrorCode.FIXTURE_NOT_FOUND);
        ok(client.call("fixture.set_arm", Json.object().put("fixture_id", "parcan_r").put("armed", true)));
    }

    @Test
    void everyClientGetsTheSamePatchWithContiguousSeqs() throws Exception {
        List<WsTestClient> others = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WsTestClient other = WsTestClient.connect(server.port());
                other.firstSnapshot();
                others.add(other);
            }
            JsonNode reply = ok(client.call("fixture.set_values", setValues("parcan_pl",
                    Json.object().put("rgb", "#010203"))));
            long seq = reply.get("seq").asLong();
            for (WsTestClient other : others) {
                JsonNode patch = other.await(m -> m.path("type").asText().equals("patch")
                        && m.get("seq").asLong() == seq, Duration.ofSeconds(5));
                assertThat(patch.toString()).contains("#010203");
                long snapshotSeq = other.firstSnapshot().get("seq").asLong();
                long expected = snapshotSeq + 1;
                for (JsonNode m : other.messages()) {
                    if (m.path("type").asText().equals("patch")) {
                        assertThat(m.get("seq").asLong()).isEqualTo(expected++);
                    }
                }
            }
        } finally {
            others.forEach(WsTestClient::close);
        }
    }

    @Test
    void songListAndLoadValidateNames() {
        JsonNode list = ok(client.call("song.list", null));
        assertThat(list.at("/data/songs/0").asText()).isEqualTo("Song A");
        client.awaitEvent("song_list");
        fails(client.call("song.load", Json.object()), ErrorCode.INVALID_PAYLOAD);
        fails(client.call("song.load", Json.object().put("filename", "../fixtures/pois")), ErrorCode.UNKNOWN_SONG);
        fails(client.call("song.load", Json.object().put("filename", "Nope")), ErrorCode.UNKNOWN_SONG);
        client.awaitEvent("song_load_failed");
        JsonNode loaded = ok(client.call("song.load", Json.object().put("filename", "Song A")));
        assertThat(loaded.at("/data/filename").asText()).isEqualTo("Song A");
        client.awaitEvent("song_loaded");
    }
}
