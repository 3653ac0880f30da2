package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.beatlight.protocol.ErrorCode;
import org.junit.jupiter.api.Tag;

/** cue.*, previews and chasers end to end: files, state, and the Art-Net they produce. */
@Tag("server")
class CueIntentsTest {
    @TempDir
    Path dir;

    static final String SEED_SHEET = """
            {"song_filename": "Song", "meta": {"author": "me"},
             "entries": [{"time": 2.0, "fixture_id": "parcan_r", "effect": "full", "duration": 0, "data": {},
                          "comment": "keep me"},
                         {"time": -1, "fixture_id": "parcan_r", "effect": "full"},
                         {"time": 3.0, "fixture_id": "ghost", "effect": "full"}]}""";

    ObjectNode flash(double time) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", "parcan_l").put("effect", "FLASH")
                .put("duration", 0.5);
        row.putObject("data");
        return row;
    }

    @Test
    void addUpdateDeleteClearAndTheWire() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path cues = dir.resolve("cues");
        Files.createDirectories(cues);
        Path file = cues.resolve("Song.cue.json");
        Files.writeString(file, SEED_SHEET);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode state = client.firstSnapshot().get("state");
            assertThat(state.get("cues")).hasSize(1);
            assertThat(state.at("/cue_sheet/render_version").asInt()).isEqualTo(1);
            assertThat(state.at("/cue_sheet/invalid_rows").asInt()).isEqualTo(2);
            assertThat(state.at("/fixtures/parcan_l/supported_effects").toString()).contains("\"flash\"")
                    .contains("\"schema\"");

            JsonNode added = ok(client.call("cue.add", flash(1.0)));
            assertThat(added.at("/data/entry/effect").asText()).isEqualTo("flash");
            assertThat(added.at("/data/index").asInt()).isZero();
            client.awaitEvent("cue_added");
            JsonNode saved = JsonFiles.read(file);
            assertThat(saved.at("/meta/author").asText()).isEqualTo("me");
            assertThat(saved.get("entries")).hasSize(4);
            assertThat(saved.toString()).contains("keep me").contains("ghost");
            assertThat(Files.readString(cues.resolve("Song.cue.json.bak"))).isEqualTo(SEED_SHEET);

            // the canvas shows the new cue: a white flash at 1 s (v1), fading over half a second
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 1000)));
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(17) == 255 && p.channel(18) == 255
                    && p.channel(19) == 255, Duration.ofSeconds(2));
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 1250)));
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(17) == 128, Duration.ofSeconds(2));

            // de-duplication: the same cue 50 ms later replaces it
            JsonNode again = ok(client.call("cue.add", flash(1.05)));
            assertThat(again.at("/data/replaced").asInt()).isEqualTo(1);
            assertThat(JsonFiles.read(file).get("entries")).hasSize(4);

            fails(client.call("cue.add", Json.object().put("time", -1).put("fixture_id", "parcan_l")
                    .put("effect", "flash")), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("cue.add", Json.object().put("time", 1).put("fixture_id", "nobody")
                    .put("effect", "flash")), ErrorCode.FIXTURE_NOT_FOUND);
            fails(client.call("cue.add", Json.object().put("time", 1).put("fixture_id", "parcan_l")
                    .put("effect", "sweep")), ErrorCode.EFFECT_NOT_SUPPORTED);
            fails(client.call("cue.add", Json.object().put("time", 1).put("fixture_id", "parcan_l")
                    .put("effect", "flash").put("chaser_id", "x")), ErrorCode.INVALID_PAYLOAD);
            ObjectNode badData = flash(4);
            badData.putObject("data").put("channels", "red");
            fails(client.call("cue.add", badData), ErrorCode.INVALID_PAYLOAD);

            ObjectNode guard = Json.object().put("time", 9.0).put("fixture_id", "parcan_l");
            ObjectNode update = Json.object().put("index", 0);
            update.set("patch", Json.object().put("duration", 1.0));
            update.set("expect", guard);
            fails(client.call("cue.update", update), ErrorCode.CUE_CONFLICT);
            guard.put("time", 1.05);
            JsonNode updated = ok(client.call("cue.update", update));
            assertThat(updated.at("/data/entry/duration").asDouble()).isEqualTo(1.0);
            fails(client.call("cue.delete", Json.object().put("index", 7)), ErrorCode.CUE_INDEX_OUT_OF_RANGE);
            fails(client.call("cue.update", Json.object().put("index", 0).set("patch", Json.object())),
                    ErrorCode.INVALID_PAYLOAD);
            ok(client.call("cue.delete", Json.object().put("index", 0)));
            assertThat(JsonFiles.read(file).get("entries")).hasSize(3);

            JsonNode cleared = ok(client.call("cue.clear_all", null));
            assertThat(cleared.at("/data/removed").asInt()).isEqualTo(1);
            JsonNode afterClear = JsonFiles.read(file);
            assertThat(afterClear.get("entries")).hasSize(2); // the invalid rows stay, verbatim
            assertThat(Files.exists(file)).isTrue();

            JsonNode exported = ok(client.call("cue.export_dmx", null));
            Path dmx = Path.of(exported.at("/data/dmx_binary_path").asText());
            byte[] bytes = Files.readAllBytes(dmx);
            ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(new String(bytes, 0, 4)).isEqualTo("DMXP");
            assertThat(header.getShort(4)).isEqualTo((short) 1);
            assertThat(header.getInt(8)).isEqualTo(601);
            assertThat(header.getInt(12)).isEqualTo(60);
            assertThat(bytes.length).isEqualTo(32 + 516 * 601);
        }
    }

    @Test
    void anUnreadableSheetIsLeftAloneUntilReloaded() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        Path cues = dir.resolve("cues");
        Files.createDirectories(cues);
        Path file = cues.resolve("Song.json");
        Files.writeString(file, "[{\"time\": 1,");
        try (BeatlightServer server = TestServer.start(show.root(), 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode state = client.firstSnapshot().get("state");
            assertThat(state.at("/cue_sheet/read_only").asBoolean()).isTrue();
            assertThat(state.get("song").isNull()).isFalse();
            fails(client.call("cue.add", flash(1)), ErrorCode.CUE_SHEET_UNREADABLE);
            fails(client.call("cue.reload", null), ErrorCode.CUE_SHEET_UNREADABLE);
            assertThat(Files.readString(file)).isEqualTo("[{\"time\": 1,");
            Files.writeString(file, "[{\"time\": 1, \"fixture_id\": \"parcan_l\", \"effect\": \"full\"}, 5]");
            JsonNode reloaded = ok(client.call("cue.reload", null));
            assertThat(reloaded.at("/data/count").asInt()).isEqualTo(1);
            JsonNode warnings = client.awaitEvent("cue_sheet_warnings");
            assertThat(warnings.at("/data/problems/0/index").asInt()).isEqualTo(1);
            ok(client.call("cue.add", flash(2)));
            JsonNode saved = JsonFiles.read(file);
            assertThat(saved.isArray()).isTrue();
            assertThat(saved).hasSize(3);
        }
    }

    @Test
    void previewsPlayOnOutputAndLeaveTheirLastFrame() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ObjectNode values = Json.object().put("fixture_id", "parcan_pl");
            values.set("values", Json.object().put("rgb", "#0000FF"));
            ok(client.call("fixture.set_values", values));
            ObjectNode preview = Json.object().put("fixture_id", "parcan_pl").put("effect_id", "flash")
                    .put("duration_ms", 300);
            JsonNode started = ok(client.call("fixture.preview_effect", preview));
            client.awaitEvent("preview_started");
            // a new song's sheet renders with v2: a white flash whose dimmer decays...
            receiver.awaitDmx(0, p -> p.channel(29) == 255 && p.channel(30) == 255 && p.channel(31) == 255);
            JsonNode finished = client.awaitEvent("preview_finished");
            assertThat(finished.at("/data/requestId").asText()).isEqualTo(started.at("/data/requestId").asText());
            // ...and that ends on the look from before it: the last clip frame stays on output
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(28) == 255 && p.channel(29) == 0
                    && p.channel(31) == 255, Duration.ofSeconds(2));
            fails(client.call("fixture.preview_effect", Json.object().put("fixture_id", "parcan_pl")
                    .put("effect_id", "sweep")), ErrorCode.EFFECT_NOT_SUPPORTED);
            client.awaitEvent("preview_rejected");
            fails(client.call("fixture.preview_effect", Json.object().put("fixture_id", "parcan_pl")
                    .put("effect_id", "flash").put("duration_ms", 0)), ErrorCode.INVALID_DURATION);
            ok(client.call("transport.play", null));
            fails(client.call("fixture.preview_effect", preview), ErrorCode.PLAYBACK_ACTIVE);
            ok(client.call("transport.pause", null));
            JsonNode ignored = ok(client.call("fixture.stop_preview", null));
            assertThat(ignored.at("/data/stopped").asBoolean()).isFalse();
            client.awaitEvent("preview_stop_ignored");
            ok(client.call("fixture.preview_effect", preview.put("duration_ms", 5000)));
            JsonNode stopped = ok(client.call("fixture.stop_preview", null));
            assertThat(stopped.at("/data/stopped").asBoolean()).isTrue();
            client.awaitEvent("preview_stopped");
            assertThat(List.of(1)).isNotEmpty();
        }
    }

    @Test
    void chasersApplyAsCueRowsAndPreview() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path chasers = dir.resolve("chasers");
        Files.createDirectories(chasers);
        Files.writeString(chasers.resolve("lr.json"), """
                {"id": "lr", "name": "L to R", "description": "d",
                 "effects": [{"beat": 0, "fixture_id": "parcan_l", "effect": "full", "duration": 1, "data": {}},
                             {"beat": 1, "fixture_id": "parcan_r", "effect": "full", "duration": 1, "data": {}}]}""");
        try (BeatlightServer server = TestServer.start(show.root(), 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(client.firstSnapshot().at("/state/chasers/0/id").asText()).isEqualTo("lr");
            JsonNode listed = ok(client.call("chaser.list", null));
            assertThat(listed.at("/data/chasers")).hasSize(1);
            JsonNode applied = ok(client.call("chaser.apply", Json.object().put("chaser_id", "LR")
                    .put("start_time_ms", 500).put("repetitions", 2)));
            assertThat(applied.at("/data/entry/chaser_id").asText()).isEqualTo("lr");
            assertThat(JsonFiles.read(dir.resolve("cues/Song.cue.json")).at("/entries/0/data/repetitions").asInt())
                    .isEqualTo(2);
            fails(client.call("chaser.apply", Json.object().put("chaser_id", "nope")), ErrorCode.UNKNOWN_CHASER);
            JsonNode start = ok(client.call("chaser.start", Json.object().put("chaser_id", "lr")));
            ok(client.call("chaser.stop", Json.object().put("instance_id", start.at("/data/instance_id").asText())));
            fails(client.call("chaser.stop", Json.object().put("instance_id", "x")), ErrorCode.UNKNOWN_INSTANCE_ID);
            JsonNode preview = ok(client.call("chaser.preview", Json.object().put("chaser_id", "lr")));
            assertThat(preview.at("/data/entries").asInt()).isEqualTo(2);
            client.awaitEvent("chaser_preview_finished");
            JsonNode ignored = ok(client.call("chaser.stop_preview", null));
            assertThat(ignored.at("/data/stopped").asBoolean()).isFalse();
        }
    }
}
