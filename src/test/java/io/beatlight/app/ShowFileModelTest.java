package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.testutil.TestShow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash-safety test's file check refuses what a crash could leave: torn, mixed or doubled files. */
class ShowFileModelTest {
    @TempDir
    Path dir;

    static final String OLD = "{\"song_filename\": \"Song\", \"render_version\": 2, \"entries\": [\n"
            + "  {\"time\": 1.0, \"fixture_id\": \"parcan_l\", \"effect\": \"flash\", \"duration\": 0.5, \"data\": {}}\n"
            + "]}\n";
    static final String NEW = "{\"song_filename\": \"Song\", \"render_version\": 2, \"entries\": [\n"
            + "  {\"time\": 1.0, \"fixture_id\": \"parcan_l\", \"effect\": \"flash\", \"duration\": 0.5, \"data\": {}},\n"
            + "  {\"time\": 2.0, \"fixture_id\": \"parcan_l\", \"effect\": \"flash\", \"duration\": 1.5, \"data\": {}}\n"
            + "]}\n";

    @Test
    void aWholeFileIsReadAndReduced() throws Exception {
        Path cues = write(NEW);
        assertThat(ShowFileModel.CUES.read(cues)).containsOnlyKeys(ShowFileModel.cueKey(1.0, "parcan_l", "flash"),
                ShowFileModel.cueKey(2.0, "parcan_l", "flash"));
    }

    @Test
    void tornMixedAndDoubledFilesAreRefused() throws Exception {
        byte[] fresh = NEW.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ShowFileModel.CUES.read(write(new String(Arrays.copyOf(fresh, fresh.length / 2),
                StandardCharsets.UTF_8)))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ShowFileModel.CUES.read(write(""))).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ShowFileModel.CUES.read(write(NEW + OLD))).isInstanceOf(AssertionError.class);
    }

    @Test
    void aMixedFileThatStillParsesIsNeitherVersion() throws Exception {
        var old = ShowFileModel.CUES.read(write(OLD));
        var fresh = ShowFileModel.CUES.read(write(NEW));
        // the start of the new version over the end of the old one: valid JSON, but the second row's duration is 0.5
        var mixed = ShowFileModel.CUES.read(write(NEW.substring(0, NEW.length() - 20)
                + OLD.substring(OLD.length() - 20)));
        assertThat(mixed).isNotEqualTo(old).isNotEqualTo(fresh);
    }

    @Test
    void aFileTheProductsLoaderRefusesIsRefused() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir.resolve("show"));
        Path pois = show.fixtures().resolve("pois.json");
        assertThat(ShowFileModel.POIS.read(pois)).containsKey("piano");
        Files.writeString(pois, "{\"not\": \"an array\"}");
        assertThatThrownBy(() -> ShowFileModel.POIS.read(pois)).isInstanceOf(AssertionError.class);
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("cues/Song.cue.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
