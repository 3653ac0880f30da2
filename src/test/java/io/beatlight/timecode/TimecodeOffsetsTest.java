package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.beatlight.util.FileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimecodeOffsetsTest {
    @TempDir
    Path dir;

    @Test
    void offsetsParseAndConvertAtEachRate() {
        TimecodeOffset offset = TimecodeOffset.parse("01:00:00:00");
        assertThat(offset.secondsAt(FrameRate.FPS_25)).isEqualTo(3600.0);
        // 01:00:00;00 in drop-frame is 107,892 frames: 3.6 ms short of an hour of real time
        assertThat(offset.secondsAt(FrameRate.FPS_2997_DF)).isCloseTo(3599.9964, within(1e-4));
        assertThat(TimecodeOffset.parse("00:00:10;29").at(FrameRate.FPS_24).frames()).isEqualTo(23);
        assertThat(TimecodeOffset.parse("00:01:00:00").at(FrameRate.FPS_2997_DF).toString()).isEqualTo("00:01:00;02");
        for (String bad : new String[] {"1:00:00", "24:00:00:00", "00:60:00:00", "00:00:00:30", "x", ""}) {
            assertThatThrownBy(() -> TimecodeOffset.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theFileNamesSongsWithADefaultAndKeepsWhatItCannotRead() throws Exception {
        Path file = dir.resolve(TimecodeOffsets.FILE);
        assertThat(TimecodeOffsets.load(file).offsetOf("Song")).isEqualTo(TimecodeOffset.ZERO);
        Files.writeString(file, """
                {"default_offset": "10:00:00:00", "note": "kept",
                 "songs": {"Song": "01:00:00:00", "Bad": "noon", "Other": 5}}""");
        TimecodeOffsets offsets = TimecodeOffsets.load(file);
        assertThat(offsets.offsetOf("Song").toString()).isEqualTo("01:00:00:00");
        assertThat(offsets.offsetOf("Unnamed").toString()).isEqualTo("10:00:00:00");
        assertThat(offsets.offsetOf("Bad").toString()).isEqualTo("10:00:00:00");
        assertThat(offsets.problems()).hasSize(2);

        offsets.with("New", TimecodeOffset.parse("02:00:00:00")).save(file, FileSync.FORCE);
        String written = Files.readString(file);
        assertThat(written).contains("\"New\" : \"02:00:00:00\"", "\"Bad\" : \"noon\"", "\"note\" : \"kept\"");
        assertThat(Files.exists(dir.resolve(TimecodeOffsets.FILE + ".bak"))).isTrue();
    }

    @Test
    void aFileThatDoesNotParseIsNeverOverwritten() throws Exception {
        Path file = dir.resolve(TimecodeOffsets.FILE);
        Files.writeString(file, "{ not json");
        TimecodeOffsets offsets = TimecodeOffsets.load(file);
        assertThat(offsets.writable()).isFalse();
        assertThat(offsets.problems()).isNotEmpty();
        assertThatThrownBy(() -> offsets.with("Song", TimecodeOffset.ZERO).save(file, FileSync.FORCE))
                .hasMessageContaining("refusing");
        assertThat(Files.readString(file)).isEqualTo("{ not json");
    }
}
