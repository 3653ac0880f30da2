package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.FileSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hints file: read and normalised, other fields kept, ui ids counted on, an unreadable file never overwritten. */
class HumanHintsTest {
    @TempDir
    Path meta;

    @Test
    void rowsAreNormalisedSortedAndTheFilesOtherFieldsKept() throws IOException {
        Path file = HumanHints.fileFor(meta, "Song");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"song_name": "My Song", "author": "ana", "human_hints": [
                  {"id": "ui_007", "start_time": 4, "end_time": 2, "title": " late "},
                  {"id": "x", "start_time": -3, "summary": "s"},
                  {"title": "no id"}]}""");
        HumanHints hints = HumanHints.load(meta, "Song");
        assertThat(hints.hints()).extracting(HumanHints.Hint::id).containsExactly("x", "ui_007");
        assertThat(hints.hints().get(1).endTime()).isEqualTo(4.0);
        assertThat(hints.hints().get(1).title()).isEqualTo("late");
        assertThat(hints.nextId()).isEqualTo("ui_008");

        ObjectNode content = hints.remove("x");
        HumanHints.write(file, content, FileSync.FORCE);
        String written = Files.readString(file);
        assertThat(written).contains("\"author\" : \"ana\"", "\"song_name\" : \"My Song\"").doesNotContain("\"x\"");
        assertThat(Files.readString(file.resolveSibling("human_hints.json.bak"))).contains("no id");
    }

    @Test
    void anUnreadableFileIsReportedAndNeverOverwritten() throws IOException {
        Path file = HumanHints.fileFor(meta, "Song");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"human_hints\": [");
        HumanHints hints = HumanHints.load(meta, "Song");
        assertThat(hints.unreadable()).isPresent();
        assertThat(hints.hints()).isEmpty();
        assertThatThrownBy(() -> hints.put(new HumanHints.Hint("ui_001", 0, 1, "t", "", "")))
                .isInstanceOf(IOException.class);
        assertThat(hints.hints()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo("{\"human_hints\": [");
    }

    @Test
    void aMissingFileIsNoHints() {
        HumanHints hints = HumanHints.load(meta, "Other");
        assertThat(hints.hints()).isEmpty();
        assertThat(hints.fileExists()).isFalse();
        assertThat(hints.unreadable()).isEmpty();
        assertThat(hints.nextId()).isEqualTo("ui_001");
    }
}
