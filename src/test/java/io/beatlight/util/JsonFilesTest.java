package io.beatlight.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JSON files: the strict read, and the read that lets a key repeat. */
class JsonFilesTest {
    @TempDir
    Path dir;

    @Test
    void aRepeatedKeyFailsTheStrictReadButNotTheTolerantOne() throws Exception {
        Path file = dir.resolve("song.json");
        Files.writeString(file, """
                {"bpm": 90, "parts": {"A": [0, 10], "B": [10, 20], "A": [20, 30]},
                 "hints": {"x": 1, "x": 2, "nested": [{"k": true, "k": null}]}, "big": 12345678901234567890,
                 "float": 0.1, "int": 7, "long": 12345678901}""");
        assertThatThrownBy(() -> JsonFiles.read(file)).hasMessageContaining("Duplicate field 'A'");
        List<String> seen = new ArrayList<>();
        JsonNode root = JsonFiles.read(file, (pointer, keys) -> {
            seen.add(pointer + " " + keys);
            return pointer.equals("/parts") ? List.of("A_1", "B", "A_2") : keys;
        });
        assertThat(seen).containsExactly("/parts [A, B, A]", "/hints/nested/0 [k, k]", "/hints [x, x, nested]");
        assertThat(root.get("parts").properties()).extracting(e -> e.getKey() + "=" + e.getValue())
                .containsExactly("A_1=[0,10]", "B=[10,20]", "A_2=[20,30]");
        assertThat(root.at("/hints/x").asInt()).isEqualTo(2);
        assertThat(root.at("/hints/nested/0/k").isNull()).isTrue();
        // the same nodes as the strict read makes
        Path plain = dir.resolve("plain.json");
        Files.writeString(plain, Files.readString(file).replace("\"A\": [20, 30]", "\"C\": [20, 30]")
                .replace("\"x\": 2", "\"y\": 2").replace("\"k\": null", "\"j\": null"));
        assertThat(JsonFiles.read(plain, (pointer, keys) -> keys)).isEqualTo(JsonFiles.read(plain));
    }

    @Test
    void malformedFilesFailTheTolerantReadWithLineAndColumn() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"a\": [1, 2}\n");
        assertThatThrownBy(() -> JsonFiles.read(file, (pointer, keys) -> keys))
                .hasMessageContaining("bad.json: invalid JSON at line 1");
        Files.writeString(file, "{\"a\": {\"b\": 1");
        assertThatThrownBy(() -> JsonFiles.read(file, (pointer, keys) -> keys)).hasMessageContaining("invalid JSON");
        Files.writeString(file, "  ");
        assertThatThrownBy(() -> JsonFiles.read(file, (pointer, keys) -> keys)).hasMessageContaining("empty file");
    }
}
