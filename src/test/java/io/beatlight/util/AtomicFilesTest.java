package io.beatlight.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRewrittenFileKeepsItsPermissions() throws Exception {
        for (String mode : List.of("rw-r--r--", "rw-rw-r--", "rw-r-----", "rw-------")) {
            Path file = dir.resolve("f-" + mode + ".json");
            Files.write(file, text("old"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            AtomicFiles.write(file, text("new"), true);
            assertThat(Files.readString(file)).isEqualTo("new");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(mode).isEqualTo(mode);
        }
    }

    @Test
    void aNewFileGetsTheModeOfAnyNewFile() throws Exception {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path file = dir.resolve("new.json");
        AtomicFiles.write(file, text("x"), false);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void staleTemporaryFilesAreRemovedAndNothingElse() throws Exception {
        Path show = Files.createDirectories(dir.resolve("show"));
        Path meta = Files.createDirectories(show.resolve("meta/S"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(show.resolve("linked"), outside);
        List<Path> stale = List.of(show.resolve("fixtures/.pois.json.8127361283761.tmp"),
                meta.resolve(".beats.json.42.tmp"), show.resolve("cues/.S.cue.json.7.tmp"));
        List<Path> kept = List.of(show.resolve("notes.tmp"), show.resolve(".hidden.tmp"),
                show.resolve(".x.12.tmp.keep"), show.resolve("x.12.tmp"), outside.resolve(".a.json.1.tmp"),
                dir.resolve(".beside.json.1.tmp"));
        for (Path p : stale) {
            Files.createDirectories(p.getParent());
            Files.write(p, text("partial"));
        }
        for (Path p : kept) {
            Files.write(p, text("mine"));
        }
        Files.createDirectories(show.resolve("dir.5.tmp"));
        Path staleDir = Files.createDirectories(show.resolve(".d.5.tmp"));

        List<Path> real = new java.util.ArrayList<>();
        for (Path p : stale) {
            real.add(p.toRealPath());
        }

        List<Path> removed = AtomicFiles.removeStaleTemporaryFiles(show);

        assertThat(removed).containsExactlyInAnyOrderElementsOf(real);
        stale.forEach(p -> assertThat(p).doesNotExist());
        kept.forEach(p -> assertThat(p).exists());
        assertThat(staleDir).isDirectory(); // only files are ours

        // a show folder reached through a link is cleaned too
        Path again = Files.writeString(show.resolve("fixtures/.pois.json.99.tmp"), "partial");
        assertThat(AtomicFiles.removeStaleTemporaryFiles(Files.createSymbolicLink(dir.resolve("show-link"), show)))
                .hasSize(1);
        assertThat(again).doesNotExist();
    }

    @Test
    void theBackupOfALinkIsTheLinkNotWhatItPointsTo() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.json"), "secret");
        Path show = Files.createDirectories(dir.resolve("show"));
        Path file = Files.createSymbolicLink(show.resolve("pois.json"), secret);
        AtomicFiles.write(file, text("[]"), true);
        assertThat(Files.readString(secret)).isEqualTo("secret");
        Path backup = show.resolve("pois.json.bak");
        assertThat(Files.isSymbolicLink(backup) || !Files.exists(backup)).isTrue();
    }

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
