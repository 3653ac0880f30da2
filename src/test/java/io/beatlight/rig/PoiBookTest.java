package io.beatlight.rig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pois.json: tolerant loading, verbatim round trips, atomic saves with backup. */
class PoiBookTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAnEmptyWritableBook() {
        PoiBook.Loaded loaded = PoiBook.load(dir.resolve("pois.json"));
        assertThat(loaded.book().valid()).isEmpty();
        assertThat(loaded.book().writable()).isTrue();
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void aMalformedFileIsReadOnlyAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("pois.json");
        for (String content : new String[] {"[{\"id\": ", "{\"id\": \"piano\"}"}) {
            Files.writeString(file, content);
            PoiBook.Loaded loaded = PoiBook.load(file);
            assertThat(loaded.book().writable()).isFalse();
            assertThat(loaded.problems()).hasSize(1);
            PoiBook edited = loaded.book().withAdded(Json.object().put("id", "x"));
            assertThatThrownBy(() -> edited.save(file)).hasMessageContaining("refusing");
            assertThat(Files.readString(file)).isEqualTo(content);
        }
    }

    @Test
    void invalidRowsAreKeptVerbatimAndUnknownKeysAndNumbersRoundTrip() throws Exception {
        Path file = dir.resolve("pois.json");
        String original = """
                [{"id": "piano", "name": "Piano", "location": {"x": 0.1, "y": 0.5, "z": 0},
                  "fixtures": {"head": {"pan": 43693, "tilt": 5898}}, "comment": "stage left"},
                 7,
                 {"name": "no id"},
                 {"id": "bad", "location": "here"},
                 {"id": "PIANO", "name": "duplicate"}]""";
        Files.writeString(file, original);
        PoiBook.Loaded loaded = PoiBook.load(file);
        assertThat(loaded.book().valid()).hasSize(1);
        assertThat(loaded.problems()).hasSize(4);
        assertThat(loaded.book().containsIgnoreCase("Piano")).isTrue();
        ObjectNode table = Json.object().put("id", "table").put("name", "Table");
        PoiBook next = loaded.book().withAdded(table);
        next.save(file);
        assertThat(Files.readString(dir.resolve("pois.json.bak"))).isEqualTo(original);
        var saved = Json.MAPPER.readTree(Files.readString(file));
        assertThat(saved.size()).isEqualTo(6);
        assertThat(saved.get(0).get("comment").asText()).isEqualTo("stage left");
        assertThat(saved.get(0).at("/location/x").asText()).isEqualTo("0.1");
        assertThat(saved.get(0).at("/fixtures/head/pan").isInt()).isTrue();
        assertThat(saved.get(1).asInt()).isEqualTo(7);
        assertThat(saved.get(3).get("location").asText()).isEqualTo("here");
        assertThat(saved.get(5).get("id").asText()).isEqualTo("table");
        PoiBook removed = PoiBook.load(file).book().withRemoved("table").withReplaced("piano",
                Json.object().put("id", "piano").put("name", "Grand"));
        assertThat(removed.valid()).extracting(p -> p.get("name").asText()).containsExactly("Grand");
        assertThat(removed.rows()).hasSize(5);
    }
}
