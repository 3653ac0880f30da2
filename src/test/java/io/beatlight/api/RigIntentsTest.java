package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rig.* intents over a real WebSocket: validation, address conflicts and the 512 limit, persistence with .bak, the
 * new fixture working at once, removal of a fixture cue rows use, and undo/redo.
 */
@Tag("server")
class RigIntentsTest {
    static final String RGB_GEN = "fixture.parcan.rgb_gen";

    @TempDir
    Path dir;

    static JsonNode ok(JsonNode reply) {
        return ProtocolIntegrationTest.ok(reply);
    }

    static JsonNode fails(JsonNode reply, String code) {
        return ProtocolIntegrationTest.fails(reply, code);
    }

    static JsonNode stateNow(BeatlightServer server) throws Exception {
        try (WsTestClient other = WsTestClient.connect(server.port())) {
            return other.firstSnapshot().get("state");
        }
    }

    static ObjectNode add(String template, int universe, int address) {
        return Json.object().put("template", template).put("universe", universe).put("address", address);
    }

    static ObjectNode rgb(String fixture, String colour) {
        ObjectNode payload = Json.object().put("fixture_id", fixture);
        payload.putObject("values").put("rgb", colour);
        return payload;
    }

    @Test
    void addedFixtureIsSavedWithABackupAndItsCardWorksAtOnce() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = show.fixtures().resolve("fixtures.json");
        String original = Files.readString(file);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ObjectNode payload = add(RGB_GEN, 0, 100).put("id", "par_new").put("name", "New Par");
            payload.putObject("location").put("x", 0.5).put("y", 0.7);
            int before = client.received();
            JsonNode reply = ok(client.call("rig.add_fixture", payload));
            assertThat(reply.at("/data/fixture_id").asText()).isEqualTo("par_new");
            assertThat(reply.at("/data/address").asInt()).isEqualTo(100);
            assertThat(reply.at("/data/last_channel").asInt()).isEqualTo(104);
            assertThat(reply.at("/data/footprint").asInt()).isEqualTo(5);
            assertThat(reply.at("/data/template_written").asBoolean()).isFalse();

            // the patch carrying the new fixture arrived before the reply
            JsonNode patch = client.awaitFrom(before, m -> m.path("type").asText().equals("patch")
                    && m.toString().contains("par_new"), java.time.Duration.ofSeconds(1));
            assertThat(patch.get("seq").asLong()).isEqualTo(reply.get("seq").asLong());
            client.awaitEvent("fixture_added");

            JsonNode saved = JsonFiles.read(file);
            JsonNode row = saved.get(saved.size() - 1);
            assertThat(row.get("id").asText()).isEqualTo("par_new");
            assertThat(row.get("fixture").asText()).isEqualTo(RGB_GEN);
            assertThat(row.get("base_channel").asInt()).isEqualTo(100);
            assertThat(row.at("/location/y").asDouble()).isEqualTo(0.7);
            assertThat(row.at("/location/z").asDouble()).isZero();
            assertThat(Files.readString(file.resolveSibling("fixtures.json.bak"))).isEqualTo(original);

            // the new card works at once: arm values applied, a colour reaches its channels
            JsonNode state = stateNow(server);
            JsonNode fixture = state.at("/fixtures/par_new");
            assertThat(fixture.get("channels").get("red").asInt()).isEqualTo(101);
            assertThat(fixture.get("footprint").asInt()).isEqualTo(5);
            assertThat(fixture.at("/values/dim").asInt()).isEqualTo(255);
            assertThat(fixture.get("supported_effects").size()).isPositive();
            assertThat(state.at("/rig_history/undo").asInt()).isEqualTo(1);
            assertThat(state.at("/rig_history/undo_label").asText()).isEqualTo("add New Par");
            ok(client.call("fixture.set_values", rgb("par_new", "#00FF80")));
            assertThat(stateNow(server).at("/fixtures/par_new/values/rgb").asText()).isEqualTo("#00FF80");

            // a second universe: the fixture gets its own and the live view offers it
            JsonNode other = ok(client.call("rig.add_fixture", add(RGB_GEN, 1, 1)));
            String otherId = other.at("/data/fixture_id").asText();
            assertThat(otherId).isEqualTo("rgb_gen");
            assertThat(other.at("/data/name").asText()).isEqualTo("rgb_gen");
            JsonNode live = ok(client.call("live.subscribe", Json.object().put("monitor_universe", 1)));
            assertThat(live.at("/data/universes/1/universe").asInt()).isEqualTo(1);
            assertThat(stateNow(server).at("/fixtures/" + otherId + "/universe").asInt()).isEqualTo(1);
        }
    }

    @Test
    void invalidPayloadsConflictsAndTheEndOfTheUniverseChangeNothing() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("fixtures.json");
        String original = Files.readString(file);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            assertThat(fails(client.call("rig.add_fixture", Json.object().put("template", RGB_GEN)
                    .put("universe", 0)), ErrorCode.INVALID_PAYLOAD).at("/error/field").asText()).isEqualTo("address");
            fails(client.call("rig.add_fixture", Json.object().put("template", RGB_GEN).put("address", 1)),
                    ErrorCode.INVALID_PAYLOAD);
            for (int address : new int[] {0, 513}) {
                assertThat(fails(client.call("rig.add_fixture", add(RGB_GEN, 0, address)), ErrorCode.INVALID_PAYLOAD)
                        .at("/error/field").asText()).isEqualTo("address");
            }
            assertThat(fails(client.call("rig.add_fixture", add(RGB_GEN, -1, 200)), ErrorCode.INVALID_PAYLOAD)
                    .at("/error/field").asText()).isEqualTo("universe");
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("address", "two hundred")),
                    ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", Json.object().put("universe", 0).put("address", 200)),
                    ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("library_id", "qlc:x/y")),
                    ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("template", 5)), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", add("fixture.parcan.nope", 0, 200)), ErrorCode.UNKNOWN_TEMPLATE);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("id", "parcan_l")),
                    ErrorCode.FIXTURE_EXISTS);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("id", " ")), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("name", "")), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 200).put("location", "front")),
                    ErrorCode.INVALID_PAYLOAD);
            ObjectNode badAxis = add(RGB_GEN, 0, 200);
            badAxis.putObject("location").put("x", "left");
            fails(client.call("rig.add_fixture", badAxis), ErrorCode.INVALID_PAYLOAD);

            // channels 5..9 belong to the head at 1..9: refused, naming it, with the next free address
            JsonNode conflict = fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 5)), ErrorCode.ADDRESS_CONFLICT);
            assertThat(conflict.at("/error/message").asText()).contains("Head EL-150").contains("head_el150")
                    .contains("1..9").contains("next free address is 10");
            assertThat(conflict.at("/error/details/fixture_id").asText()).isEqualTo("head_el150");
            assertThat(conflict.at("/error/details/next_address").asInt()).isEqualTo(10);
            // the gap 10..15 is 6 wide: a 5-channel par fits at 11 but not at 12
            assertThat(ok(client.call("rig.next_address", Json.object().put("footprint", 6))).at("/data/address")
                    .asInt()).isEqualTo(10);
            assertThat(ok(client.call("rig.next_address", Json.object().put("footprint", 7))).at("/data/address")
                    .asInt()).isEqualTo(66);
            assertThat(ok(client.call("rig.next_address", Json.object().put("template", RGB_GEN)))
                    .at("/data/address").asInt()).isEqualTo(10);
            assertThat(fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 12)), ErrorCode.ADDRESS_CONFLICT)
                    .at("/error/details/fixture_id").asText()).isEqualTo("parcan_l");

            // the footprint must end by channel 512
            JsonNode past = fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 509)),
                    ErrorCode.ADDRESS_OUT_OF_RANGE);
            assertThat(past.at("/error/message").asText()).contains("513").contains("512");
            assertThat(past.at("/error/details/last_channel").asInt()).isEqualTo(513);
            assertThat(Files.readString(file)).isEqualTo(original);
            assertThat(Files.exists(file.resolveSibling("fixtures.json.bak"))).isFalse();

            ok(client.call("rig.add_fixture", add(RGB_GEN, 0, 508).put("id", "last")));
            assertThat(stateNow(server).at("/fixtures/last/channels/strobe").asInt()).isEqualTo(512);
            JsonNode full = ok(client.call("rig.next_address", Json.object().put("footprint", 450)));
            assertThat(full.at("/data/address").isNull()).isTrue();
            fails(client.call("rig.next_address", Json.object()), ErrorCode.INVALID_PAYLOAD);
        }
    }

    @Test
    void aTemplateSentWholeIsCheckedThenWrittenWithoutReplacingAnother() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ObjectNode template = Json.object().put("id", "dimmer1").put("type", "dimmer");
            template.putObject("channels").put("dim", 0);
            template.putObject("meta_channels").putObject("dim").put("label", "Dimmer").put("kind", "u8")
                    .put("channel", "intensity");
            ObjectNode payload = Json.object().put("universe", 0).put("address", 200);
            payload.set("template", template);
            JsonNode invalid = fails(client.call("rig.add_fixture", payload), ErrorCode.INVALID_TEMPLATE);
            assertThat(invalid.at("/error/message").asText()).contains("intensity");
            assertThat(invalid.at("/error/details/problems").size()).isPositive();

            ((ObjectNode) template.at("/meta_channels/dim")).put("channel", "dim");
            JsonNode added = ok(client.call("rig.add_fixture", payload));
            assertThat(added.at("/data/template").asText()).isEqualTo("fixture.dimmer.dimmer1");
            assertThat(added.at("/data/template_written").asBoolean()).isTrue();
            assertThat(JsonFiles.read(show.fixtures().resolve("fixture.dimmer.dimmer1.json"))).isEqualTo(template);

            // the same template again is reused; a different one of the same name gets its own file and id
            assertThat(ok(client.call("rig.add_fixture", payload.put("address", 201))).at("/data/template_written")
                    .asBoolean()).isFalse();
            ((ObjectNode) template.get("channels")).put("fan", 1);
            JsonNode second = ok(client.call("rig.add_fixture", payload.put("address", 202)));
            assertThat(second.at("/data/template").asText()).isEqualTo("fixture.dimmer.dimmer1_2");
            assertThat(JsonFiles.read(show.fixtures().resolve("fixture.dimmer.dimmer1_2.json")).get("id").asText())
                    .isEqualTo("dimmer1_2");
            assertThat(JsonFiles.read(show.fixtures().resolve("fixture.dimmer.dimmer1.json")).at("/channels/fan")
                    .isMissingNode()).isTrue();
            assertThat(stateNow(server).at("/fixtures/" + second.at("/data/fixture_id").asText() + "/footprint")
                    .asInt()).isEqualTo(2);
        }
    }

    @Test
    void movesRenamesAndPlacesUndoAndRedoAndPlayingLocksThePatch() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = show.fixtures().resolve("fixtures.json");
        JsonNode original = JsonFiles.read(file);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("fixture.set_values", rgb("parcan_l", "#FF0000")));

            JsonNode conflict = fails(client.call("rig.update_fixture", Json.object().put("id", "parcan_l")
                    .put("address", 20)), ErrorCode.ADDRESS_CONFLICT);
            assertThat(conflict.at("/error/details/fixture_id").asText()).isEqualTo("parcan_r");
            fails(client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("address", 510)),
                    ErrorCode.ADDRESS_OUT_OF_RANGE);
            fails(client.call("rig.update_fixture", Json.object().put("id", "ghost").put("address", 300)),
                    ErrorCode.FIXTURE_NOT_FOUND);
            // overlapping its own old channels is fine
            ok(client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("address", 17)));

            JsonNode moved = ok(client.call("rig.update_fixture", Json.object().put("id", "parcan_l")
                    .put("universe", 0).put("address", 300)));
            assertThat(moved.at("/data/changed").asBoolean()).isTrue();
            JsonNode state = stateNow(server);
            // the moved par keeps its look
            assertThat(state.at("/fixtures/parcan_l/channels/red").asInt()).isEqualTo(301);
            assertThat(state.at("/fixtures/parcan_l/values/rgb").asText()).isEqualTo("#FF0000");
            assertThat(state.at("/fixtures/parcan_l/values/dim").asInt()).isEqualTo(255);

            ok(client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("name", "Left Par")));
            ObjectNode place = Json.object().put("id", "parcan_l");
            place.putObject("location").put("x", 0.9);
            ok(client.call("rig.update_fixture", place));
            JsonNode row = JsonFiles.read(file).get(3);
            assertThat(row.get("name").asText()).isEqualTo("Left Par");
            assertThat(row.get("base_channel").asInt()).isEqualTo(300);
            assertThat(row.at("/location/x").asDouble()).isEqualTo(0.9);
            assertThat(row.at("/location/y").asDouble()).isZero();
            assertThat(ok(client.call("rig.update_fixture", place)).at("/data/changed").asBoolean()).isFalse();

            state = stateNow(server);
            assertThat(state.at("/rig_history/undo").asInt()).isEqualTo(4);
            assertThat(state.at("/rig_history/undo_label").asText()).isEqualTo("place Left Par on stage");
            for (String label : new String[] {"place Left Par on stage", "rename ParCan L", "move ParCan L",
                    "move ParCan L"}) {
                assertThat(ok(client.call("rig.undo", null)).at("/data/label").asText()).isEqualTo(label);
            }
            fails(client.call("rig.undo", null), ErrorCode.NOTHING_TO_UNDO);
            assertThat(JsonFiles.read(file)).isEqualTo(original);
            assertThat(stateNow(server).at("/fixtures/parcan_l/channels/red").asInt()).isEqualTo(17);
            assertThat(stateNow(server).at("/fixtures/parcan_l/values/rgb").asText()).isEqualTo("#FF0000");
            assertThat(ok(client.call("rig.redo", null)).at("/data/label").asText()).isEqualTo("move ParCan L");
            assertThat(JsonFiles.read(file).get(3).get("base_channel").asInt()).isEqualTo(17);

            ok(client.call("transport.play", null));
            fails(client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("address", 400)),
                    ErrorCode.PLAYBACK_ACTIVE);
            fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 400)), ErrorCode.PLAYBACK_ACTIVE);
            fails(client.call("rig.remove_fixture", Json.object().put("id", "parcan_l")), ErrorCode.PLAYBACK_ACTIVE);
            fails(client.call("rig.undo", null), ErrorCode.PLAYBACK_ACTIVE);
            // reading the patch is fine while playing
            ok(client.call("rig.next_address", Json.object().put("footprint", 5)));
        }
    }

    @Test
    void removingAFixtureCueRowsUseNeedsForceAndReportsTheRowsLeftInvalid() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ObjectNode flash = Json.object().put("time", 2.0).put("fixture_id", "parcan_r").put("effect", "flash")
                    .put("duration", 0.5);
            ok(client.call("cue.add", flash));
            JsonNode refused = fails(client.call("rig.remove_fixture", Json.object().put("id", "parcan_r")),
                    ErrorCode.FIXTURE_IN_USE);
            assertThat(refused.at("/error/message").asText()).contains("1 cue row of Song").contains("force");
            assertThat(refused.at("/error/details/invalid_rows/0/effect").asText()).isEqualTo("flash");
            fails(client.call("rig.remove_fixture", Json.object().put("id", "parcan_r").put("force", "yes")),
                    ErrorCode.INVALID_PAYLOAD);
            assertThat(stateNow(server).at("/fixtures/parcan_r").isMissingNode()).isFalse();

            JsonNode removed = ok(client.call("rig.remove_fixture", Json.object().put("id", "parcan_r")
                    .put("force", true)));
            assertThat(removed.at("/data/invalid_rows/0/index").asInt()).isZero();
            assertThat(removed.at("/data/invalid_rows/0/time").asDouble()).isEqualTo(2.0);
            assertThat(removed.at("/data/cue_rows").asInt()).isEqualTo(1);
            client.awaitEvent("fixture_removed");
            JsonNode state = stateNow(server);
            assertThat(state.at("/fixtures/parcan_r").isMissingNode()).isTrue();
            assertThat(state.get("cues").size()).isZero();
            assertThat(state.at("/cue_sheet/invalid_rows").asInt()).isEqualTo(1);
            // the row stays in the cue file, and comes back when the fixture does
            assertThat(Files.readString(dir.resolve("cues/Song.cue.json"))).contains("parcan_r");
            assertThat(JsonFiles.read(show.fixtures().resolve("fixtures.json")).toString()).doesNotContain("parcan_r");
            ok(client.call("rig.undo", null));
            assertThat(stateNow(server).get("cues").size()).isEqualTo(1);

            // a fixture no cue uses goes without force
            ok(client.call("rig.remove_fixture", Json.object().put("id", "parcan_pr")));
            fails(client.call("rig.remove_fixture", Json.object().put("id", "parcan_pr")),
                    ErrorCode.FIXTURE_NOT_FOUND);
        }
    }

    @Test
    void anUnreadableFixturesFileIsNeverOverwritten() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("fixtures.json");
        Files.writeString(file, "[{\"id\": \"par\",");
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            JsonNode reply = fails(client.call("rig.add_fixture", add(RGB_GEN, 0, 1)), ErrorCode.PERSIST_FAILED);
            assertThat(reply.at("/error/message").asText()).contains("fixtures.json");
        }
        assertThat(Files.readString(file)).isEqualTo("[{\"id\": \"par\",");
        assertThat(Files.exists(file.resolveSibling("fixtures.json.bak"))).isFalse();
    }
}
