package io.beatlight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.api.midi.MidiMappingsFile;
import io.beatlight.output.OutputsFile;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Chasers;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.SongMetadata;
import io.beatlight.testutil.TestShow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * Every show-file loader on arbitrary file content: fixtures.json, fixture templates, pois.json, cue sheets in both
 * containers (checked row by row against the reference rig), chasers, every song metadata layout and outputs.json.
 * A loader answers with its own result type (problems and warnings in it) or its documented exception, never with an
 * unexpected RuntimeException or Error, and within the timeout.
 */
class ShowFileFuzzTest {
    private static final Path SHOW = FuzzFiles.tempDir("beatlight-fuzz-files");
    private static final RigLoader.Result RIG = referenceRig();
    private static final EffectRegistry EFFECTS = new EffectRegistry();

    private static RigLoader.Result referenceRig() {
        try {
            return RigLoader.load(TestShow.withReferenceRig(SHOW).fixtures());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() {
        FuzzFiles.delete(SHOW);
    }

    @FuzzTest(maxDuration = "1m")
    void fixturesFile(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadFixturesFile(content));
    }

    private static void loadFixturesFile(byte[] content) throws IOException {
        Path dir = folder("rig-fixtures");
        for (String name : TestShow.RIG_FILES) {
            if (name.startsWith("fixture.")) {
                Files.copy(SHOW.resolve("fixtures").resolve(name), dir.resolve(name));
            }
        }
        Files.write(dir.resolve(RigLoader.FIXTURES_FILE), content);
        assertThat(RigLoader.load(dir).rig()).isNotNull();
    }

    @FuzzTest(maxDuration = "1m")
    void template(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadTemplate(content));
    }

    private static void loadTemplate(byte[] content) throws IOException {
        Path dir = folder("rig-template");
        Files.write(dir.resolve("fixture.parcan.rgb_gen.json"), content);
        Files.writeString(dir.resolve(RigLoader.FIXTURES_FILE),
                "[{\"id\": \"p\", \"template\": \"parcan.rgb_gen\", \"universe\": 0, \"address\": 1}]");
        assertThat(RigLoader.load(dir).rig()).isNotNull();
    }

    @FuzzTest(maxDuration = "1m")
    void pois(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadPois(content));
    }

    private static void loadPois(byte[] content) throws IOException {
        Path dir = folder("pois");
        Files.write(dir.resolve(PoiBook.FILE), content);
        PoiBook.Loaded loaded = PoiBook.load(dir.resolve(PoiBook.FILE));
        assertThat(loaded.book()).isNotNull();
        loaded.book().valid().forEach(poi -> assertThat(PoiBook.validate(poi)).isNull());
    }

    @FuzzTest(maxDuration = "1m")
    void cueSheetArray(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadCueSheetArray(content));
    }

    private static void loadCueSheetArray(byte[] content) throws IOException {
        cueSheet(content, CueSheetFiles.ARRAY_SUFFIX);
    }

    @FuzzTest(maxDuration = "1m")
    void cueSheetObject(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadCueSheetObject(content));
    }

    private static void loadCueSheetObject(byte[] content) throws IOException {
        cueSheet(content, CueSheetFiles.OBJECT_SUFFIX);
    }

    private static void cueSheet(byte[] content, String suffix) throws IOException {
        Path dir = folder("cues");
        Files.write(dir.resolve("Song" + suffix), content);
        CueSheetFiles.Loaded loaded = CueSheetFiles.load(dir, "Song");
        assertThat(loaded.sheet()).isNotNull();
        CueEntries checked = CueEntries.check(loaded.sheet().rows(), RIG.rig(), EFFECTS, Chasers.empty(),
                loaded.sheet().version());
        assertThat(checked.entries()).hasSize(loaded.sheet().rows().size());
    }

    @FuzzTest(maxDuration = "1m")
    void chaser(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadChaser(content));
    }

    private static void loadChaser(byte[] content) throws IOException {
        Path dir = folder("chasers");
        Files.write(dir.resolve("chaser.json"), content);
        Chasers chasers = Chasers.load(dir);
        for (ObjectNode chaser : chasers.all()) {
            String id = chaser.get("id").asText();
            chasers.expand(id, 1.0, null, 120.0);
            chasers.expand(id, 0.0, chaser.path("data"), null);
        }
    }

    /**
     * Every metadata layout at once: the input is split at NUL bytes (never valid inside JSON text) into the seed
     * file, info.json, sections.json, beats.json, the Moises chords and meta/Song/meta.json; an empty part is no file.
     */
    @FuzzTest(maxDuration = "1m")
    void songMetadata(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadSongMetadata(content));
    }

    private static void loadSongMetadata(byte[] content) throws IOException {
        Path meta = folder("meta");
        Path song = meta.resolve("Song");
        List<Path> layout = List.of(meta.resolve("Song.json"), song.resolve("info.json"),
                song.resolve("sections.json"), song.resolve("beats.json"), song.resolve("moises/chords.json"),
                song.resolve("meta.json"));
        List<byte[]> parts = split(content, layout.size());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).length > 0) {
                Files.createDirectories(layout.get(i).getParent());
                Files.write(layout.get(i), parts.get(i));
            }
        }
        SongMetadata loaded = MetadataLoader.load(meta, "Song", null);
        assertThat(loaded.lengthSeconds()).isNotNaN();
        assertThat(loaded.beatsPerBar()).isPositive();
    }

    @FuzzTest(maxDuration = "1m")
    void outputsFile(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadOutputsFile(content));
    }

    private static void loadOutputsFile(byte[] content) throws IOException {
        Path dir = folder("outputs");
        Files.write(dir.resolve(OutputsFile.NAME), content);
        try {
            assertThat(OutputsFile.read(dir)).isNotNull();
        } catch (IllegalArgumentException expected) {
            // the file's documented refusal: the server keeps its routing and logs the reason
        }
    }

    @FuzzTest(maxDuration = "1m")
    void midiMappings(byte[] content) {
        FuzzFiles.withinSeconds(10, () -> loadMidiMappings(content));
    }

    /** midi.json: a result, never an exception; what loads writes back and loads again to the same mappings. */
    private static void loadMidiMappings(byte[] content) throws IOException {
        Path dir = folder("midi");
        Path file = dir.resolve(MidiMappingsFile.NAME);
        Files.write(file, content);
        MidiMappingsFile.Loaded loaded = MidiMappingsFile.read(file);
        if (!loaded.writable()) {
            assertThat(loaded.mappings()).isEmpty();
            return;
        }
        MidiMappingsFile.write(file, MidiMappingsFile.content(loaded.mappings(), loaded), channel -> { });
        MidiMappingsFile.Loaded again = MidiMappingsFile.read(file);
        assertThat(again.mappings()).isEqualTo(loaded.mappings());
        assertThat(again.kept()).hasSameSizeAs(loaded.kept());
    }

    private static Path folder(String name) {
        Path dir = SHOW.resolve(name);
        FuzzFiles.clear(dir);
        return dir;
    }

    private static List<byte[]> split(byte[] content, int max) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length && parts.size() < max; i++) {
            if (i == content.length || content[i] == 0) {
                byte[] part = new byte[i - start];
                System.arraycopy(content, start, part, 0, part.length);
                parts.add(part);
                start = i + 1;
            }
        }
        return parts;
    }
}
