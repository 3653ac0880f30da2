package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import io.beatlight.song.analysis.TrackSynth;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatlight analyze}: text and JSON per file, the metadata written like song.analyze, errors per file. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;
    Path wav;
    double seconds;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void aGeneratedTrack() throws Exception {
        wav = dir.resolve("in/Click Track.wav");
        float[] samples = new TrackSynth(120, 0.3, 16, 0, 7).samples;
        seconds = samples.length / 22050.0;
        writeWav(wav, samples, 22050);
    }

    static void writeWav(Path file, float[] samples, float rate) throws Exception {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.rint(s * 20000))));
        }
        Files.createDirectories(file.getParent());
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()),
                new AudioFormat(rate, 16, 1, true, false), samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AnalyzeCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void printsEachFileAndReportsTheOnesThatCannotBeAnalysed() throws Exception {
        Path text = dir.resolve("in/notes.txt");
        Files.writeString(text, "not audio at all");
        Path missing = dir.resolve("in/missing.mp3");
        Run run = run(wav.toString(), missing.toString(), text.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).startsWith(wav + "\n").containsPattern("tempo +1(19|20|21)\\.\\d BPM")
                .containsPattern("metre +4 beats per bar").containsPattern("beats +\\d\\d")
                .containsPattern("first downbeat +\\d+\\.\\d{3} s")
                .contains(String.format(Locale.ROOT, "length          %.3f s", seconds))
                .containsPattern("sections +\\d+").doesNotContain("written");
        assertThat(run.err()).contains("beatlight analyze: " + missing + ": no such file")
                .contains("beatlight analyze: " + text + ": ");
        assertThat(run.err().lines()).hasSize(2);
        assertThat(Files.exists(dir.resolve("meta"))).isFalse();
    }

    @Test
    void jsonAndTheShowFolderGetWhatSongAnalyzeWrites() throws Exception {
        Path show = Files.createDirectories(dir.resolve("show"));
        Files.createDirectories(show.resolve("songs"));
        Files.copy(wav, show.resolve("songs/Click Track.wav"));
        Run run = run("--show-dir", show.toString(), "--json", wav.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode file = Json.MAPPER.readTree(run.out()).get("files").get(0);
        assertThat(file.get("ok").asBoolean()).isTrue();
        assertThat(file.get("song").asText()).isEqualTo("Click Track");
        assertThat(file.get("bpm").asDouble()).isCloseTo(120, Offset.offset(1.0));
        assertThat(file.get("beats_per_bar").asInt()).isEqualTo(4);
        assertThat(file.get("beat_count").asInt()).isEqualTo(file.get("beats").size()).isGreaterThan(25);
        assertThat(file.get("first_downbeat_s").asDouble()).isEqualTo(file.get("downbeats").get(0).asDouble());

        Path meta = show.resolve("meta");
        List<String> written = new ArrayList<>();
        file.get("written").forEach(p -> written.add(p.asText()));
        Path song = meta.resolve("Click Track");
        assertThat(written).containsExactly(song.resolve("Click Track.json").toString(),
                song.resolve("beats.json").toString(), song.resolve("loudness.json").toString());
        JsonNode seed = JsonFiles.read(meta.resolve("Click Track/Click Track.json"));
        assertThat(seed.get("bpm").asDouble()).isEqualTo(file.get("bpm").asDouble());
        assertThat(seed.get("beats_per_bar").asInt()).isEqualTo(4);
        assertThat(JsonFiles.read(meta.resolve("Click Track/beats.json")).get("beats"))
                .isEqualTo(file.get("beats"));
        SongMetadata read = MetadataLoader.load(meta, "Click Track", null);
        assertThat(read.beatsPerBar()).isEqualTo(4);
        assertThat(read.sections()).extracting(Section::name)
                .containsExactlyElementsOf(file.get("sections").findValuesAsText("name"));
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void aSongTheShowDoesNotHaveIsWrittenWithANote() {
        Path show = dir.resolve("show");
        Run noShow = run("--show-dir", show.toString(), wav.toString());
        assertThat(noShow.exit()).isEqualTo(2);
        assertThat(noShow.err()).contains("show folder " + show + " does not exist");
        assertThat(show).doesNotExist();
        Run elsewhere = run("--show-dir", dir.toString(), wav.toString());
        assertThat(elsewhere.exit()).isZero();
        assertThat(elsewhere.out()).contains("written").contains("Click Track.json");
        assertThat(elsewhere.err()).contains("has no song 'Click Track'");
        assertThat(dir.resolve("meta/Click Track/Click Track.json")).exists();
    }

    @Test
    void usageErrorsAndHelp() {
        Run none = run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("FILE");
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--show-dir").contains("--json").contains("Exit codes");
    }

    @Test
    void theApplicationRunsTheAnalyserWithoutStartingTheServer() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of("BEATLIGHT_PORT", "1"), "analyze", "--json",
                wav.toString())) {
            assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();
            String output = process.output();
            assertThat(output).doesNotContain("Beatlight ready");
            JsonNode doc = Json.MAPPER.readTree(output);
            assertThat(doc.at("/files/0/bpm").asDouble()).isCloseTo(120, Offset.offset(1.0));
        }
    }
}
