package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SongLibraryTest {
    @TempDir
    Path dir;

    @Test
    void listsAudioFilesSortedByStem() throws Exception {
        for (String name : new String[] {"b.mp3", "a song.wav", "c.ogg", "d.flac", "e.MP3", "notes.txt", ".mp3"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        Files.createDirectories(dir.resolve("folder.mp3"));
        Files.writeString(dir.resolve("b.wav"), "x");
        SongLibrary library = new SongLibrary(dir);
        assertThat(library.list()).containsExactly("a song", "b", "c", "d");
        assertThat(library.audioFile("b").orElseThrow().getFileName().toString()).isEqualTo("b.mp3");
        assertThat(new SongLibrary(dir.resolve("missing")).list()).isEmpty();
    }

    @Test
    void idsAndUrls() {
        assertThat(SongLibrary.isSafeId("My Song (live)")).isTrue();
        assertThat(SongLibrary.isSafeId("a/b")).isFalse();
        assertThat(SongLibrary.isSafeId("a\\b")).isFalse();
        assertThat(SongLibrary.isSafeId("..")).isFalse();
        assertThat(SongLibrary.isSafeId(" ")).isFalse();
        assertThat(SongLibrary.audioUrl(Path.of("Song A.mp3"))).isEqualTo("/songs/Song%20A.mp3");
        assertThat(SongLibrary.audioUrl(Path.of("Café+1.mp3"))).isEqualTo("/songs/Caf%C3%A9%2B1.mp3");
    }
}
