package io.beatlight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.beatlight.song.audio.AudioFiles;
import io.beatlight.song.audio.AudioInfo;
import io.beatlight.song.audio.MonoSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * The audio decoders (MP3, WAV/AIFF/AU, Ogg Vorbis, FLAC; AudioFiles picks one by the file's first bytes) on arbitrary
 * files: the header probe and the full decode each end with a result or an IOException, within the timeout, and never
 * with an Error (a tiny file claiming a huge length must not allocate for it). Decoded samples are finite, and the
 * decode calls begin() once, before any sample.
 */
class AudioDecoderFuzzTest {
    private static final Path DIR = FuzzFiles.tempDir("beatlight-fuzz-audio");

    @AfterAll
    static void cleanUp() {
        FuzzFiles.delete(DIR);
    }

    @FuzzTest(maxDuration = "1m")
    void decode(byte[] audio) {
        FuzzFiles.withinSeconds(10, () -> decodeFile(audio));
    }

    private static void decodeFile(byte[] audio) throws IOException {
        Path file = DIR.resolve("song");
        Files.write(file, audio);
        try {
            AudioInfo info = AudioFiles.probe(file);
            assertThat(info).isNotNull();
        } catch (IOException expected) {
            // a clean refusal
        }
        CheckingSink sink = new CheckingSink();
        try {
            AudioFiles.decode(file, sink);
        } catch (IOException expected) {
            // a clean refusal; samples before it were still well-formed
        }
    }

    /** Checks the order of calls and that every sample is a finite number. */
    private static final class CheckingSink implements MonoSink {
        private boolean begun;

        @Override
        public void begin(int sampleRate, long expectedSamples) {
            assertThat(begun).as("begin called twice").isFalse();
            begun = true;
        }

        @Override
        public void accept(float[] samples, int count) {
            assertThat(begun).as("samples before begin").isTrue();
            assertThat(count).isBetween(0, samples.length);
            for (int i = 0; i < count; i++) {
                assertThat(Float.isFinite(samples[i])).as("sample %d is %s", i, samples[i]).isTrue();
            }
        }
    }
}
