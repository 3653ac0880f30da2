package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.testutil.TestShow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every metadata layout the loader reads, normalised; problems reported, never fatal. */
class MetadataLoaderTest {
    @TempDir
    Path meta;

    void write(String relative, String json) throws Exception {
        Path file = meta.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void seedFileWithPartsHintsAndDerivedDownbeats() throws Exception {
        write("Song.json", """
                {"filename": "Song", "length": 30.5, "bpm": 100,
                 "parts": {"chorus": [10, 20], "intro": [0, 10], "broken": "x", "short": [1]},
                 "hints": {"beats": [0.5, 1.1, 1.7, 2.3, 2.9, 3.5]}, "drums": {"beats": [9, 9]}}""");
        SongMetadata m = MetadataLoader.load(meta, "Song", null);
        assertThat(m.lengthSeconds()).isEqualTo(30.5);
        assertThat(m.bpm()).isEqualTo(100.0);
        assertThat(m.sections()).extracting(Section::name).containsExactly("intro", "chorus");
        assertThat(m.beats()).containsExactly(0.5, 1.1, 1.7, 2.3, 2.9, 3.5);
        assertThat(m.downbeats()).containsExactly(0.5, 2.9);
        assertThat(m.problems()).hasSize(2);
        assertThat(m.sectionAt(10)).extracting(Section::name).isEqualTo("intro");
    }

    @Test
    void seedFilePriorityAndBeatsFileNextToIt() throws Exception {
        write("S/meta.json", "{\"bpm\": 1}");
        write("S/S.json", "{\"bpm\": 128, \"artifacts\": {\"beats_file\": \"grid/b.json\"}}");
        write("S/grid/b.json", "{\"beats\": [1, 2, 3], \"downbeats\": [1]}");
        SongMetadata m = MetadataLoader.load(meta, "S", null);
        assertThat(m.bpm()).isEqualTo(128.0);
        assertThat(m.beats()).containsExactly(1.0, 2.0, 3.0);
        assertThat(m.downbeats()).containsExactly(1.0);
        assertThat(m.lengthSeconds()).isEqualTo(3.0);
    }

    @Test
    void laterLayoutInfoSectionsAndArrayBeats() throws Exception {
        write("L/info.json", "{\"bpm\": 90, \"duration\": 200.25, \"artifacts\": {\"essentia\": "
                + "{\"rhythm\": {\"svg\": \"/app/meta/L/rhythm plot.svg\"}, \"x\": {\"y\": {\"svg\": \"http://h/p.svg\"}}}}}");
        write("L/sections.json", "{\"sections\": [{\"start\": 50, \"end\": 100, \"label\": \"B\"},"
                + " {\"start_s\": 0, \"end_s\": 50, \"name\": \"A\"}, {\"label\": \"broken\"}]}");
        write("L/beats.json", "[{\"time\": 0.2, \"beat\": 1, \"bar\": 1}, {\"time\": 0.8, \"beat\": 2, \"bar\": 1},"
                + " {\"time\": 1.4, \"beat\": 3, \"bar\": 1, \"type\": \"downbeat\"}, {\"beat\": 1}]");
        write("L/moises/chords.json", "[{\"curr_beat_time\": 1, \"chord_simple_pop\": \"Am\", \"bar_num\": 1,"
                + " \"beat_num\": 1}, {\"curr_beat_time\": 2, \"chord_basic_pop\": \"Am\"},"
                + " {\"curr_beat_time\": 3, \"prev_chord\": \"N\"}, {\"curr_beat_time\": 4, \"chord_simple_pop\": \"F\"}]");
        SongMetadata m = MetadataLoader.load(meta, "L", null);
        assertThat(m.bpm()).isEqualTo(90.0);
        assertThat(m.lengthSeconds()).isEqualTo(200.25);
        assertThat(m.sections()).extracting(Section::name).containsExactly("A", "B");
        assertThat(m.beats()).containsExactly(0.2, 0.8, 1.4);
        assertThat(m.downbeats()).containsExactly(0.2, 1.4);
        assertThat(m.analysis().get("plots").toString()).contains("/meta/L/rhythm%20plot.svg")
                .contains("http://h/p.svg").contains("Rhythm");
        assertThat(m.analysis().get("chords")).hasSize(2);
        assertThat(m.analysis().at("/chords/0/bar").asInt()).isEqualTo(1);
        assertThat(m.problems()).hasSize(1);
    }

    @Test
    void lengthFallsBackToTheAudioThenToTheBeatsThenTo360() throws Exception {
        Path wav = meta.resolve("a.wav");
        TestShow.writeSilentWav(wav, 3.25);
        assertThat(MetadataLoader.load(meta, "A", wav).lengthSeconds()).isEqualTo(3.25);
        assertThat(MetadataLoader.load(meta, "Nothing", null).lengthSeconds()).isEqualTo(360);
        assertThat(MetadataLoader.load(meta, "Nothing", null).bpm()).isNull();
        write("Tempo.json", "{\"beat_tracking\": {\"tempo_bpm\": 111.5}, \"length\": 4000}");
        SongMetadata capped = MetadataLoader.load(meta, "Tempo", null);
        assertThat(capped.bpm()).isEqualTo(111.5);
        assertThat(capped.lengthSeconds()).isEqualTo(1800);
        assertThat(capped.problems()).anyMatch(p -> p.contains("limit"));
    }

    @Test
    void malformedFilesAndEscapingPathsAreProblemsNotFailures() throws Exception {
        write("M.json", "{\"bpm\": 120, \"artifacts\": {\"beats_file\": \"../../../etc/passwd\"}");
        SongMetadata broken = MetadataLoader.load(meta, "M", null);
        assertThat(broken.problems()).anyMatch(p -> p.contains("invalid JSON"));
        assertThat(broken.bpm()).isNull();
        write("E.json", "{\"bpm\": 120, \"artifacts\": {\"beats_file\": \"../../../etc/passwd\"}}");
        SongMetadata escaping = MetadataLoader.load(meta, "E", null);
        assertThat(escaping.beats()).isEmpty();
        write("N.json", "[1, 2]");
        assertThat(MetadataLoader.load(meta, "N", null).problems()).anyMatch(p -> p.contains("object"));
    }

    @Test
    void theMetreIsReadFromWhatTheFilesSay() throws Exception {
        write("Waltz.json", "{\"bpm\": 90, \"beats_per_bar\": 3, \"hints\": {\"beats\": [0, 1, 2, 3, 4, 5, 6]}}");
        SongMetadata waltz = MetadataLoader.load(meta, "Waltz", null);
        assertThat(waltz.beatsPerBar()).isEqualTo(3);
        assertThat(waltz.downbeats()).as("derived downbeats: every third beat").containsExactly(0.0, 3.0, 6.0);
        write("Jig.json", "{\"time_signature\": \"6/8\"}");
        assertThat(MetadataLoader.load(meta, "Jig", null).beatsPerBar()).as("compound: counted in 2").isEqualTo(2);
        write("Five.json", "{\"time_signature\": \"5/4\"}");
        assertThat(MetadataLoader.load(meta, "Five", null).beatsPerBar()).isEqualTo(5);
        write("Info/info.json", "{\"bpm\": 100, \"time_signature\": \"3/4\"}");
        assertThat(MetadataLoader.load(meta, "Info", null).beatsPerBar()).isEqualTo(3);
        write("Bad.json", "{\"beats_per_bar\": 3.5, \"time_signature\": \"waltz\"}");
        SongMetadata bad = MetadataLoader.load(meta, "Bad", null);
        assertThat(bad.beatsPerBar()).isEqualTo(4);
        assertThat(bad.problems()).anyMatch(p -> p.contains("beats_per_bar")).anyMatch(p -> p.contains("time_signature"));
        write("Plain.json", "{\"bpm\": 120}");
        assertThat(MetadataLoader.load(meta, "Plain", null).beatsPerBar()).isEqualTo(4);
    }

    @Test
    void theMetreFollowsFromBeatNumbersOrFromTheDownbeats() throws Exception {
        // later layout: beat numbers 1..3 per bar (a pickup beat first, a short last bar)
        StringBuilder rows = new StringBuilder("[{\"time\": 0.0, \"beat\": 3, \"bar\": 0}");
        for (int i = 0; i < 10; i++) {
            rows.append(", {\"time\": ").append(0.5 + i * 0.5).append(", \"beat\": ").append(i % 3 + 1)
                    .append(", \"bar\": ").append(i / 3 + 1).append('}');
        }
        write("Later/beats.json", rows + "]");
        SongMetadata later = MetadataLoader.load(meta, "Later", null);
        assertThat(later.beatsPerBar()).isEqualTo(3);
        assertThat(later.downbeats()).containsExactly(0.5, 2.0, 3.5, 5.0);
        // seed with beats and downbeats, no metre: the downbeats are three beats apart (a little late)
        write("Seed.json", "{\"hints\": {\"beats\": [0, 0.6, 1.2, 1.8, 2.4, 3.0, 3.6, 4.2, 4.8],"
                + " \"downbeats\": [0.05, 1.85, 3.65]}}");
        assertThat(MetadataLoader.load(meta, "Seed", null).beatsPerBar()).isEqualTo(3);
        // an object-shaped beats file may state it
        write("Obj/Obj.json", "{\"bpm\": 120}");
        write("Obj/beats.json", "{\"beats\": [0, 0.5, 1, 1.5], \"beats_per_bar\": 2}");
        SongMetadata obj = MetadataLoader.load(meta, "Obj", null);
        assertThat(obj.beatsPerBar()).isEqualTo(2);
        assertThat(obj.downbeats()).containsExactly(0.0, 1.0);
        // the seed's statement wins over what the beats show
        write("Both.json", "{\"beats_per_bar\": 4, \"hints\": {\"beats\": [0, 1, 2, 3, 4, 5],"
                + " \"downbeats\": [0, 3]}}");
        assertThat(MetadataLoader.load(meta, "Both", null).beatsPerBar()).isEqualTo(4);
    }

    @Test
    void aRepeatedPartsKeyKeepsEverySectionWithAWarning() throws Exception {
        write("Rep.json", """
                {"bpm": 120, "parts": {"A": [0, 17], "B": [17, 40], "A": [40, 60], "intro": [60, 70]},
                 "hints": {"beats": [1, 2], "beats": [0, 1, 2, 3, 4, 5, 6, 7, 8]}}""");
        SongMetadata m = MetadataLoader.load(meta, "Rep", null);
        assertThat(m.bpm()).isEqualTo(120.0);
        assertThat(m.sections()).containsExactly(new Section("A_1", 0, 17), new Section("B", 17, 40),
                new Section("A_2", 40, 60), new Section("intro", 60, 70));
        assertThat(m.sectionAt(5).name()).isEqualTo("A_1");
        assertThat(m.beats()).as("elsewhere the last value wins").hasSize(9);
        assertThat(m.problems()).containsExactly(
                "Rep.json: parts repeats \"A\"; every section is kept, as A_1, A_2",
                "Rep.json: hints repeats \"beats\"; the last value is used");
    }
}
