package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.beatlight.testutil.TestShow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MP3 songs: the length comes from the file when the metadata does not give it. */
public class Mp3Test {
    @TempDir
    Path dir;

    public static boolean encode(Path wav, Path mp3, String title) throws Exception {
        try {
            Process lame = new ProcessBuilder("lame", "--quiet", "-b", "64", "--tt", title, wav.toString(),
                    mp3.toString()).redirectErrorStream(true).start();
            return lame.waitFor(60, TimeUnit.SECONDS) && lame.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void durationAndTitleAreReadFromAnMp3() throws Exception {
        Path wav = dir.resolve("tone.wav");
        TestShow.writeSilentWav(wav, 7.5, 44100);
        Path mp3 = dir.resolve("My Song.mp3");
        assumeTrue(encode(wav, mp3, "My Song Title"), "lame is not installed (CI installs it)");
        // the LAME tag's delay and padding give the exact (gapless) length, as a browser plays it
        assertThat(AudioDuration.seconds(mp3)).hasValueSatisfying(s -> assertThat(s).isCloseTo(7.5, Offset.offset(1e-6)));
        assertThat(AudioDuration.title(mp3)).hasValue("My Song Title");
        SongMetadata meta = MetadataLoader.load(dir.resolve("meta"), "My Song", mp3);
        assertThat(meta.lengthSeconds()).isCloseTo(7.5, Offset.offset(1e-6));
        Files.writeString(dir.resolve("broken.mp3"), "not audio");
        assertThat(AudioDuration.seconds(dir.resolve("broken.mp3"))).isEmpty();
    }
}
