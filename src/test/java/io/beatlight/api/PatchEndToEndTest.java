package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the library to the wire: a real moving head and a real RGBW par from Debian's qlcplus-data are found by
 * library.search, patched by intent (the par in a second universe), driven through their meta channels with
 * fixture.set_values, and each then plays a cue row; every value is checked on decoded ArtDmx on loopback.
 */
@Tag("server")
class PatchEndToEndTest {
    static final Path ROBIN = FixtureLibrary.QLCPLUS_SYSTEM_DIR.resolve("Robe/Robe-Robin-600E-Spot.qxf");
    static final Path PARTY = FixtureLibrary.QLCPLUS_SYSTEM_DIR.resolve("Eurolite/Eurolite-LED-PARty-RGBW.qxf");

    @TempDir
    Path dir;

    /** Waits until the server has indexed its fixture library. */
    static JsonNode awaitLibrary(BeatlightServer server, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode state = RigIntentsTest.stateNow(server);
            if (state.at("/library/status").asText().equals("ready")) {
                return state.get("library");
            }
            assertThat(state.at("/library/status").asText()).isIn("indexing", "not_indexed");
            assertThat(System.nanoTime()).as("library indexed within %s", timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The one search result whose model is {@code model}. */
    static JsonNode find(WsTestClient client, String query, String manufacturer, String model) {
        JsonNode reply = RigIntentsTest.ok(client.call("library.search", Json.object().put("query", query)
                .put("limit", 20)));
        for (JsonNode entry : reply.at("/data/entries")) {
            if (entry.get("manufacturer").asText().equals(manufacturer) && entry.get("model").asText().equals(model)) {
                return entry;
            }
        }
        throw new AssertionError("no " + manufacturer + " " + model + " in " + reply);
    }

    static int channel(JsonNode modes, String mode) {
        for (JsonNode m : modes) {
            if (m.get("name").asText().equals(mode)) {
                return m.get("channels").asInt();
            }
        }
        throw new AssertionError("no mode " + mode + " in " + modes);
    }

    @Test
    void searchPatchDriveAndCueARealMovingHeadAndAnRgbwPar() throws Exception {
        assumeTrue(Files.isRegularFile(ROBIN) && Files.isRegularFile(PARTY),
                "qlcplus-data is not installed (apt-get install qlcplus-data)");
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            JsonNode library = awaitLibrary(server, Duration.ofSeconds(60));
            assertThat(library.get("fixtures").asInt()).isGreaterThan(1000);

            // search: manufacturer, model, type and each mode's channel count
            JsonNode robin = find(client, "robin 600e spot", "Robe", "Robin 600E Spot (v1.1)");
            assertThat(robin.get("type").asText()).isEqualTo("Moving Head");
            assertThat(channel(robin.get("modes"), "Mode 1")).isEqualTo(32);
            assertThat(channel(robin.get("modes"), "Mode 2")).isEqualTo(25);
            JsonNode party = find(client, "eurolite party rgbw", "Eurolite", "LED PARty RGBW");
            assertThat(channel(party.get("modes"), "6 Channel")).isEqualTo(6);

            // get: the template of each mode, and where it would go (the reference rig ends at 65)
            JsonNode got = RigIntentsTest.ok(client.call("library.get", Json.object().put("id", robin.get("id")
                    .asText())));
            JsonNode mode2 = null;
            for (JsonNode m : got.at("/data/modes")) {
                if (m.get("name").asText().equals("Mode 2")) {
                    mode2 = m;
                }
            }
            assertThat(mode2).isNotNull();
            assertThat(mode2.at("/template/meta_channels/pan/kind").asText()).isEqualTo("u16");
            assertThat(mode2.get("next_address").asInt()).isEqualTo(66);

            // patch both by intent: the head after the reference rig, the par at the start of universe 1
            JsonNode head = RigIntentsTest.ok(client.call("rig.add_fixture", Json.object()
                    .put("library_id", robin.get("id").asText()).put("mode", "Mode 2").put("universe", 0)
                    .put("address", 66).put("id", "spot")));
            assertThat(head.at("/data/last_channel").asInt()).isEqualTo(90);
            assertThat(head.at("/data/template_written").asBoolean()).isTrue();
            assertThat(dir.resolve("fixtures").resolve(head.at("/data/template_file").asText())).exists();
            RigIntentsTest.ok(client.call("rig.add_fixture", Json.object()
                    .put("library_id", party.get("id").asText()).put("mode", "6 Channel").put("universe", 1)
                    .put("address", 1).put("id", "party").put("name", "Party RGBW")));
            JsonNode state = RigIntentsTest.stateNow(server);
            assertThat(state.at("/fixtures/spot/capabilities/pan_tilt").asBoolean()).isTrue();
            assertThat(state.at("/fixtures/spot/supported_effects").toString()).contains("\"seek\"")
                    .contains("\"move_to\"");
            assertThat(state.at("/fixtures/party/capabilities/rgb").asBoolean()).isTrue();
            assertThat(state.at("/fixtures/party/supported_effects").toString()).contains("\"flash\"");

            // meta channels to the wire: 16-bit pan/tilt on 66..69, the dimmer on 90; the par in universe 1
            ObjectNode spot = Json.object().put("fixture_id", "spot");
            spot.putObject("values").put("pan", 0x1234).put("tilt", 0xABCD).put("dim", 200);
            long sent = System.nanoTime();
            RigIntentsTest.ok(client.call("fixture.set_values", spot));
            receiver.awaitDmx(0, sent, p -> p.channel(66) == 0x12 && p.channel(67) == 0x34 && p.channel(68) == 0xAB
                    && p.channel(69) == 0xCD && p.channel(90) == 200, Duration.ofSeconds(2));
            ObjectNode par = Json.object().put("fixture_id", "party");
            par.putObject("values").put("rgb", "#FF8000").put("white", 77).put("dim", 255);
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("fixture.set_values", par));
            ArtNetReceiver.Received seen = receiver.awaitDmx(1, sent, p -> p.channel(1) == 255 && p.channel(2) == 128
                    && p.channel(3) == 0 && p.channel(4) == 77 && p.channel(5) == 255, Duration.ofSeconds(2));
            assertThat(seen.channel(6)).isZero();
            // universe 0 is untouched by the par: the head still holds its values
            receiver.awaitDmx(0, sent, p -> p.channel(66) == 0x12 && p.channel(90) == 200, Duration.ofSeconds(2));

            // a cue row for each renders into the canvas: seek the head, set the par's channels, then show t = 2 s
            ObjectNode seek = Json.object().put("time", 1.0).put("fixture_id", "spot").put("effect", "seek")
                    .put("duration", 0.0);
            seek.putObject("data").put("pan", 40000).put("tilt", 10000);
            RigIntentsTest.ok(client.call("cue.add", seek));
            ObjectNode channels = Json.object().put("time", 1.0).put("fixture_id", "party")
                    .put("effect", "set_channels").put("duration", 0.0);
            channels.putObject("data").putObject("channels").put("red", 11).put("green", 22).put("blue", 33)
                    .put("white", 44);
            RigIntentsTest.ok(client.call("cue.add", channels));
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 2000)));
            receiver.awaitDmx(0, sent, p -> p.channel(66) == 40000 >> 8 && p.channel(67) == (40000 & 255)
                    && p.channel(68) == 10000 >> 8 && p.channel(69) == (10000 & 255), Duration.ofSeconds(2));
            receiver.awaitDmx(1, sent, p -> p.channel(1) == 11 && p.channel(2) == 22 && p.channel(3) == 33
                    && p.channel(4) == 44, Duration.ofSeconds(2));
            // before the rows, the canvas still shows the arm defaults (the par's dimmer at 255)
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 500)));
            receiver.awaitDmx(1, sent, p -> p.channel(1) == 0 && p.channel(4) == 0 && p.channel(5) == 255,
                    Duration.ofSeconds(2));
        }
    }
}
