package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.song.AudioDecoder;
import io.beatlight.song.Mp3Test;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A song without metadata is analysed in the background; the result is written and reaches the state. */
@Tag("server")
class AnalysisIntegrationTest {
    @TempDir
    Path dir;

    static void writeWav(Path file, float[] samples) throws Exception {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 20000))));
        }
        AudioFormat format = new AudioFormat(AudioDecoder.ANALYSIS_RATE, 16, 1, true, false);
        Files.createDirectories(file.getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format,
                samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    @Test
    void aSongWithoutMetadataIsAnalysedAndItsBeatsArriveInTheState() throws Exception {
        TestShow.withReferenceRig(dir);
        TrackSynth track = new TrackSynth(100, 0.4, 40, 0, 5);
        writeWav(dir.resolve("songs/Fresh.wav"), track.samples);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            // the analysis starts with the song load, so it may finish before any client connects
            JsonNode song = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (WsTestClient probe = WsTestClient.connect(server.port())) {
                    song = probe.firstSnapshot().at("/state/song");
                }
                if (song.path("bpm").isNumber()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(song.path("bpm").asDouble()).isCloseTo(100, Offset.offset(1.0));
            assertThat(song.path("beats").size()).isGreaterThan(50);
            assertThat(song.path("downbeats").size()).isGreaterThan(10);
            JsonNode meta = JsonFiles.read(dir.resolve("meta/Fresh/Fresh.json"));
            assertThat(meta.get("bpm").asDouble()).isCloseTo(100, Offset.offset(1.0));
            assertThat(JsonFiles.read(dir.resolve("meta/Fresh/beats.json")).get("beats").size()).isGreaterThan(50);
            JsonNode again = client.call("song.analyze", null);
            assertThat(again.at("/data/started").asBoolean()).isTrue();
            client.awaitEvent("song_analysis_progress");
            JsonNode cancelled = client.call("song.analyze_cancel", null);
            assertThat(cancelled.get("ok").asBoolean()).isTrue();
            JsonNode unknown = client.call("song.analyze", Json.object().put("filename", "../x"));
            assertThat(unknown.at("/error/code").asText()).isEqualTo("unknown_song");
        }
    }

    @Test
    void anMp3IsAnalysedAndACorruptFileIsAClearErrorEvent() throws Exception {
        TestShow.withReferenceRig(dir).song("Known", 5, 120, null);
        TrackSynth track = new TrackSynth(128, 0.2, 30, 0, 9);
        Path wav = dir.resolve("tmp/track.wav");
        writeWav(wav, track.samples);
        boolean encoded = Mp3Test.encode(wav, dir.resolve("songs/Encoded.mp3"), "Encoded");
        Assumptions.assumeTrue(encoded, "lame is not installed (CI installs it)");
        Files.writeString(dir.resolve("songs/Broken.mp3"), "this is not an mp3 at all");
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            assertThat(client.call("song.analyze", Json.object().put("filename", "Encoded")).get("ok").asBoolean())
                    .isTrue();
            JsonNode done = client.await(m -> "song_analyzed".equals(m.path("message").asText()),
                    Duration.ofSeconds(30));
            assertThat(done.at("/data/bpm").asDouble()).isCloseTo(128, Offset.offset(1.3));
            assertThat(client.call("song.analyze", Json.object().put("filename", "Broken")).get("ok").asBoolean())
                    .isTrue();
            JsonNode failed = client.awaitEvent("song_analysis_failed");
            assertThat(failed.at("/data/error").asText()).contains("Broken.mp3");
            assertThat(client.call("song.load", Json.object().put("filename", "Known")).get("ok").asBoolean())
                    .isTrue();
            ObjectNode save = Json.object();
            save.putArray("sections").addObject().put("name", "all").put("start_s", 0).put("end_s", 5);
            assertThat(client.call("song.save_sections", save).get("ok").asBoolean()).isTrue();
            assertThat(JsonFiles.read(dir.resolve("meta/Known.json")).at("/parts/all/1").asDouble()).isEqualTo(5.0);
            ObjectNode bad = Json.object();
            bad.putArray("sections").addObject().put("name", "x").put("start_s", 3).put("end_s", 1);
            assertThat(client.call("song.save_sections", bad).at("/error/code").asText()).isEqualTo("invalid_payload");
        }
    }
}
