package io.beatlight.song.analysis;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Onset strength: the positive spectral flux of log-compressed magnitude spectra (frames of 1024 samples, hop 256,
 * placed so that an onset peaks at its own time), with the local mean removed. One value per hop; {@link #rate()}
 * values per second. A second envelope keeps only the bass band (below ~150 Hz), where kicks mark bars.
 */
public final class OnsetEnvelope {
    public static final int FRAME = 1024;
    public static final int HOP = 256;

    private final double[] strength;
    private final double[] bass;
    private final double[] broadband;
    private final double[] middle;
    private final double[] energy;
    private final float[] pitchClasses;
    private final double rate;

    private OnsetEnvelope(double[] strength, double[] bass, double[] broadband, double[] middle, double[] energy,
                          float[] pitchClasses, double rate) {
        this.strength = strength;
        this.bass = bass;
        this.broadband = broadband;
        this.middle = middle;
        this.energy = energy;
        this.pitchClasses = pitchClasses;
        this.rate = rate;
    }

    public static OnsetEnvelope of(float[] samples, int sampleRate) {
        int frames = samples.length / HOP + 1;
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FRAME);
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(FRAME);
        int bins = FRAME / 2;
        int bassBins = Math.max(2, (int) Math.rint(150.0 * FRAME / sampleRate));
        double[] previous = new double[bins];
        double[] strength = new double[frames];
        double[] bass = new double[frames];
        double[] mid = new double[frames];
        int midBins = (int) Math.rint(2000.0 * FRAME / sampleRate);
        double[] energy = new double[frames];
        int[] pitchClassOfBin = pitchClassOfBin(sampleRate);
        float[] pitchClasses = new float[frames * 12];
        double[] buffer = new double[FRAME];
        for (int f = 0; f < frames; f++) {
            // value f describes time f·HOP/rate. The flux of a percussive onset peaks when the onset reaches the
            // steepest rise of the Hann window, a quarter frame after the window's centre, so the window is placed
            // to have that point, not its centre, at f·HOP (centred frames put beats about 11 ms early)
            int start = f * HOP - FRAME * 3 / 4;
            double sumSquares = 0;
            for (int i = 0; i < FRAME; i++) {
                int at = start + i;
                double s = at >= 0 && at < samples.length ? samples[at] : 0;
                buffer[i] = s * window[i];
                sumSquares += s * s;
            }
            energy[f] = Math.sqrt(sumSquares / FRAME);
            fft.realForward(buffer);
            double flux = 0;
            double bassFlux = 0;
            double midFlux = 0;
            for (int k = 1; k < bins; k++) {
                double re = buffer[2 * k];
                double im = buffer[2 * k + 1];
                double linear = Math.sqrt(re * re + im * im);
                double magnitude = Math.log1p(100 * linear);
                if (pitchClassOfBin[k] >= 0) {
                    pitchClasses[f * 12 + pitchClassOfBin[k]] += (float) linear;
                }
                double rise = magnitude - previous[k];
                if (rise > 0) {
                    flux += rise;
                    if (k < bassBins) {
                        bassFlux += rise;
                    } else if (k < midBins) {
                        midFlux += rise;
                    }
                }
                previous[k] = magnitude;
            }
            strength[f] = flux;
            bass[f] = bassFlux;
            mid[f] = midFlux;
        }
        double[] full = normalised(detrend(strength));
        double[] low = normalised(detrend(bass));
        // beats sit on the kick and snare more than on the hats: the bass band weighs as much as the whole spectrum
        double[] combined = new double[frames];
        for (int i = 0; i < frames; i++) {
            combined[i] = full[i] + 2 * low[i];
        }
        return new OnsetEnvelope(combined, low, full, normalised(detrend(mid)), energy, pitchClasses,
                (double) sampleRate / HOP);
    }

    /** The semitone (0 = A) of each FFT bin between 150 Hz and 3 kHz, -1 elsewhere. */
    private static int[] pitchClassOfBin(int sampleRate) {
        int[] out = new int[FRAME / 2];
        for (int k = 0; k < out.length; k++) {
            double hz = (double) k * sampleRate / FRAME;
            out[k] = hz < 150 || hz > 3000 ? -1 : Math.floorMod((int) Math.rint(12 * Math.log(hz / 440) / Math.log(2)),
                    12);
        }
        return out;
    }

    /** Scales to a mean of 1 over the non-zero values (all zeros stay zeros). */
    private static double[] normalised(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (v > 0) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 1 : sum / n;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / mean;
        }
        return out;
    }

    /** Removes a one-second running mean and clips at zero, so steady textures do not read as onsets. */
    private static double[] detrend(double[] x) {
        int half = 43;
        double[] out = new double[x.length];
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        for (int i = 0; i < x.length; i++) {
            int a = Math.max(0, i - half);
            int b = Math.min(x.length, i + half + 1);
            double mean = (prefix[b] - prefix[a]) / (b - a);
            out[i] = Math.max(0, x[i] - mean);
        }
        return out;
    }

    public double[] strength() {
        return strength;
    }

    public double[] bass() {
        return bass;
    }

    /** The onset strength of the whole spectrum alone (without the extra weight on the bass). */
    double[] broadband() {
        return broadband;
    }

    /**
     * Adds the pitch-class profile of hops [from, to) to {@code sum} (12 values): the spectrum's magnitudes from 150 Hz
     * to 3 kHz folded onto 12 semitones, from the same spectra as the onsets. Magnitudes are not log-compressed, so
     * tonal peaks outweigh noise; the profile shows where the harmony changes.
     */
    void addPitchClasses(int from, int to, double[] sum) {
        int frames = strength.length;
        for (int f = Math.max(0, from); f < Math.min(frames, to); f++) {
            for (int p = 0; p < 12; p++) {
                sum[p] += pitchClasses[f * 12 + p];
            }
        }
    }

    /** The onset strength of 150 Hz – 2 kHz alone: snare bodies, chords, the bass's overtones; no cymbals. */
    double[] middle() {
        return middle;
    }

    /** RMS loudness per hop. */
    public double[] energy() {
        return energy;
    }

    /** Envelope values per second. */
    public double rate() {
        return rate;
    }
}
