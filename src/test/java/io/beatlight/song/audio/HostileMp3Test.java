package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An MP3 whose Info tag claims billions of frames is not believed: no buffer is sized by that claim. */
class HostileMp3Test {
    @TempDir
    Path dir;

    @Test
    void aFrameCountNoMp3OfThisSizeCouldHoldIsTreatedAsUnknown() throws Exception {
        Path wav = new ClickTrack(44100, 120, 0.5, 6).writeWav(dir.resolve("clicks.wav"));
        Path mp3 = dir.resolve("clicks.mp3");
        assumeThat(Encoders.lame(wav, mp3, "-b", "128")).as("lame is installed").isTrue();
        byte[] bytes = Files.readAllBytes(mp3);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int tag = Math.max(text.indexOf("Info"), text.indexOf("Xing"));
        assertThat(tag).as("lame writes an Info tag").isPositive();
        assertThat(bytes[tag + 7] & 1).as("with a frame count").isEqualTo(1);
        long[] expected = {0};
        long[] decoded = {0};
        MonoSink sink = new MonoSink() {
            @Override
            public void begin(int sampleRate, long expectedSamples) {
                expected[0] = expectedSamples;
            }

            @Override
            public void accept(float[] samples, int count) {
                decoded[0] += count;
            }
        };
        AudioFiles.decode(mp3, sink);
        assertThat(expected[0]).as("the honest count is used").isBetween(6L * 44100 - 2000, 6L * 44100 + 2000);

        // 0x7FFFFFFF frames of 1,152 samples in a file of ~100 kB
        bytes[tag + 8] = 0x7F;
        bytes[tag + 9] = (byte) 0xFF;
        bytes[tag + 10] = (byte) 0xFF;
        bytes[tag + 11] = (byte) 0xFF;
        Path lying = dir.resolve("lying.mp3");
        Files.write(lying, bytes);
        decoded[0] = 0;
        AudioFiles.decode(lying, sink);
        assertThat(expected[0]).as("a claim of 2.5 trillion samples is unknown, not a buffer size").isEqualTo(-1);
        assertThat(decoded[0]).isGreaterThan(5L * 44100);
    }
}
