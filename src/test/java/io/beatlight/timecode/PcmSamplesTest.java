package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class PcmSamplesTest {
    private static float[] convert(AudioFormat format, int channel, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        float[] out = new float[16];
        int n = new PcmSamples(format, channel).convert(b, b.length, out);
        return java.util.Arrays.copyOf(out, n);
    }

    @Test
    void readsTheChosenChannelOfEveryLinearPcmLayout() {
        assertThat(convert(new AudioFormat(48000, 16, 1, true, false), 0, 0x00, 0x40, 0x00, 0xC0))
                .containsExactly(0.5f, -0.5f);
        assertThat(convert(new AudioFormat(48000, 16, 2, true, true), 1, 0x00, 0x00, 0x40, 0x00, 0x7F, 0xFF, 0x80,
                0x00)).containsExactly(0.5f, -1f);
        assertThat(convert(new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8000, 8, 1, 1, 8000, false), 0, 0x80,
                0xC0, 0x00)).containsExactly(0f, 0.5f, -1f);
        assertThat(convert(new AudioFormat(44100, 24, 1, true, false), 0, 0x00, 0x00, 0xC0))
                .containsExactly(-0.5f);
        int bits = Float.floatToIntBits(-0.25f);
        float[] f = convert(new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 48000, 32, 1, 4, 48000, false), 0,
                bits & 0xFF, bits >> 8 & 0xFF, bits >> 16 & 0xFF, bits >>> 24);
        assertThat(f[0]).isCloseTo(-0.25f, within(0f));
        // a trailing partial frame is left for the next read
        assertThat(convert(new AudioFormat(48000, 16, 2, true, false), 0, 1, 2, 3)).isEmpty();
    }

    @Test
    void refusesWhatIsNotLinearPcm() {
        assertThatThrownBy(() -> new PcmSamples(new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false),
                0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linear PCM");
        assertThatThrownBy(() -> new PcmSamples(new AudioFormat(48000, 16, 1, true, false), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no channel 2");
    }
}
