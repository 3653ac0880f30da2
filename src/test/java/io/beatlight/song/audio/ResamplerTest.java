package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming resampler keeps the timebase: output sample i is input time i / targetRate. */
class ResamplerTest {
    private static float[] run(int from, int to, float[] input, int chunk) {
        Resampler r = new Resampler(to);
        r.begin(from, input.length);
        float[] buffer = new float[chunk];
        for (int at = 0; at < input.length; at += chunk) {
            int n = Math.min(chunk, input.length - at);
            System.arraycopy(input, at, buffer, 0, n);
            r.accept(buffer, n);
        }
        return r.finish();
    }

    /** A ramp whose value is its own time: the output must read i / 22050 at sample i (an offset shows at once). */
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {8000, 32000, 44100, 48000, 96000})
    void aRampKeepsItsTimes(int rate) {
        float[] in = new float[rate * 2];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) i / rate;
        }
        float[] out = run(rate, 22050, in, 777);
        assertThat(out).hasSize((int) Math.ceil(in.length * 22050.0 / rate));
        for (int i = 10; i < out.length - 10; i += 97) {
            assertThat((double) out[i]).isCloseTo(i / 22050.0, Offset.offset(1e-6));
        }
    }

    @Test
    void theSameRateIsACopyAndChunksDoNotMatter() {
        float[] in = new float[10_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) Math.sin(i * 0.01);
        }
        assertThat(Arrays.equals(run(22050, 22050, in, 333), in)).isTrue();
        assertThat(Arrays.equals(run(44100, 22050, in, 1), run(44100, 22050, in, 4096))).isTrue();
    }
}
