package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poi.* intents: validation, persistence with backup, no internal keys, unreadable files left alone. */
@Tag("server")
class PoiIntentsTest {
    @TempDir
    Path dir;

    static JsonNode ok(JsonNode reply) {
        return ProtocolIntegrationTest.ok(reply);
    }

    static JsonNode fails(JsonNode reply, String code) {
        return ProtocolIntegrationTest.fails(reply, code);
    }

    @Test
    void createUpdateTargetAndDeleteArePersisted() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("pois.json");
        String original = Files.readString(file);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            JsonNode created = ok(client.call("poi.create", Json.object().put("id", "drums").put("name", "Drums")
                    .put("color", "red").put("_req_id", "leak")));
            assertThat(created.at("/data/poi/location/x").asDouble()).isZero();
            JsonNode saved = JsonFiles.read(file);
            JsonNode drums = saved.get(saved.size() - 1);
            assertThat(drums.get("id").asText()).isEqualTo("drums");
            assertThat(drums.get("color").asText()).isEqualTo("red");
            assertThat(drums.has("_req_id")).isFalse();
            assertThat(Files.readString(file.resolveSibling("pois.json.bak"))).isEqualTo(original);

            fails(client.call("poi.create", Json.object().put("id", "DRUMS")), ErrorCode.POI_EXISTS);
            fails(client.call("poi.create", Json.object().put("id", "x").put("location", "here")),
                    ErrorCode.INVALID_PAYLOAD);

            ok(client.call("poi.update_fixture_target", Json.object().put("poi_id", "drums")
                    .put("fixture_id", "head_el150").put("pan", 1000).put("tilt", 2000)));
            assertThat(JsonFiles.read(file).toString()).contains("\"head_el150\":{\"pan\":1000,\"tilt\":2000}");
            fails(client.call("poi.update_fixture_target", Json.object().put("poi_id", "drums")
                    .put("fixture_id", "head_el150").put("pan", "left").put("tilt", 2000)), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("poi.update_fixture_target", Json.object().put("poi_id", "drums")
                    .put("fixture_id", "head_el150").put("pan", 70000).put("tilt", 2000)), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("poi.update_fixture_target", Json.object().put("poi_id", "nope")
                    .put("fixture_id", "head_el150").put("pan", 1).put("tilt", 2)), ErrorCode.POI_NOT_FOUND);
            fails(client.call("poi.update_fixture_target", Json.object().put("poi_id", "drums")
                    .put("fixture_id", "ghost").put("pan", 1).put("tilt", 2)), ErrorCode.FIXTURE_NOT_FOUND);

            JsonNode updated = ok(client.call("poi.update", Json.object().put("id", "drums").put("name", "Drum kit")));
            assertThat(updated.at("/data/poi/fixtures/head_el150/pan").asInt()).isEqualTo(1000);
            JsonNode state = client.await(m -> m.toString().contains("Drum kit") && m.path("type").asText()
                    .equals("patch"), Duration.ofSeconds(5));
            assertThat(state.toString()).contains("pois");

            ok(client.call("poi.delete", Json.object().put("id", "drums")));
            assertThat(JsonFiles.read(file).toString()).doesNotContain("drums");
            fails(client.call("poi.delete", Json.object().put("id", "drums")), ErrorCode.POI_NOT_FOUND);
        }
    }

    @Test
    void anUnparsablePoiFileIsNeverOverwritten() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("pois.json");
        Files.writeString(file, "[{\"id\": \"piano\",");
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            JsonNode reply = fails(client.call("poi.create", Json.object().put("id", "drums")),
                    ErrorCode.PERSIST_FAILED);
            assertThat(reply.at("/error/message").asText()).contains("pois.json");
        }
        assertThat(Files.readString(file)).isEqualTo("[{\"id\": \"piano\",");
        assertThat(Files.exists(file.resolveSibling("pois.json.bak"))).isFalse();
    }
}
