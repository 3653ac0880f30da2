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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symlinks in a show folder that lead outside it are neither listed, served, read nor written through; those that
 * stay inside work as before.
 */
@Tag("server")
class SymlinkEscapeTest {
    @TempDir
    Path dir;

    static int get(BeatlightServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static long filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void songsLeadingOutsideAreNotListedServedOrAnalysed() throws Exception {
        Path show = dir.resolve("show");
        TestShow.withReferenceRig(show).song("S", 1, 120, null);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        TestShow.writeSilentWav(outside.resolve("private.wav"), 1);
        Path songs = show.resolve("songs");
        Files.createSymbolicLink(songs.resolve("Escape.wav"), outside.resolve("private.wav"));
        Files.createSymbolicLink(songs.resolve("Inside.wav"), songs.resolve("S.wav"));
        try (BeatlightServer server = TestServer.start(show, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            JsonNode list = client.call("song.list", null);
            assertThat(list.at("/data/songs").toString()).contains("\"Inside\"").doesNotContain("Escape");
            assertThat(get(server, "/peaks/Escape")).isEqualTo(404);
            assertThat(get(server, "/peaks/Inside")).isEqualTo(200);
            assertThat(get(server, "/songs/Escape.wav")).isEqualTo(404);
            SizeLimitsTest.fails(client.call("song.load", Json.object().put("filename", "Escape")),
                    ErrorCode.UNKNOWN_SONG);
            SizeLimitsTest.fails(client.call("song.analyze", Json.object().put("filename", "Escape")),
                    ErrorCode.UNKNOWN_SONG);
        }
        assertThat(filesIn(outside)).isEqualTo(1);
    }

    @Test
    void analysisNeverWritesThroughASymlinkedMetaFolder() throws Exception {
        Path show = dir.resolve("show");
        TestShow.withReferenceRig(show).song("S", 2, 120, null);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(show.resolve("meta/S"), outside);
        try (BeatlightServer server = TestServer.start(show, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            SizeLimitsTest.ok(client.call("song.analyze", Json.object().put("filename", "S")));
            JsonNode failed = client.await(m -> m.path("message").asText().matches("song_analy(zed|sis_failed)"),
                    Duration.ofSeconds(30));
            assertThat(failed.path("message").asText()).isEqualTo("song_analysis_failed");
            assertThat(failed.at("/data/error").asText()).contains("outside");
        }
        assertThat(filesIn(outside)).isZero();
    }

    @Test
    void metadataAndCueSheetsLeadingOutsideAreNotReadOrWritten() throws Exception {
        Path show = dir.resolve("show");
        TestShow.withReferenceRig(show).song("S", 2, 120, null);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secretMeta = outside.resolve("secret.json");
        Files.writeString(secretMeta, "{\"filename\": \"S\", \"length\": 2, \"bpm\": 77.7, \"parts\": {}}");
        Files.delete(show.resolve("meta/S.json"));
        Files.createSymbolicLink(show.resolve("meta/S.json"), secretMeta);
        Path secretCues = outside.resolve("cues.json");
        String cues = "{\"song_filename\": \"S\", \"entries\": []}";
        Files.writeString(secretCues, cues);
        Files.createDirectories(show.resolve("cues"));
        Files.createSymbolicLink(show.resolve("cues/S.cue.json"), secretCues);
        try (BeatlightServer server = TestServer.start(show, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode state = client.firstSnapshot().get("state");
            assertThat(state.toString()).doesNotContain("77.7");
            ObjectNode row = Json.object().put("time", 1.0).put("fixture_id", "parcan_r").put("effect", "full");
            JsonNode reply = client.call("cue.add", row);
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isFalse();
            assertThat(reply.at("/error/message").asText()).contains("outside");
            Path export = Files.createDirectories(show.resolve("shows")).resolve("S.show_"
                    + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + ".dmx");
            Files.createSymbolicLink(export, outside.resolve("export.dmx"));
            JsonNode exported = SizeLimitsTest.fails(client.call("cue.export_dmx", null), ErrorCode.PERSIST_FAILED);
            assertThat(exported.at("/error/message").asText()).contains("outside");
        }
        assertThat(Files.readString(secretCues)).isEqualTo(cues);
        assertThat(filesIn(outside)).isEqualTo(2);
    }
}
