package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sections go back to the file they came from, in its shape. */
class SectionsWriterTest {
    @TempDir
    Path meta;

    static final List<Section> SECTIONS = List.of(new Section("intro", 0, 8.5), new Section("drop", 8.5, 20));

    @Test
    void seedPartsAreReplacedAndOtherKeysKept() throws Exception {
        Files.writeString(meta.resolve("S.json"), "{\"bpm\": 120, \"parts\": {\"old\": [0, 1]}, \"key\": \"Am\"}");
        Path written = SectionsWriter.save(meta, "S", SECTIONS);
        assertThat(written.getFileName().toString()).isEqualTo("S.json");
        JsonNode root = JsonFiles.read(written);
        assertThat(root.get("key").asText()).isEqualTo("Am");
        assertThat(root.get("parts").toString()).isEqualTo("{\"intro\":[0.0,8.5],\"drop\":[8.5,20.0]}");
        assertThat(MetadataLoader.load(meta, "S", null).sections()).containsExactlyElementsOf(SECTIONS);
        assertThat(Files.exists(meta.resolve("S.json.bak"))).isTrue();
    }

    @Test
    void sectionsJsonKeepsItsWrapperAndKeyNames() throws Exception {
        Files.createDirectories(meta.resolve("L"));
        Files.writeString(meta.resolve("L/sections.json"),
                "{\"version\": 2, \"sections\": [{\"start\": 0, \"end\": 5, \"label\": \"A\"}]}");
        SectionsWriter.save(meta, "L", SECTIONS);
        JsonNode root = JsonFiles.read(meta.resolve("L/sections.json"));
        assertThat(root.get("version").asInt()).isEqualTo(2);
        assertThat(root.at("/sections/1/label").asText()).isEqualTo("drop");
        assertThat(root.at("/sections/1/start").asDouble()).isEqualTo(8.5);
        assertThat(MetadataLoader.load(meta, "L", null).sections()).containsExactlyElementsOf(SECTIONS);
    }

    @Test
    void withNoMetadataANewSectionsFileIsWritten() throws Exception {
        Path written = SectionsWriter.save(meta, "New", SECTIONS);
        assertThat(written).isEqualTo(meta.resolve("New/sections.json"));
        assertThat(JsonFiles.read(written).isArray()).isTrue();
        assertThat(MetadataLoader.load(meta, "New", null).sections()).containsExactlyElementsOf(SECTIONS);
    }

    @Test
    void anUnreadableMetadataFileIsNotOverwritten() throws Exception {
        Files.writeString(meta.resolve("B.json"), "{broken");
        assertThatThrownBy(() -> SectionsWriter.save(meta, "B", SECTIONS)).hasMessageContaining("B.json");
        assertThat(Files.readString(meta.resolve("B.json"))).isEqualTo("{broken");
    }

    @Test
    void sectionsThatShareANameAreAllSavedInParts() throws Exception {
        Files.writeString(meta.resolve("R.json"), "{\"bpm\": 120, \"parts\": {\"A\": [0, 10], \"A\": [10, 20]}}");
        List<Section> sections = List.of(new Section("chorus", 0, 10), new Section("verse", 10, 20),
                new Section("chorus", 20, 30));
        Path written = SectionsWriter.save(meta, "R", sections);
        assertThat(JsonFiles.read(written).get("parts").toString())
                .isEqualTo("{\"chorus_1\":[0.0,10.0],\"verse\":[10.0,20.0],\"chorus_2\":[20.0,30.0]}");
        SongMetadata read = MetadataLoader.load(meta, "R", null);
        assertThat(read.sections()).extracting(Section::name).containsExactly("chorus_1", "verse", "chorus_2");
        assertThat(read.problems()).isEmpty();
        // the array shape keeps the names as they are
        SectionsWriter.save(meta, "Arr", sections);
        assertThat(MetadataLoader.load(meta, "Arr", null).sections()).containsExactlyElementsOf(sections);
    }
}
