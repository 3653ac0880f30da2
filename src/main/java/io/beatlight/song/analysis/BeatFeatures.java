package io.beatlight.song.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * What each beat sounds like, for downbeats and sections: its pitch-class profile and bass profile (from a long
 * STFT, frames of 4096 samples every 2048), and its drum pattern — the onset strength in four bands on the beat and
 * half-way to the next one (from a short STFT, frames of 1024 every 512) — plus its loudness per band and how busy
 * each third-octave band is over the beat. Beat {@code i} spans from its time to the next beat's.
 */
public final class BeatFeatures {
    static final int LONG_FRAME = 4096;
    static final int LONG_HOP = 2048;
    static final int SHORT_FRAME = 1024;
    static final int SHORT_HOP = 512;
    /** Band edges in Hz: kick and bass, low mids, snare body and voices, cymbals and hats. */
    static final double[] BAND_EDGES = {30, 150, 600, 3000, 11025};
    public static final int BANDS = BAND_EDGES.length - 1;
    /** How far from the beat (or the half beat) an onset still counts, in seconds. */
    static final double ONSET_TOLERANCE = 0.035;

    private final double[][] chroma;
    private final double[][] bass;
    private final double[][] onBeat;
    private final double[][] offBeat;
    private final double[][] loudness;
    private final double[][] activity;

    private BeatFeatures(double[][] chroma, double[][] bass, double[][] onBeat, double[][] offBeat,
                         double[][] loudness, double[][] activity) {
        this.chroma = chroma;
        this.bass = bass;
        this.onBeat = onBeat;
        this.offBeat = offBeat;
        this.loudness = loudness;
        this.activity = activity;
    }

    /** Features for every beat of {@code beats} (seconds) in {@code samples} at {@code sampleRate}. */
    public static BeatFeatures of(float[] samples, int sampleRate, List<Double> beats) {
        int n = beats.size();
        double[][] chroma = new double[n][Chroma.CLASSES];
        double[][] bass = new double[n][Chroma.CLASSES];
        double[][] onBeat = new double[n][BANDS];
        double[][] offBeat = new double[n][BANDS];
        double[][] loudness = new double[n][BANDS];
        double[][] activity = new double[n][];
        if (n == 0) {
            return new BeatFeatures(chroma, bass, onBeat, offBeat, loudness, activity);
        }
        pitch(samples, sampleRate, beats, chroma, bass);
        pattern(samples, sampleRate, beats, onBeat, offBeat, loudness, activity);
        for (int i = 0; i < n; i++) {
            normalise(chroma[i]);
            normalise(bass[i]);
        }
        return new BeatFeatures(chroma, bass, onBeat, offBeat, loudness, activity);
    }

    /**
     * Beat-synchronous chroma: the mean over the long frames centred within the beat, from half a frame after it
     * (frames centred earlier still hear the previous beat) or at least its second half.
     */
    private static void pitch(float[] samples, int rate, List<Double> beats, double[][] chroma, double[][] bass) {
        Stft stft = new Stft(samples, LONG_FRAME, LONG_HOP);
        Chroma folding = new Chroma(LONG_FRAME, rate);
        double frameRate = (double) rate / LONG_HOP;
        double halfFrame = LONG_FRAME / 2.0 / rate;
        double[] magnitude = new double[(int) Math.ceil(Chroma.MAX_HZ * LONG_FRAME / rate) + 2];
        for (int i = 0; i < beats.size(); i++) {
            double start = beats.get(i);
            double end = i + 1 < beats.size() ? beats.get(i + 1) : start + (i > 0 ? start - beats.get(i - 1) : 0.5);
            // skip frames that still hear the previous beat, but keep at least the second half of the beat
            double from = start + Math.min(halfFrame, (end - start) / 2);
            int first = (int) Math.ceil(from * frameRate);
            int last = (int) Math.ceil(end * frameRate) - 1;
            last = Math.max(first, Math.min(last, stft.frames() - 1));
            int count = 0;
            for (int f = first; f <= last && f < stft.frames(); f++) {
                stft.magnitude(f, magnitude);
                folding.fold(magnitude, chroma[i], bass[i]);
                count++;
            }
            for (int k = 0; k < Chroma.CLASSES && count > 0; k++) {
                chroma[i][k] /= count;
                bass[i][k] /= count;
            }
        }
    }

    /**
     * Band onset strengths at each beat and half beat, and the band loudness over the beat. The flux is taken per
     * sub-band (a third of an octave wide or more) rather than per bin: far cheaper, and as clear on drums.
     */
    private static void pattern(float[] samples, int rate, List<Double> beats, double[][] onBeat, double[][] offBeat,
                                double[][] loudness, double[][] activity) {
        Stft stft = new Stft(samples, SHORT_FRAME, SHORT_HOP);
        int frames = stft.frames();
        int[] subBandOf = new int[SHORT_FRAME / 2];
        int subBands = subBands(rate, subBandOf);
        int[] bandOfSubBand = new int[subBands];
        for (int k = 0; k < subBandOf.length; k++) {
            if (subBandOf[k] >= 0) {
                bandOfSubBand[subBandOf[k]] = band(k * (double) rate / SHORT_FRAME);
            }
        }
        double[][] flux = new double[BANDS][frames];
        double[][] energy = new double[BANDS][frames];
        float[][] rise = new float[frames][subBands];
        double[] magnitude = new double[SHORT_FRAME / 2];
        double[] power = new double[subBands];
        double[] previous = new double[subBands];
        for (int f = 0; f < frames; f++) {
            stft.magnitude(f, magnitude);
            Arrays.fill(power, 0);
            for (int k = 1; k < magnitude.length; k++) {
                if (subBandOf[k] >= 0) {
                    power[subBandOf[k]] += magnitude[k] * magnitude[k];
                }
            }
            for (int sb = 0; sb < subBands; sb++) {
                int band = bandOfSubBand[sb];
                double l = Math.log1p(1e4 * power[sb]);
                flux[band][f] += Math.max(0, l - previous[sb]);
                energy[band][f] += power[sb];
                rise[f][sb] = (float) Math.max(0, l - previous[sb]);
                previous[sb] = l;
            }
        }
        double frameRate = (double) rate / SHORT_HOP;
        int reach = (int) Math.round(ONSET_TOLERANCE * frameRate);
        for (int i = 0; i < beats.size(); i++) {
            double start = beats.get(i);
            double end = i + 1 < beats.size() ? beats.get(i + 1) : start + (i > 0 ? start - beats.get(i - 1) : 0.5);
            int on = (int) Math.round(start * frameRate);
            int off = (int) Math.round((start + end) / 2 * frameRate);
            int from = Math.max(0, on);
            int to = Math.min(frames, Math.max(from + 1, (int) Math.round(end * frameRate)));
            for (int band = 0; band < BANDS; band++) {
                onBeat[i][band] = peak(flux[band], on, reach);
                offBeat[i][band] = peak(flux[band], off, reach);
                double sum = 0;
                for (int f = from; f < to; f++) {
                    sum += energy[band][f];
                }
                loudness[i][band] = Math.log1p(1000 * Math.sqrt(sum / Math.max(1, to - from)));
            }
            activity[i] = new double[subBands];
            for (int f = from; f < to; f++) {
                for (int sb = 0; sb < subBands; sb++) {
                    activity[i][sb] += rise[f][sb] / (to - from);
                }
            }
        }
    }

    /** Maps FFT bins to sub-bands a third of an octave wide (at least one bin); returns the sub-band count. */
    private static int subBands(int rate, int[] subBandOf) {
        double binHz = (double) rate / SHORT_FRAME;
        int count = 0;
        double upper = 0;
        for (int k = 0; k < subBandOf.length; k++) {
            double hz = k * binHz;
            if (hz < BAND_EDGES[0] || hz >= BAND_EDGES[BANDS]) {
                subBandOf[k] = -1;
                continue;
            }
            if (hz >= upper || band(hz) != band((k - 1) * binHz)) {
                count++;
                upper = Math.max(hz + binHz, hz * Math.pow(2, 1 / 3.0));
            }
            subBandOf[k] = count - 1;
        }
        return count;
    }

    private static int band(double hz) {
        for (int band = BANDS - 1; band > 0; band--) {
            if (hz >= BAND_EDGES[band]) {
                return band;
            }
        }
        return 0;
    }

    private static double peak(double[] x, int at, int reach) {
        double max = 0;
        for (int f = Math.max(0, at - reach); f <= Math.min(x.length - 1, at + reach); f++) {
            max = Math.max(max, x[f]);
        }
        return max;
    }

    /** Scales to a maximum of 1 after a log compression, so quiet and loud beats compare by their shape. */
    private static void normalise(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max <= 0) {
            return;
        }
        double top = Math.log1p(100);
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.log1p(100 * v[k] / max) / top;
        }
    }

    public int size() {
        return chroma.length;
    }

    /** Pitch-class profile of beat {@code i}, maximum 1. */
    public double[] chroma(int i) {
        return chroma[i];
    }

    /** Bass pitch-class profile of beat {@code i}, maximum 1. */
    public double[] bass(int i) {
        return bass[i];
    }

    /** Onset strength per band at beat {@code i}. */
    public double[] onBeat(int i) {
        return onBeat[i];
    }

    /** Onset strength per band half-way between beat {@code i} and the next. */
    public double[] offBeat(int i) {
        return offBeat[i];
    }

    /** Mean positive flux per third-octave band over beat {@code i}: how busy each register is. */
    public double[] activity(int i) {
        return activity[i];
    }

    /** Log loudness per band over beat {@code i}. */
    public double[] loudness(int i) {
        return loudness[i];
    }
}
