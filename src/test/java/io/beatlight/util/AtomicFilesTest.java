package io.beatlight.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void eachWriteKeepsThePreviousVersionAsBakAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("pois.json");
        AtomicFiles.write(file, bytes("one"), true);
        assertThat(Files.exists(dir.resolve("pois.json.bak"))).isFalse();
        AtomicFiles.write(file, bytes("two"), true);
        AtomicFiles.write(file, bytes("three"), true);

        assertThat(Files.readString(file)).isEqualTo("three");
        assertThat(Files.readString(dir.resolve("pois.json.bak"))).isEqualTo("two");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pois.json",
                    "pois.json.bak");
        }
    }

    @Test
    void withoutBackupNoBakIsWritten() throws Exception {
        Path file = dir.resolve("a.json");
        AtomicFiles.write(file, bytes("one"), false);
        AtomicFiles.write(file, bytes("two"), false);
        assertThat(Files.readString(file)).isEqualTo("two");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
