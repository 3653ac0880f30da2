package io.beatlight.song.analysis;

/**
 * Folds a magnitude spectrum into pitch-class profiles: twelve bins (C, C#, … B) from the spectral peaks between
 * {@link #MIN_HZ} and {@link #MAX_HZ}, and a separate bass profile from the peaks between {@link #BASS_MIN_HZ} and
 * {@link #BASS_MAX_HZ}, where the root of a chord usually sits. Only local maxima count, each at its interpolated
 * frequency, so the broadband noise of drums spreads thinly instead of filling every pitch class.
 */
public final class Chroma {
    public static final int CLASSES = 12;
    static final double MIN_HZ = 110;
    static final double MAX_HZ = 3520;
    static final double BASS_MIN_HZ = 40;
    static final double BASS_MAX_HZ = 260;

    private final double binHz;

    /** For spectra of {@code frameSize} samples at {@code sampleRate}. */
    public Chroma(int frameSize, int sampleRate) {
        this.binHz = (double) sampleRate / frameSize;
    }

    /**
     * Adds the pitch-class energy of one magnitude spectrum ({@code magnitude[k]} for bin k) to {@code chroma} and
     * {@code bass}, each of length {@link #CLASSES}.
     */
    public void fold(double[] magnitude, double[] chroma, double[] bass) {
        int first = Math.max(1, (int) Math.floor(BASS_MIN_HZ / binHz));
        int last = Math.min(magnitude.length - 2, (int) Math.ceil(MAX_HZ / binHz));
        for (int k = first; k <= last; k++) {
            double m = magnitude[k];
            if (m <= 0 || m < magnitude[k - 1] || m < magnitude[k + 1]) {
                continue;
            }
            double a = magnitude[k - 1];
            double c = magnitude[k + 1];
            double denominator = a - 2 * m + c;
            double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
            double hz = (k + offset) * binHz;
            double midi = 69 + 12 * Math.log(hz / 440) / Math.log(2);
            // split between the two nearest pitch classes, so a slightly detuned note still counts fully
            double lower = Math.floor(midi);
            double weight = midi - lower;
            int below = Math.floorMod((int) lower, CLASSES);
            int above = (below + 1) % CLASSES;
            if (hz >= MIN_HZ && hz <= MAX_HZ) {
                chroma[below] += (1 - weight) * m;
                chroma[above] += weight * m;
            }
            if (hz >= BASS_MIN_HZ && hz <= BASS_MAX_HZ) {
                bass[below] += (1 - weight) * m;
                bass[above] += weight * m;
            }
        }
    }
}
