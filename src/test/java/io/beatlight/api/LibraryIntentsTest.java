package io.beatlight.api;

import static io.beatlight.api.RigIntentsTest.fails;
import static io.beatlight.api.RigIntentsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** library.search, library.get and patching from the library over a real WebSocket (qlcplus-data's library). */
@Tag("server")
class LibraryIntentsTest {
    @TempDir
    Path dir;

    @Test
    void searchAndGetAreValidatedAndPatchingFromTheLibraryChecksTheMode() throws Exception {
        assumeTrue(Files.isRegularFile(PatchEndToEndTest.ROBIN), "qlcplus-data is not installed");
        TestShow show = TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            PatchEndToEndTest.awaitLibrary(server, Duration.ofSeconds(60));

            assertThat(fails(client.call("library.search", Json.object()), ErrorCode.INVALID_PAYLOAD)
                    .at("/error/field").asText()).isEqualTo("query");
            fails(client.call("library.search", Json.object().put("query", 5)), ErrorCode.INVALID_PAYLOAD);
            fails(client.call("library.search", Json.object().put("query", "x".repeat(201))),
                    ErrorCode.INVALID_PAYLOAD);
            for (int limit : new int[] {0, 501}) {
                assertThat(fails(client.call("library.search", Json.object().put("query", "par").put("limit", limit)),
                        ErrorCode.INVALID_PAYLOAD).at("/error/field").asText()).isEqualTo("limit");
            }
            JsonNode pars = ok(client.call("library.search", Json.object().put("query", "par").put("limit", 7)));
            assertThat(pars.at("/data/entries").size()).isEqualTo(7);
            for (JsonNode entry : pars.at("/data/entries")) {
                assertThat(entry.get("id").asText()).isNotBlank();
                assertThat(entry.get("modes").size()).isPositive();
                assertThat(entry.at("/modes/0/channels").asInt()).isPositive();
            }
            assertThat(ok(client.call("library.search", Json.object().put("query", "zzqqxx nothing")))
                    .at("/data/entries").size()).isZero();

            fails(client.call("library.get", Json.object()), ErrorCode.INVALID_PAYLOAD);
            assertThat(fails(client.call("library.get", Json.object().put("id", "qlc:Nobody/Nothing")),
                    ErrorCode.UNKNOWN_LIBRARY_FIXTURE).at("/error/field").asText()).isEqualTo("id");
            JsonNode robin = PatchEndToEndTest.find(client, "robin 600e spot", "Robe", "Robin 600E Spot (v1.1)");
            String id = robin.get("id").asText();
            JsonNode got = ok(client.call("library.get", Json.object().put("id", id).put("universe", 3)));
            assertThat(got.at("/data/universe").asInt()).isEqualTo(3);
            for (JsonNode mode : got.at("/data/modes")) {
                assertThat(mode.get("next_address").asInt()).as("universe 3 is empty").isEqualTo(1);
                assertThat(mode.at("/template/channels").size()).isPositive();
                assertThat(mode.get("file_name").asText()).startsWith("fixture.").endsWith(".json");
            }

            ObjectNode add = Json.object().put("library_id", id).put("universe", 0).put("address", 100);
            assertThat(fails(client.call("rig.add_fixture", add), ErrorCode.INVALID_PAYLOAD).at("/error/field")
                    .asText()).isEqualTo("mode");
            JsonNode unknownMode = fails(client.call("rig.add_fixture", add.put("mode", "Mode 9")),
                    ErrorCode.UNKNOWN_MODE);
            assertThat(unknownMode.at("/error/details/modes").toString()).contains("Mode 1").contains("Mode 2");
            fails(client.call("rig.add_fixture", add.deepCopy().put("library_id", "qlc:Nobody/Nothing")),
                    ErrorCode.UNKNOWN_LIBRARY_FIXTURE);
            // 32 channels from 490 would end at 521
            assertThat(fails(client.call("rig.add_fixture", add.put("mode", "mode 1").put("address", 490)),
                    ErrorCode.ADDRESS_OUT_OF_RANGE).at("/error/details/last_channel").asInt()).isEqualTo(521);
            assertThat(Files.list(show.fixtures()).filter(p -> p.getFileName().toString().contains("robin"))).isEmpty();

            JsonNode first = ok(client.call("rig.add_fixture", add.put("address", 100)));
            assertThat(first.at("/data/mode").asText()).isEqualTo("Mode 1");
            assertThat(first.at("/data/unmapped").size()).isPositive();
            assertThat(first.at("/data/template_written").asBoolean()).isTrue();
            JsonNode second = ok(client.call("rig.add_fixture", add.put("address", 132)));
            assertThat(second.at("/data/template_written").asBoolean()).isFalse();
            assertThat(second.at("/data/template").asText()).isEqualTo(first.at("/data/template").asText());
            assertThat(second.at("/data/name").asText()).isEqualTo(first.at("/data/name").asText() + " 2");
            assertThat(RigIntentsTest.stateNow(server).at("/fixtures").size()).isEqualTo(9);
        }
    }
}
