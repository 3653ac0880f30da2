package io.beatlight.song.analysis;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Magnitude spectra of Hann-windowed frames, computed on demand: frame {@code f} is centred on sample
 * {@code f·hop} (zero-padded at both ends), so its time is {@code f·hop / sampleRate}.
 */
final class Stft {
    private final float[] samples;
    private final int size;
    private final int hop;
    private final double[] window;
    private final double[] buffer;
    private final DoubleFFT_1D fft;

    Stft(float[] samples, int size, int hop) {
        this.samples = samples;
        this.size = size;
        this.hop = hop;
        this.window = new double[size];
        for (int i = 0; i < size; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / size);
        }
        this.buffer = new double[size];
        this.fft = new DoubleFFT_1D(size);
    }

    int frames() {
        return samples.length / hop + 1;
    }

    /**
     * Fills {@code out} with the magnitudes of the lowest {@code out.length} bins (at most size/2) of frame
     * {@code f}, scaled so a full-scale sine is ~1.
     */
    void magnitude(int f, double[] out) {
        int start = f * hop - size / 2;
        for (int i = 0; i < size; i++) {
            int at = start + i;
            buffer[i] = at >= 0 && at < samples.length ? samples[at] * window[i] : 0;
        }
        fft.realForward(buffer);
        double scale = 4.0 / size;
        out[0] = Math.abs(buffer[0]) * scale;
        for (int k = 1; k < Math.min(out.length, size / 2); k++) {
            double re = buffer[2 * k];
            double im = buffer[2 * k + 1];
            out[k] = Math.sqrt(re * re + im * im) * scale;
        }
    }
}
