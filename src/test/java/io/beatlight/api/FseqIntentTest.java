package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.engine.OfflineSongRender;
import io.beatlight.engine.ShowFolders;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.show.fseq.FseqChecks;
import io.beatlight.show.fseq.FseqCompression;
import io.beatlight.show.fseq.FseqReader;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cue.export_fseq over a real WebSocket: the file it writes, read back; bad payloads write nothing. */
@Tag("server")
class FseqIntentTest {
    @TempDir
    Path dir;

    @Test
    void exportsTheLoadedSongAndRefusesBadPayloads() throws Exception {
        FseqChecks.writeShow(dir, true);
        Path exports = dir.resolve("exports");
        Path file = exports.resolve("Song.fseq");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            for (var bad : new Object[][] {{"step_ms", 9}, {"step_ms", 256}, {"step_ms", "fast"}, {"step_ms", true},
                    {"compression", "lz4"}, {"compression", 1}, {"compression", "zlib"}}) {
                var payload = Json.object();
                payload.set((String) bad[0], Json.MAPPER.valueToTree(bad[1]));
                JsonNode reply = fails(client.call("cue.export_fseq", payload), ErrorCode.INVALID_PAYLOAD);
                assertThat(reply.at("/error/field").asText()).isEqualTo(bad[0]);
            }
            assertThat(exports).doesNotExist();

            JsonNode first = ok(client.call("cue.export_fseq", null)).get("data");
            assertThat(first.get("file").asText()).isEqualTo("exports/Song.fseq");
            assertThat(first.get("step_ms").asInt()).isEqualTo(20);
            assertThat(first.get("compression").asText()).isEqualTo("zstd");
            assertThat(first.get("frames").asInt()).isEqualTo(500);
            assertThat(first.get("duration_s").asDouble()).isEqualTo(10.0);
            assertThat(first.get("drift_ms").asDouble()).isZero();
            assertThat(first.get("channels").asInt()).isEqualTo(1024);
            assertThat(first.get("universes").toString())
                    .isEqualTo("[{\"universe\":0,\"first_channel\":1,\"last_channel\":512},"
                            + "{\"universe\":5,\"first_channel\":513,\"last_channel\":1024}]");
            assertThat(first.get("media_file").asText()).isEqualTo("Song.wav");
            assertThat(first.get("backup").asBoolean()).isFalse();
            byte[] written = Files.readAllBytes(file);
            assertThat(first.get("bytes").asLong()).isEqualTo(written.length);
            JsonNode event = client.awaitEvent("cue_fseq_exported").get("data");
            assertThat(event.get("bytes").asLong()).isEqualTo(written.length);

            // the server's canvas is the one the show folder renders to
            var canvas = OfflineSongRender.render(ShowFolders.of(dir), "Song").canvas();
            FseqReader fseq = FseqChecks.checkAgainstCanvas(written, canvas, 10.0, 20, FseqCompression.ZSTD,
                    "Song.wav");
            assertThat(fseq.blockCount).isEqualTo(first.get("compression_blocks").asInt());

            JsonNode second = ok(client.call("cue.export_fseq", Json.object().put("step_ms", 17)
                    .put("compression", "none"))).get("data");
            assertThat(second.get("frames").asInt()).isEqualTo(589);
            assertThat(second.get("drift_ms").asDouble()).isEqualTo(13.0);
            assertThat(second.get("backup").asBoolean()).isTrue();
            assertThat(Files.readAllBytes(exports.resolve("Song.fseq.bak"))).isEqualTo(written);
            FseqChecks.checkAgainstCanvas(Files.readAllBytes(file), canvas, 10.0, 17, FseqCompression.NONE,
                    "Song.wav");

            // a failed write is answered, leaves the file as it was, and the server goes on
            byte[] before = Files.readAllBytes(file);
            Path blocker = dir.resolve("exports-blocked");
            Files.move(exports, blocker);
            Files.writeString(exports, "not a folder");
            JsonNode failed = fails(client.call("cue.export_fseq", null), ErrorCode.PERSIST_FAILED);
            assertThat(failed.at("/error/details/file").asText()).isEqualTo("exports/Song.fseq");
            assertThat(Files.readString(exports)).isEqualTo("not a folder");
            assertThat(Files.readAllBytes(blocker.resolve("Song.fseq"))).isEqualTo(before);
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 1000)));
        }
    }

    @Test
    void withoutASongThereIsNothingToExport() throws Exception {
        TestShow.withReferenceRig(dir);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            fails(client.call("cue.export_fseq", null), ErrorCode.NO_SONG_LOADED);
            fails(client.call("cue.export_fseq", Json.object().put("compression", "lz4")), ErrorCode.INVALID_PAYLOAD);
        }
        assertThat(dir.resolve("exports")).doesNotExist();
    }

    @Test
    void theEngineAnswersOthersWhileTheExportWaitsForTheDisk() throws Exception {
        FseqChecks.writeShow(dir, false);
        PersistenceTest.TestDisk disk = new PersistenceTest.TestDisk();
        Path file = dir.resolve("exports/Song.fseq");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = BeatlightServer.start(Config.parse(new String[] {"--show-dir", dir.toString(),
                     "--host", "127.0.0.1", "--port", "0", "--artnet-targets", "127.0.0.1:" + receiver.port(),
                     "--artnet-listen-port", "0", "--artnet-source-port", "0"}), disk);
             WsTestClient client = WsTestClient.connect(server.port())) {
            disk.hold();
            String export = client.intent("cue.export_fseq", Json.object().put("step_ms", 25));
            ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 2000)));
            ok(client.call("fixture.set_arm", Json.object().put("fixture_id", "parcan_l").put("armed", false)));
            assertThat(client.messages()).noneMatch(m -> PersistenceTest.replyTo(m, export));
            assertThat(file).doesNotExist();
            disk.release();
            JsonNode reply = ok(client.reply(export));
            assertThat(file).exists();
            assertThat(reply.at("/data/bytes").asLong()).isEqualTo(Files.size(file));
            assertThat(reply.at("/data/frames").asInt()).isEqualTo(400);
        }
    }
}
