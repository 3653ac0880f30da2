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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** cue.undo / cue.redo: every kind of sheet edit steps back and forward, in the file, the state and the output. */
@Tag("server")
class CueHistoryTest {
    @TempDir
    Path dir;

    static ObjectNode flash(double time) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", "parcan_l").put("effect", "full")
                .put("duration", 0.5);
        row.putObject("data");
        return row;
    }

    @Test
    void undoAndRedoEveryKindOfEdit() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = dir.resolve("cues/Song.cue.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"entries\": [" + flash(4.0) + "]}");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port());
             WsTestClient watcher = WsTestClient.connect(server.port())) {
            JsonNode state = client.firstSnapshot().get("state");
            assertThat(state.at("/cue_history/undo").asInt()).isZero();
            fails(client.call("cue.undo", Json.object()), "nothing_to_undo");
            fails(client.call("cue.redo", Json.object()), "nothing_to_redo");

            ok(client.call("cue.add", flash(1.0)));
            ok(client.call("cue.add", flash(2.0)));
            ok(client.call("cue.clear", Json.object()));
            assertThat(JsonFiles.read(file).get("entries")).isEmpty();

            JsonNode undone = ok(client.call("cue.undo", Json.object()));
            assertThat(undone.at("/data/label").asText()).isEqualTo("remove 3 cues");
            assertThat(JsonFiles.read(file).get("entries")).hasSize(3);
            ok(client.call("cue.undo", Json.object()));
            assertThat(JsonFiles.read(file).get("entries")).hasSize(2);
            watcher.awaitEvent("cue_undone");

            // the restored cue renders again: full at 1 s lights parcan_l
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 1100)));
            receiver.awaitDmx(0, System.nanoTime(), p -> p.channel(17) == 255, Duration.ofSeconds(2));

            JsonNode redone = ok(client.call("cue.redo", Json.object()));
            assertThat(redone.at("/data/label").asText()).isEqualTo("add 1 cue");
            assertThat(JsonFiles.read(file).get("entries")).hasSize(3);

            // the history reaches every client through the state
            JsonNode history = watcher.await(m -> "patch".equals(m.path("type").asText())
                    && m.toString().contains("cue_history") && m.toString().contains("\"redo\":1"),
                    Duration.ofSeconds(3));
            assertThat(history).isNotNull();

            // a new edit drops the redo list
            ok(client.call("cue.add", flash(6.0)));
            fails(client.call("cue.redo", Json.object()), "nothing_to_redo");

            // the render version switch is undoable too
            ok(client.call("cue.set_render_version", Json.object().put("version", 2)));
            assertThat(JsonFiles.read(file).get("render_version").asInt()).isEqualTo(2);
            ok(client.call("cue.undo", Json.object()));
            assertThat(JsonFiles.read(file).path("render_version").asInt(1)).isEqualTo(1);

            // reloading the file from disk starts a new history
            ok(client.call("cue.reload", Json.object()));
            fails(client.call("cue.undo", Json.object()), "nothing_to_undo");
        }
    }
}
