package io.beatlight.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBoundsTest {
    @TempDir
    Path dir;

    @Test
    void realPathsDecide() throws Exception {
        Path show = Files.createDirectories(dir.resolve("show"));
        Path meta = show.resolve("meta");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        // a folder not created yet, and files below it
        assertThat(FolderBounds.inside(meta, meta.resolve("S/beats.json"))).isTrue();
        assertThat(FolderBounds.inside(meta, meta.resolve("../fixtures/x.json"))).isFalse();
        Files.createDirectories(meta);
        Files.createSymbolicLink(meta.resolve("Out"), outside);
        Files.createSymbolicLink(meta.resolve("In"), Files.createDirectories(meta.resolve("real")));
        Files.createSymbolicLink(meta.resolve("dangling.json"), outside.resolve("missing.json"));
        assertThat(FolderBounds.inside(meta, meta.resolve("Out/beats.json"))).isFalse();
        assertThat(FolderBounds.inside(meta, meta.resolve("In/beats.json"))).isTrue();
        assertThat(FolderBounds.inside(meta, meta.resolve("dangling.json"))).isFalse();
        assertThatThrownBy(() -> FolderBounds.requireInside(meta, meta.resolve("Out/x.json")))
                .hasMessageContaining("outside the meta folder");
        // the folder itself may be a link
        Path linkedSongs = Files.createSymbolicLink(show.resolve("songs"), outside);
        assertThat(FolderBounds.inside(linkedSongs, linkedSongs.resolve("a.mp3"))).isTrue();
    }
}
