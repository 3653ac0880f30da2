package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis is written in the reference's layout, with the metre and every section, and reads back whole. */
class AnalysisWriterTest {
    @TempDir
    Path meta;

    /** A 3/4 song at 90 BPM: 24 bars, sections A B A with the first A 17 s long. */
    static SongAnalyzer.Result waltz() {
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i < 72; i++) {
            beats.add(0.25 + i * 60 / 90.0);
            if (i % 3 == 0) {
                downbeats.add(0.25 + i * 60 / 90.0);
            }
        }
        List<Section> sections = List.of(new Section("A", 0, 17), new Section("B", 17, 34),
                new Section("A", 34, 48));
        return new SongAnalyzer.Result(48, 90.0004, 3, beats, downbeats, sections, new double[] {0.1, 0.25});
    }

    @Test
    void theMetreAndEverySectionAreWrittenAndReadBack() throws Exception {
        List<Path> written = AnalysisWriter.write(meta, "Waltz", waltz());
        assertThat(written).containsExactly(meta.resolve("Waltz/Waltz.json"), meta.resolve("Waltz/beats.json"),
                meta.resolve("Waltz/loudness.json"));
        JsonNode file = JsonFiles.read(meta.resolve("Waltz/Waltz.json"));
        assertThat(file.get("bpm").asDouble()).isEqualTo(90.0);
        assertThat(file.get("beats_per_bar").asInt()).isEqualTo(3);
        assertThat(file.get("parts").toString()).isEqualTo("{\"A_1\":[0.0,17.0],\"B\":[17.0,34.0],\"A_2\":[34.0,48.0]}");
        assertThat(file.at("/artifacts/beats_file").asText()).isEqualTo("beats.json");

        SongMetadata read = MetadataLoader.load(meta, "Waltz", null);
        assertThat(read.beatsPerBar()).isEqualTo(3);
        assertThat(read.sections()).extracting(Section::name).containsExactly("A_1", "B", "A_2");
        assertThat(read.sectionAt(1).name()).as("the first 17 s have their section").isEqualTo("A_1");
        assertThat(read.downbeats()).hasSize(24);
        assertThat(read.problems()).isEmpty();

        // a second analysis keeps the first as .bak
        AnalysisWriter.write(meta, "Waltz", waltz());
        assertThat(Files.exists(meta.resolve("Waltz/Waltz.json.bak"))).isTrue();
    }

    @Test
    void withoutStatedMetreTheDownbeatsStillTellIt() throws Exception {
        AnalysisWriter.write(meta, "W", waltz());
        Path file = meta.resolve("W/W.json");
        Files.writeString(file, Files.readString(file).replace("\"beats_per_bar\" : 3,", ""));
        assertThat(JsonFiles.read(file).has("beats_per_bar")).isFalse();
        assertThat(MetadataLoader.load(meta, "W", null).beatsPerBar()).isEqualTo(3);
    }
}
