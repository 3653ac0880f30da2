package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash or a crowd leaves behind: temporary files, read-only files, threads. */
@Tag("server")
class ResourceHygieneTest {
    @TempDir
    Path dir;

    @Test
    void startUpRemovesTheTemporaryFilesOfWritesCutShort() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("S", 1, 120, null);
        List<Path> stale = List.of(show.fixtures().resolve(".pois.json.4711.tmp"),
                dir.resolve("cues/.S.cue.json.123456789.tmp"), dir.resolve("meta/S/.beats.json.9.tmp"),
                dir.resolve(".outputs.json.1.tmp"));
        List<Path> kept = List.of(dir.resolve("cues/my.tmp"), show.fixtures().resolve(".notes.tmp"));
        for (Path p : stale) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{\"partial");
        }
        for (Path p : kept) {
            Files.writeString(p, "mine");
        }
        try (BeatlightServer server = TestServer.start(dir, 9)) {
            assertThat(server.folders().root()).isEqualTo(dir.toAbsolutePath().normalize());
            stale.forEach(p -> assertThat(p).doesNotExist());
            kept.forEach(p -> assertThat(p).exists());
        }
    }

    @Test
    void editsOfAnUnparsablePoiFileNameTheReason() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path file = show.fixtures().resolve("pois.json");
        Files.writeString(file, "[{\"id\": \"piano\",");
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            List<JsonNode> replies = List.of(
                    client.call("poi.update", Json.object().put("id", "piano").put("name", "P")),
                    client.call("poi.delete", Json.object().put("id", "piano")),
                    client.call("poi.update_fixture_target", Json.object().put("poi_id", "piano")
                            .put("fixture_id", "head_el150").put("pan", 1).put("tilt", 2)));
            for (JsonNode reply : replies) {
                ProtocolIntegrationTest.fails(reply, ErrorCode.PERSIST_FAILED);
                assertThat(reply.at("/error/message").asText()).contains("pois.json").contains("read-only")
                        .contains("did not parse");
            }
        }
        assertThat(Files.readString(file)).isEqualTo("[{\"id\": \"piano\",");
    }

    /** Threads of this JVM but the test clients' own readers. */
    static int serverThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("ws-test-reader")).count();
    }

    /** With 200 clients busy at once Jetty adds workers; they must go again once the clients have left. */
    @Test
    void threadsFallBackAfterManyClientsClose() throws Exception {
        TestShow.withReferenceRig(dir);
        try (BeatlightServer server = TestServer.start(dir, 9)) {
            try (WsTestClient warmUp = WsTestClient.connect(server.port())) {
                warmUp.firstSnapshot();
            }
            Thread.sleep(500);
            int baseline = serverThreads();
            int busy;
            List<WsTestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    clients.add(WsTestClient.connect(server.port()));
                }
                for (WsTestClient client : clients) {
                    client.firstSnapshot();
                }
                // every client at once, so the server's pools grow
                List<String> sent = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (WsTestClient client : clients) {
                        sent.add(client.intent("song.list", null));
                    }
                }
                busy = serverThreads();
                for (int i = 0; i < sent.size(); i++) {
                    clients.get(i % clients.size()).reply(sent.get(i));
                }
                busy = Math.max(busy, serverThreads());
            } finally {
                clients.forEach(WsTestClient::close);
            }
            long deadline = System.nanoTime() + 15_000_000_000L;
            int now = serverThreads();
            while (now > baseline + 8 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                now = serverThreads();
            }
            assertThat(now).as("threads: baseline %d, with 200 clients %d", baseline, busy)
                    .isLessThanOrEqualTo(baseline + 8);
        }
    }
}
