package io.beatlight.song.audio;

/**
 * Resamples a stream of mono samples to a fixed rate as they arrive: linear interpolation, after a box low-pass
 * of about the rate ratio's width when shrinking (enough for onset analysis). The box is read at its centre, so
 * the output keeps the input's timebase: output sample i is input time i / targetRate. The output has
 * ceil(n · target / source) samples for n input samples, so both lengths describe the same duration.
 */
public final class Resampler implements MonoSink {
    private final int targetRate;
    private double ratio;
    private double centre;
    private float[] ring;
    private int ringPos;
    private long inputs;
    private float previous;
    private float current;
    private long outputs;
    private FloatBuffer out;

    public Resampler(int targetRate) {
        this.targetRate = targetRate;
    }

    @Override
    public void begin(int sourceRate, long expectedSamples) {
        ratio = (double) sourceRate / targetRate;
        int width = ratio > 1.5 ? (int) Math.rint(ratio) : 1;
        // the mean of samples j-width+1 .. j describes time j - (width-1)/2
        centre = (width - 1) / 2.0;
        ring = new float[width];
        long expectedOut = expectedSamples < 0 ? -1 : (long) Math.ceil(expectedSamples / ratio);
        out = new FloatBuffer(expectedOut, targetRate * 60);
    }

    @Override
    public void accept(float[] samples, int count) {
        int width = ring.length;
        for (int n = 0; n < count; n++) {
            ring[ringPos] = samples[n];
            ringPos = ringPos + 1 == width ? 0 : ringPos + 1;
            long j = inputs++;
            previous = current;
            current = boxMean(Math.min(j + 1, width));
            if (j == 0) {
                continue;
            }
            // every output whose position q (in filtered input samples) lies in [j-1, j) is due now
            while (true) {
                double q = outputs * ratio + centre;
                if (q >= j) {
                    break;
                }
                double f = q - (j - 1);
                out.add((float) (previous + (current - previous) * f));
                outputs++;
            }
        }
    }

    /** The mean of the last {@code n} samples (summed afresh: the box is a few samples wide, and nothing drifts). */
    private float boxMean(long n) {
        if (ring.length == 1) {
            return ring[0];
        }
        float sum = 0;
        for (float v : ring) {
            sum += v;
        }
        return sum / n;
    }

    /** The resampled signal; call once after the last {@link #accept}. */
    public float[] finish() {
        if (out == null) {
            return new float[0];
        }
        // outputs whose position lies past the last input sample take its (filtered) value
        while (outputs * ratio < inputs) {
            out.add(current);
            outputs++;
        }
        return out.toArray();
    }

    public int targetRate() {
        return targetRate;
    }
}
