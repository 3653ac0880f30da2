package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.Limits;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a client can create is bounded (docs/protocol.md#size-limits): a refused request names the field or the
 * limit and changes no file.
 */
@Tag("server")
class SizeLimitsTest {
    @TempDir
    Path dir;

    static JsonNode fails(JsonNode reply, String code) {
        return ProtocolIntegrationTest.fails(reply, code);
    }

    static JsonNode ok(JsonNode reply) {
        return ProtocolIntegrationTest.ok(reply);
    }

    @Test
    void poiIdsNamesRecordsAndCountAreBounded() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("pois.json");
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            String before = Files.readString(file);
            JsonNode longId = fails(client.call("poi.create", Json.object().put("id", "x".repeat(100_000))),
                    ErrorCode.INVALID_PAYLOAD);
            assertThat(longId.at("/error/field").asText()).isEqualTo("id");
            assertThat(longId.toString().length()).isLessThan(2_000); // the id is not echoed back
            fails(client.call("poi.create", Json.object().put("id", "y").put("name", "n".repeat(201))),
                    ErrorCode.INVALID_PAYLOAD);
            JsonNode big = fails(client.call("poi.create", Json.object().put("id", "z")
                    .put("notes", "x".repeat(Limits.MAX_RECORD_CHARS))), ErrorCode.LIMIT_EXCEEDED);
            assertThat(big.at("/error/details/limit").asInt()).isEqualTo(Limits.MAX_RECORD_CHARS);
            assertThat(Files.readString(file)).isEqualTo(before);

            ok(client.call("poi.create", Json.object().put("id", "i".repeat(Limits.MAX_ID_CHARS))
                    .put("name", "n".repeat(Limits.MAX_NAME_CHARS))));
            String created = Files.readString(file);
            fails(client.call("poi.update", Json.object().put("id", "piano").put("name", "n".repeat(201))),
                    ErrorCode.INVALID_PAYLOAD);
            fails(client.call("poi.update", Json.object().put("id", "piano")
                    .put("notes", "x".repeat(Limits.MAX_RECORD_CHARS))), ErrorCode.LIMIT_EXCEEDED);
            assertThat(Files.readString(file)).isEqualTo(created);
        }
    }

    @Test
    void aFullPoiBookRefusesAnotherButStillEdits() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("pois.json");
        ArrayNode pois = Json.array();
        for (int i = 0; i < Limits.MAX_POIS; i++) {
            pois.addObject().put("id", "p" + i).put("name", "P" + i).set("location", Json.object().put("x", 0)
                    .put("y", 0).put("z", 0));
        }
        Files.writeString(file, Json.write(pois));
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            String before = Files.readString(file);
            JsonNode full = fails(client.call("poi.create", Json.object().put("id", "one_more")),
                    ErrorCode.LIMIT_EXCEEDED);
            assertThat(full.at("/error/details/limit").asInt()).isEqualTo(Limits.MAX_POIS);
            assertThat(Files.readString(file)).isEqualTo(before);
            ok(client.call("poi.update", Json.object().put("id", "p7").put("name", "Seven")));
            ok(client.call("poi.delete", Json.object().put("id", "p8")));
            ok(client.call("poi.create", Json.object().put("id", "one_more")));
        }
    }

    @Test
    void cueRowsAreBoundedInSizeAndNumber() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path cues = dir.resolve("cues");
        Files.createDirectories(cues);
        Path file = cues.resolve("Song.cue.json");
        ObjectNode sheet = Json.object().put("song_filename", "Song");
        ArrayNode entries = sheet.putArray("entries");
        for (int i = 0; i < Limits.MAX_CUE_ROWS; i++) {
            entries.addObject().put("time", 1000 + i * 0.01).put("fixture_id", "parcan_l").put("effect", "full")
                    .put("duration", 0).putObject("data");
        }
        Files.writeString(file, Json.write(sheet));
        try (BeatlightServer server = TestServer.start(show.root(), 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            String before = Files.readString(file);
            ObjectNode row = Json.object().put("time", 1.0).put("fixture_id", "parcan_r").put("effect", "full");
            JsonNode full = fails(client.call("cue.add", row), ErrorCode.LIMIT_EXCEEDED);
            assertThat(full.at("/error/details/limit").asInt()).isEqualTo(Limits.MAX_CUE_ROWS);
            assertThat(Files.readString(file)).isEqualTo(before);
            ok(client.call("cue.delete", Json.object().put("index", 0)));
            ok(client.call("cue.add", row));
            ok(client.call("cue.delete", Json.object().put("index", 0)));
            String afterEdits = Files.readString(file);
            JsonNode big = fails(client.call("cue.add", row.deepCopy().put("time", 2.0)
                    .put("created_by", "x".repeat(Limits.MAX_RECORD_CHARS))), ErrorCode.LIMIT_EXCEEDED);
            assertThat(big.at("/error/details/limit").asInt()).isEqualTo(Limits.MAX_RECORD_CHARS);
            assertThat(Files.readString(file)).isEqualTo(afterEdits);
        }
    }

    @Test
    void sectionsAndFixtureIdsAreBounded() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path fixtures = show.fixtures().resolve("fixtures.json");
        Path meta = dir.resolve("meta/Song.json");
        try (BeatlightServer server = TestServer.start(show.root(), 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("song.load", Json.object().put("filename", "Song")));
            String metaBefore = Files.readString(meta);
            ObjectNode payload = Json.object();
            ArrayNode sections = payload.putArray("sections");
            for (int i = 0; i <= Limits.MAX_SECTIONS; i++) {
                sections.addObject().put("name", "s" + i).put("start_s", i * 0.001).put("end_s", i * 0.001);
            }
            fails(client.call("song.save_sections", payload), ErrorCode.LIMIT_EXCEEDED);
            ObjectNode longName = Json.object();
            longName.putArray("sections").addObject().put("name", "n".repeat(Limits.MAX_NAME_CHARS + 1))
                    .put("start_s", 0).put("end_s", 1);
            fails(client.call("song.save_sections", longName), ErrorCode.INVALID_PAYLOAD);
            assertThat(Files.readString(meta)).isEqualTo(metaBefore);

            String fixturesBefore = Files.readString(fixtures);
            JsonNode longId = fails(client.call("rig.add_fixture", Json.object()
                    .put("template", "fixture.parcan.rgb_gen").put("universe", 3).put("address", 1)
                    .put("id", "f".repeat(Limits.MAX_ID_CHARS + 1))), ErrorCode.INVALID_PAYLOAD);
            assertThat(longId.at("/error/field").asText()).isEqualTo("id");
            assertThat(Files.readString(fixtures)).isEqualTo(fixturesBefore);
        }
    }

    @Test
    void startedChaserInstancesAreRememberedUpToALimit() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path chasers = Files.createDirectories(dir.resolve("chasers"));
        Files.writeString(chasers.resolve("lr.json"), """
                {"id": "lr", "name": "L to R", "effects": [{"beat": 0, "fixture_id": "parcan_l", "effect": "full",
                 "duration": 1, "data": {}}]}""");
        try (BeatlightServer server = TestServer.start(show.root(), 9, "--song", "Song");
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            java.util.List<String> started = new java.util.ArrayList<>();
            for (int i = 0; i < Limits.MAX_CHASER_INSTANCES + 5; i++) {
                started.add(ok(client.call("chaser.start", Json.object().put("chaser_id", "lr")))
                        .at("/data/instance_id").asText());
            }
            assertThat(started).doesNotHaveDuplicates();
            // the oldest are forgotten; the latest can still be stopped
            fails(client.call("chaser.stop", Json.object().put("instance_id", started.get(0))),
                    ErrorCode.UNKNOWN_INSTANCE_ID);
            ok(client.call("chaser.stop", Json.object().put("instance_id", started.get(started.size() - 1))));
            ok(client.call("chaser.stop", Json.object().put("instance_id", started.get(5))));
        }
    }
}
