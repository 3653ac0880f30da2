package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controls of library fixtures the reference could not drive, from intent to wire: a CMY spot whose rgb control
 * takes and reads back additive colours while its flags get 255 − each component, and an 8-bit scanner with the
 * pan_tilt capability and the movement effects.
 */
@Tag("server")
class ImportedFixtureControlsTest {
    // the spot at 66 (dimmer 71, cyan 75, magenta 76, yellow 77); the scanner at 100 (pan 104, tilt 105)
    static final int DIM = 71;
    static final int CYAN = 75;
    static final int MAGENTA = 76;
    static final int YELLOW = 77;
    static final int PAN = 104;
    static final int TILT = 105;

    @TempDir
    Path dir;

    @Test
    void aCmySpotAndAnEightBitScannerFromTheLibrary() throws Exception {
        assertThat(FixtureLibrary.QLCPLUS_SYSTEM_DIR).as("Debian's qlcplus-data (.ci/run installs it)").isDirectory();
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            PatchEndToEndTest.awaitLibrary(server, Duration.ofSeconds(60));
            JsonNode legend = PatchEndToEndTest.find(client, "chauvet legend 330sr", "Chauvet", "Legend 330SR Spot");
            JsonNode contest = PatchEndToEndTest.find(client, "contest psc 930", "Contest", "PSC-930");
            RigIntentsTest.ok(client.call("rig.add_fixture", Json.object().put("library_id",
                    legend.get("id").asText()).put("mode", "27 channel").put("universe", 0).put("address", 66)
                    .put("id", "spot")));
            RigIntentsTest.ok(client.call("rig.add_fixture", Json.object().put("library_id",
                    contest.get("id").asText()).put("mode", "Movement 8 bits").put("universe", 0)
                    .put("address", 100).put("id", "scanner")));

            JsonNode state = RigIntentsTest.stateNow(server);
            assertThat(state.at("/fixtures/spot/capabilities").toString())
                    .isEqualTo("{\"pan_tilt\":true,\"rgb\":true}");
            assertThat(state.at("/fixtures/spot/meta_channels/rgb/subtractive").asBoolean()).isTrue();
            assertThat(state.at("/fixtures/spot/values/rgb").asText()).as("flags out: white").isEqualTo("#FFFFFF");
            assertThat(state.at("/fixtures/spot/supported_effects").toString()).contains("\"color_fade\"");
            assertThat(state.at("/fixtures/scanner/capabilities").toString()).isEqualTo("{\"pan_tilt\":true}");
            assertThat(state.at("/fixtures/scanner/meta_channels/pan/kind").asText()).isEqualTo("u8");
            assertThat(state.at("/fixtures/scanner/supported_effects").toString()).contains("\"move_to\"")
                    .contains("\"circle\"").contains("\"sweep\"");

            // an additive colour in, its complement on the flags, the same colour back in the state
            ObjectNode red = Json.object().put("fixture_id", "spot");
            red.putObject("values").put("rgb", "#ff0000").put("dim", 200);
            long sent = System.nanoTime();
            JsonNode reply = RigIntentsTest.ok(client.call("fixture.set_values", red));
            assertThat(reply.at("/data/applied/rgb").asText()).isEqualTo("#FF0000");
            receiver.awaitDmx(0, sent, p -> p.channel(CYAN) == 0 && p.channel(MAGENTA) == 255
                    && p.channel(YELLOW) == 255 && p.channel(DIM) == 200, Duration.ofSeconds(2));
            assertThat(RigIntentsTest.stateNow(server).at("/fixtures/spot/values/rgb").asText()).isEqualTo("#FF0000");
            ObjectNode orange = Json.object().put("fixture_id", "spot");
            orange.putObject("values").put("rgb", "#FF8000");
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("fixture.set_values", orange));
            receiver.awaitDmx(0, sent, p -> p.channel(CYAN) == 0 && p.channel(MAGENTA) == 127
                    && p.channel(YELLOW) == 255, Duration.ofSeconds(2));
            assertThat(RigIntentsTest.stateNow(server).at("/fixtures/spot/values/rgb").asText()).isEqualTo("#FF8000");
            // a colour name of the control's mapping works the same way
            ObjectNode named = Json.object().put("fixture_id", "spot");
            named.putObject("values").put("rgb", "Cyan");
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("fixture.set_values", named));
            receiver.awaitDmx(0, sent, p -> p.channel(CYAN) == 255 && p.channel(MAGENTA) == 0
                    && p.channel(YELLOW) == 0, Duration.ofSeconds(2));
            assertThat(RigIntentsTest.stateNow(server).at("/fixtures/spot/values/rgb").asText()).isEqualTo("#00FFFF");

            // the scanner's axes are plain bytes for set_values
            ObjectNode aim = Json.object().put("fixture_id", "scanner");
            aim.putObject("values").put("pan", 200).put("tilt", 17);
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("fixture.set_values", aim));
            receiver.awaitDmx(0, sent, p -> p.channel(PAN) == 200 && p.channel(TILT) == 17, Duration.ofSeconds(2));

            // cue rows: a colour fade on the spot and a 16-bit move on the scanner, shown at t = 3 s
            ObjectNode fade = Json.object().put("time", 1.0).put("fixture_id", "spot").put("effect", "color_fade")
                    .put("duration", 1.0);
            fade.putObject("data").put("start_color", "#FF0000").put("end_color", "blue");
            RigIntentsTest.ok(client.call("cue.add", fade));
            ObjectNode move = Json.object().put("time", 1.0).put("fixture_id", "scanner").put("effect", "move_to")
                    .put("duration", 1.0);
            move.putObject("data").put("pan", 33152).put("tilt", 32896);
            RigIntentsTest.ok(client.call("cue.add", move));
            sent = System.nanoTime();
            RigIntentsTest.ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 3000)));
            receiver.awaitDmx(0, sent, p -> p.channel(CYAN) == 255 && p.channel(MAGENTA) == 255
                    && p.channel(YELLOW) == 0 && p.channel(PAN) == 130 && p.channel(TILT) == 128,
                    Duration.ofSeconds(2));
            JsonNode after = RigIntentsTest.stateNow(server);
            assertThat(after.at("/fixtures/spot/values/rgb").asText()).isEqualTo("#0000FF");
            assertThat(after.at("/fixtures/scanner/values/pan").asInt()).isEqualTo(130);
        }
    }
}
