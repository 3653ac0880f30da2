package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.beatlight.effects.RenderVersion;

/** Cue sheet files: both containers round-trip with unknown keys and numbers intact. */
class CueSheetFilesTest {
    @TempDir
    Path dir;

    @Test
    void objectFormRoundTripsKeyOrderUnknownKeysAndNumbers() throws Exception {
        String text = "{\"song_filename\": \"S\", \"meta\": {\"a\": 1}, \"entries\": [{\"time\": 0.1, \"fixture_id\":"
                + " \"p\", \"effect\": \"flash\", \"duration\": 1.0, \"data\": {\"red\": 12}, \"comment\": \"x\"}],"
                + " \"trailer\": true}";
        Files.writeString(dir.resolve("S.cue.json"), text);
        CueSheetFiles.Loaded loaded = CueSheetFiles.load(dir, "S");
        assertThat(loaded.sheet().container()).isEqualTo(CueSheet.Container.OBJECT);
        assertThat(loaded.sheet().version()).isEqualTo(RenderVersion.V1);
        CueSheetFiles.save(loaded.sheet());
        JsonNode saved = Json.MAPPER.readTree(Files.readString(dir.resolve("S.cue.json")));
        assertThat(saved).isEqualTo(Json.MAPPER.readTree(text));
        List<String> keys = new ArrayList<>();
        saved.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("song_filename", "meta", "entries", "trailer");
        assertThat(Files.readString(dir.resolve("S.cue.json"))).contains("0.1").contains("1.0");
        assertThat(Files.readString(dir.resolve("S.cue.json.bak"))).isEqualTo(text);
        CueSheetFiles.save(loaded.sheet().withVersion(RenderVersion.V2));
        assertThat(CueSheetFiles.load(dir, "S").sheet().version()).isEqualTo(RenderVersion.V2);
    }

    @Test
    void arrayFormStaysAnArrayAndNewSheetsAreObjects() throws Exception {
        Files.writeString(dir.resolve("A.json"), "[{\"time\": 1, \"chaser_id\": \"c\", \"data\": {\"repetitions\": 2}}]");
        CueSheet array = CueSheetFiles.load(dir, "A").sheet();
        assertThat(array.container()).isEqualTo(CueSheet.Container.ARRAY);
        assertThat(array.version()).isEqualTo(RenderVersion.V2);
        CueSheetFiles.save(array);
        assertThat(Json.MAPPER.readTree(Files.readString(dir.resolve("A.json"))).isArray()).isTrue();
        CueSheet fresh = CueSheetFiles.load(dir, "New").sheet();
        assertThat(fresh.file().getFileName().toString()).isEqualTo("New.cue.json");
        assertThat(fresh.version()).isEqualTo(RenderVersion.V2);
        CueSheetFiles.save(fresh);
        JsonNode created = Json.MAPPER.readTree(Files.readString(dir.resolve("New.cue.json")));
        assertThat(created.get("song_filename").asText()).isEqualTo("New");
        assertThat(created.get("render_version").asInt()).isEqualTo(2);
    }

    @Test
    void bothFilesPresentUsesTheNewerAndWarns() throws Exception {
        Files.writeString(dir.resolve("B.cue.json"), "{\"entries\": []}");
        Files.writeString(dir.resolve("B.json"), "[]");
        Files.setLastModifiedTime(dir.resolve("B.cue.json"), FileTime.fromMillis(1_000_000));
        CueSheetFiles.Loaded loaded = CueSheetFiles.load(dir, "B");
        assertThat(loaded.sheet().container()).isEqualTo(CueSheet.Container.ARRAY);
        assertThat(loaded.warnings()).hasSize(1);
    }

    @Test
    void unreadableFilesAreReadOnlyAndNeverOverwritten() throws Exception {
        for (String content : new String[] {"{\"entries\": 5}", "[1,", "\"text\""}) {
            Files.writeString(dir.resolve("U.json"), content);
            CueSheet sheet = CueSheetFiles.load(dir, "U").sheet();
            assertThat(sheet.readOnly()).isTrue();
            assertThatThrownBy(() -> CueSheetFiles.save(sheet.withRows(List.of()))).hasMessageContaining("refusing");
            assertThat(Files.readString(dir.resolve("U.json"))).isEqualTo(content);
        }
    }
}
