package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.AudioDuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not audio, or are damaged, give an IOException naming the file, never a crash or a hang. */
class CorruptAudioTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".mp3", ".wav", ".ogg", ".flac"})
    void garbageEmptyAndHeaderOnlyFilesAreClearErrors(String suffix) throws Exception {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        for (byte[] content : new byte[][] {noise, new byte[0], "not audio at all".getBytes(),
                magic(suffix, noise)}) {
            Path file = dir.resolve("bad" + suffix);
            Files.write(file, content);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                assertThatThrownBy(() -> AudioDecoder.decodeMono(file)).isInstanceOf(IOException.class)
                        .hasMessageContaining("bad" + suffix);
                assertThat(AudioDuration.seconds(file)).isEmpty();
            });
        }
    }

    /** The format's magic bytes followed by noise: passes the format check, fails in the decoder. */
    private static byte[] magic(String suffix, byte[] noise) {
        String magic = switch (suffix) {
            case ".flac" -> "fLaC";
            case ".ogg" -> "OggS";
            case ".wav" -> "RIFF\u0000\u0001\u0000\u0000WAVE";
            default -> "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0010";
        };
        byte[] out = Arrays.copyOf(magic.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 4096);
        System.arraycopy(noise, 0, out, magic.length(), out.length - magic.length());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".mp3", ".ogg", ".flac"})
    void aCutOffOrDamagedFileDecodesWhatIsThereOrFailsClearly(String suffix) throws Exception {
        ClickTrack track = new ClickTrack(44100, 120, 0.5, 6);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path good = dir.resolve("good" + suffix);
        boolean encoded = switch (suffix) {
            case ".mp3" -> Encoders.lame(wav, good, "-b", "128");
            case ".ogg" -> Encoders.oggenc(wav, good);
            default -> Encoders.flac(wav, good);
        };
        assumeThat(encoded).as("the encoder for " + suffix + " is installed").isTrue();
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut" + suffix);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path damaged = dir.resolve("damaged" + suffix);
        byte[] broken = bytes.clone();
        Random random = new Random(3);
        for (int i = broken.length / 3; i < broken.length / 3 + 2000; i++) {
            broken[i] = (byte) random.nextInt();
        }
        Files.write(damaged, broken);
        for (Path file : new Path[] {cut, damaged}) {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    float[] samples = AudioDecoder.decodeMono(file);
                    assertThat(samples.length).isPositive();
                    assertThat(samples.length / (double) AudioDecoder.ANALYSIS_RATE).isLessThan(6.1);
                } catch (IOException e) {
                    assertThat(e).hasMessageContaining(file.getFileName().toString());
                }
            });
        }
    }
}
