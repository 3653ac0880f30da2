package io.beatlight.timecode;

import java.util.function.Consumer;

/**
 * Decodes SMPTE linear timecode (SMPTE 12M) from mono PCM samples.
 *
 * <p>Signal: biphase mark, a transition at every bit boundary and one more in the middle of a 1; 80 bits a frame,
 * the last 16 the sync word {@code 0011111111111101}. The decoder follows the signal's envelope (peak and trough,
 * decaying over a few milliseconds), so amplitude, gain changes, DC offset and polarity do not matter; a Schmitt
 * trigger with hysteresis at a tenth of the swing finds the transitions, each placed on the midpoint crossing by
 * linear interpolation. Intervals are classed as half or whole bits against a bit period learnt from the signal
 * and then tracked, so any of the four rates at any speed within about ±10% locks without being told the rate.
 * Frames are recognised in both directions: forwards by the sync word ending the last 80 bits, backwards by the
 * mirrored sync word starting them.
 *
 * <p>The rate: drop-frame flag set means 29.97 drop-frame; otherwise the frame count at which the seconds roll over
 * once one was seen, before that the rate nearest the measured frame rate that can hold the highest frame number
 * seen (or the rate given, if any). Not thread-safe: feed it from one thread.
 */
public final class LtcDecoder {
    static final int SYNC_FORWARD = 0x3FFD;
    static final int SYNC_BACKWARD = 0xBFFC;
    private static final double ENVELOPE_SECONDS = 0.004;
    private static final float MIN_SWING = 0.002f;
    private static final int LEARN_INTERVALS = 12;

    private final double sampleRate;
    private final FrameRate expectedRate;
    private final Consumer<LtcFrame> listener;
    private final double envelopeStep;
    private final double minBit;
    private final double maxBit;

    private long sampleIndex;
    private float high;
    private float low;
    private boolean level;
    private boolean levelKnown;
    private final float[] recent = new float[8];
    private double lastEdge = Double.NaN;

    private double bitPeriod;
    private final double[] learning = new double[LEARN_INTERVALS];
    private final double[] learningEnds = new double[LEARN_INTERVALS];
    private int learnt;
    private int outOfRange;
    private boolean halfPending;

    private long lo;
    private int hi;
    private int bitsSinceFrame;

    private LtcFrame previous;
    private int knownFps;
    private int highestFrame;

    private long frames;
    private long rejectedFrames;
    private long resyncs;

    /** Learns the rate from the signal. */
    public LtcDecoder(double sampleRate, Consumer<LtcFrame> listener) {
        this(sampleRate, null, listener);
    }

    /** With the rate to assume for non-drop-frame code until the signal proves otherwise (null: learn it). */
    public LtcDecoder(double sampleRate, FrameRate expectedRate, Consumer<LtcFrame> listener) {
        if (!(sampleRate >= 8000)) {
            throw new IllegalArgumentException("sample rate too low for LTC: " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.expectedRate = expectedRate;
        this.listener = listener;
        this.envelopeStep = 1.0 / (ENVELOPE_SECONDS * sampleRate);
        // 20 to 36 frames a second: the four rates with room for varispeed
        this.minBit = sampleRate / (80 * 36.0);
        this.maxBit = sampleRate / (80 * 20.0);
    }

    public void process(float[] samples, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            sample(samples[i]);
        }
    }

    private void sample(float x) {
        long n = sampleIndex++;
        recent[(int) (n & 7)] = x;
        if (n == 0) {
            high = x;
            low = x;
            return;
        }
        high = x > high ? x : (float) (high + (x - high) * envelopeStep);
        low = x < low ? x : (float) (low + (x - low) * envelopeStep);
        float swing = high - low;
        if (swing < MIN_SWING) {
            return;
        }
        float mid = (high + low) / 2;
        float hysteresis = swing * 0.1f;
        if (!levelKnown) {
            if (Math.abs(x - mid) > hysteresis) {
                level = x > mid;
                levelKnown = true;
            }
            return;
        }
        boolean flips = level ? x < mid - hysteresis : x > mid + hysteresis;
        if (!flips) {
            return;
        }
        level = !level;
        edge(crossing(n, mid));
    }

    /** Where the signal crossed {@code mid}, looking back a few samples from the one that tripped the trigger. */
    private double crossing(long n, float mid) {
        boolean rising = level;
        long j = n;
        for (int back = 0; back < 6 && j > 0; back++, j--) {
            float a = recent[(int) ((j - 1) & 7)];
            float b = recent[(int) (j & 7)];
            boolean aBefore = rising ? a <= mid : a >= mid;
            boolean bAfter = rising ? b > mid : b < mid;
            if (aBefore && bAfter) {
                return (j - 1) + (mid - a) / (double) (b - a);
            }
        }
        return n - 0.5;
    }

    private void edge(double at) {
        if (Double.isNaN(lastEdge)) {
            lastEdge = at;
            return;
        }
        double interval = at - lastEdge;
        lastEdge = at;
        if (bitPeriod == 0) {
            learn(interval, at);
            return;
        }
        classify(interval, at);
    }

    private void classify(double interval, double at) {
        if (interval < 0.3 * bitPeriod || interval > 1.5 * bitPeriod) {
            loseSync();
            if (++outOfRange >= 3) {
                unlock();
            }
            return;
        }
        outOfRange = 0;
        if (interval < 0.75 * bitPeriod) {
            track(2 * interval, 1.0 / 16);
            if (halfPending) {
                halfPending = false;
                bit(true, at);
            } else {
                halfPending = true;
            }
        } else {
            track(interval, 1.0 / 8);
            if (halfPending) {
                // a lone half bit: we locked onto the middle of a 1; the bit it belonged to is lost
                halfPending = false;
                loseSync();
            }
            bit(false, at);
        }
    }

    private void track(double measured, double weight) {
        bitPeriod += (measured - bitPeriod) * weight;
        if (bitPeriod < minBit * 0.9 || bitPeriod > maxBit * 1.1) {
            unlock();
            loseSync();
        }
    }

    /** The bit period is the longest of a dozen intervals once both lengths (about 1:2) have been seen. */
    private void learn(double interval, double at) {
        learning[learnt % LEARN_INTERVALS] = interval;
        learningEnds[learnt % LEARN_INTERVALS] = at;
        learnt = (learnt + 1) % (LEARN_INTERVALS << 16);
        if (learnt < LEARN_INTERVALS) {
            return;
        }
        double longest = 0;
        double shortest = Double.MAX_VALUE;
        for (double d : learning) {
            longest = Math.max(longest, d);
            shortest = Math.min(shortest, d);
        }
        double ratio = longest / shortest;
        if (ratio > 1.6 && ratio < 2.5 && longest >= minBit && longest <= maxBit) {
            bitPeriod = longest;
            halfPending = false;
            outOfRange = 0;
            // decode the intervals it learnt from too, so their bits count towards the first frame
            for (int i = learnt - LEARN_INTERVALS; i < learnt; i++) {
                int slot = Math.floorMod(i, LEARN_INTERVALS);
                if (bitPeriod != 0) {
                    classify(learning[slot], learningEnds[slot]);
                }
            }
        }
    }

    /** Forget the bit period and what the rate looked like: the next signal may be another one. */
    private void unlock() {
        bitPeriod = 0;
        learnt = 0;
        outOfRange = 0;
        knownFps = 0;
        highestFrame = 0;
        previous = null;
    }

    private void loseSync() {
        halfPending = false;
        bitsSinceFrame = 0;
        resyncs++;
    }

    private void bit(boolean one, double end) {
        hi = (int) (((hi << 1) | (lo >>> 63)) & 0xFFFF);
        lo = (lo << 1) | (one ? 1 : 0);
        bitsSinceFrame++;
        if (bitsSinceFrame < 80) {
            return;
        }
        if ((lo & 0xFFFF) == SYNC_FORWARD) {
            frame(false, end);
        } else if (hi == SYNC_BACKWARD) {
            frame(true, end);
        }
    }

    /** Bit {@code k} of the frame (0 first in forward order) from the 80 bits received last. */
    private int bitOf(int k, boolean reverse) {
        int position = reverse ? k : 79 - k;
        return (int) (position < 64 ? (lo >>> position) & 1 : (hi >>> (position - 64)) & 1);
    }

    private int field(int first, int count, boolean reverse) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            value |= bitOf(first + i, reverse) << i;
        }
        return value;
    }

    private void frame(boolean reverse, double end) {
        bitsSinceFrame = 0;
        int frameUnits = field(0, 4, reverse);
        int secondUnits = field(16, 4, reverse);
        int minuteUnits = field(32, 4, reverse);
        int hourUnits = field(48, 4, reverse);
        if (frameUnits > 9 || secondUnits > 9 || minuteUnits > 9 || hourUnits > 9) {
            rejectedFrames++;
            return;
        }
        int ff = field(8, 2, reverse) * 10 + frameUnits;
        int ss = field(24, 3, reverse) * 10 + secondUnits;
        int mm = field(40, 3, reverse) * 10 + minuteUnits;
        int hh = field(56, 2, reverse) * 10 + hourUnits;
        boolean dropFrame = bitOf(10, reverse) == 1;
        int userBits = 0;
        for (int group = 0; group < 8; group++) {
            userBits |= field(4 + 8 * group, 4, reverse) << (4 * group);
        }
        learnRate(ff, ss, reverse, end);
        FrameRate rate = rate(dropFrame, ff);
        Timecode tc;
        try {
            tc = new Timecode(hh, mm, ss, ff, rate);
        } catch (IllegalArgumentException e) {
            rejectedFrames++;
            return;
        }
        frames++;
        LtcFrame frame = new LtcFrame(tc, reverse, end, 80 * bitPeriod, userBits);
        previous = frame;
        listener.accept(frame);
    }

    /** A roll-over of the seconds between two consecutive frames tells the frame count. */
    private void learnRate(int ff, int ss, boolean reverse, double end) {
        highestFrame = Math.max(highestFrame, ff);
        if (previous == null || previous.reverse() != reverse) {
            return;
        }
        Timecode p = previous.timecode();
        boolean consecutive = Math.abs(end - previous.endSample() - 80 * bitPeriod) < 8 * bitPeriod;
        if (!consecutive) {
            return;
        }
        int last = reverse ? ff : p.frames();
        boolean rolled = reverse ? p.frames() == 0 && ss == Math.floorMod(p.seconds() - 1, 60)
                : ff == 0 && ss == (p.seconds() + 1) % 60;
        if (rolled && (last == 23 || last == 24 || last == 29)) {
            knownFps = last + 1;
        }
    }

    private FrameRate rate(boolean dropFrame, int ff) {
        if (dropFrame) {
            return FrameRate.FPS_2997_DF;
        }
        int fps = knownFps;
        if (fps == 0 && expectedRate != null && !expectedRate.dropFrame() && expectedRate.nominalFps() > highestFrame) {
            fps = expectedRate.nominalFps();
        }
        if (fps == 0) {
            double measured = sampleRate / (80 * bitPeriod);
            double best = Double.MAX_VALUE;
            for (int candidate : new int[] {24, 25, 30}) {
                if (candidate > highestFrame && Math.abs(candidate - measured) < best) {
                    best = Math.abs(candidate - measured);
                    fps = candidate;
                }
            }
        }
        if (fps <= ff) {
            fps = ff < 25 ? 25 : 30;
        }
        return fps == 24 ? FrameRate.FPS_24 : fps == 25 ? FrameRate.FPS_25 : FrameRate.FPS_30;
    }

    /** Samples fed so far. */
    public long samples() {
        return sampleIndex;
    }

    /** Frames decoded and reported. */
    public long frames() {
        return frames;
    }

    /** Frames that had a sync word but impossible values. */
    public long rejectedFrames() {
        return rejectedFrames;
    }

    /** Times the bit stream broke (dropouts, noise, locking on). */
    public long resyncs() {
        return resyncs;
    }

    /** The bit period in samples the decoder follows now (0 while it has not locked on). */
    public double bitPeriod() {
        return bitPeriod;
    }
}
