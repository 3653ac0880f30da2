package io.beatlight.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/**
 * Scratch folders for fuzz targets. A fuzz test cannot take a {@code @TempDir} parameter, and one folder is reused by
 * every input of a run (rewriting its files is far cheaper than a new folder per input).
 */
final class FuzzFiles {
    private FuzzFiles() {
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it (symbolic links are removed, never followed). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs one input with a time limit. Not JUnit's {@code @Timeout}: while fuzzing, every input runs inside one test
     * invocation, so that limit would end the whole run.
     */
    static void withinSeconds(int seconds, Executable input) {
        assertTimeoutPreemptively(Duration.ofSeconds(seconds), input);
    }

    /** Empties a folder, keeping it. */
    static void clear(Path dir) {
        delete(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
