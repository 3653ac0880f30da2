package io.beatlight.timecode;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates SMPTE 12M linear timecode as audio, written from the standard's description:
 * <ul>
 * <li>80 bits a frame, sent from bit 0 on, spread evenly over the frame's duration;</li>
 * <li>bits 0-3 frame units, 8-9 frame tens, 10 drop-frame flag, 11 colour-frame flag, 16-19 second units, 24-26
 * second tens, 32-35 minute units, 40-42 minute tens, 48-51 hour units, 56-57 hour tens (BCD, least significant bit
 * first); binary groups (user bits) 1-8 in bits 4-7, 12-15, 20-23, 28-31, 36-39, 44-47, 52-55, 60-63; flags
 * 27, 43, 58, 59 (the biphase polarity correction bit is 27 at 24/30 fps and 59 at 25 fps, set so each frame has
 * an even number of zeros and so starts with the same polarity);</li>
 * <li>bits 64-79 the sync word 0011 1111 1111 1101;</li>
 * <li>biphase mark: the level changes at the start of every bit, and once more in the middle of a 1;</li>
 * <li>edges with a rise time of 40 µs (SMPTE allows 40 ± 10 µs, 10-90 %), here a linear ramp.</li>
 * </ul>
 * Each frame starts exactly at {@code startSample + k * samplesPerFrame}, so tests know the ideal time of every
 * frame boundary.
 */
public final class LtcEncoder {
    private static final double RISE_SECONDS = 40e-6;

    private final double sampleRate;
    private final FrameRate rate;
    private final double speed;
    private int userBits;
    private double wowDepth;
    private double wowHz;

    /** {@code speed} 1.05 plays 5 % fast: every frame lasts 1/1.05 of its nominal duration. */
    public LtcEncoder(double sampleRate, FrameRate rate, double speed) {
        this.sampleRate = sampleRate;
        this.rate = rate;
        this.speed = speed;
    }

    public LtcEncoder userBits(int bits) {
        this.userBits = bits;
        return this;
    }

    /** Speed varying as on a tape machine: {@code speed × (1 + depth × sin(2π × hz × t))}. */
    public LtcEncoder wow(double depth, double hz) {
        this.wowDepth = depth;
        this.wowHz = hz;
        return this;
    }

    public double samplesPerFrame() {
        return sampleRate / (rate.actualFps() * speed);
    }

    /** The 80 bits of one frame, index 0 first. */
    boolean[] frameBits(Timecode tc) {
        boolean[] bits = new boolean[80];
        put(bits, 0, 4, tc.frames() % 10);
        put(bits, 8, 2, tc.frames() / 10);
        bits[10] = rate.dropFrame();
        put(bits, 16, 4, tc.seconds() % 10);
        put(bits, 24, 3, tc.seconds() / 10);
        put(bits, 32, 4, tc.minutes() % 10);
        put(bits, 40, 3, tc.minutes() / 10);
        put(bits, 48, 4, tc.hours() % 10);
        put(bits, 56, 2, tc.hours() / 10);
        int[] groups = {4, 12, 20, 28, 36, 44, 52, 60};
        for (int g = 0; g < 8; g++) {
            put(bits, groups[g], 4, (userBits >>> (4 * g)) & 0xF);
        }
        String sync = "0011111111111101";
        for (int i = 0; i < 16; i++) {
            bits[64 + i] = sync.charAt(i) == '1';
        }
        int zeros = 0;
        for (boolean b : bits) {
            zeros += b ? 0 : 1;
        }
        if (zeros % 2 == 1) {
            bits[rate == FrameRate.FPS_25 ? 59 : 27] = true;
        }
        return bits;
    }

    private static void put(boolean[] bits, int first, int count, int value) {
        for (int i = 0; i < count; i++) {
            bits[first + i] = ((value >> i) & 1) == 1;
        }
    }

    /** The signal: {@code leadSamples} of silence, then {@code frames} frames from {@code first}. */
    public Signal encode(Timecode first, int frames, double leadSamples, double amplitude, boolean startHigh) {
        double perFrame = samplesPerFrame();
        List<Double> edges = new ArrayList<>();
        List<Timecode> codes = new ArrayList<>();
        double[] starts = new double[frames + 1];
        long number = first.frameNumber();
        double at = leadSamples;
        for (int f = 0; f < frames; f++) {
            Timecode tc = Timecode.ofFrameNumber(number + f, rate);
            codes.add(tc);
            boolean[] bits = frameBits(tc);
            starts[f] = at;
            for (int b = 0; b < 80; b++) {
                // the bit lasts 1/80 of a frame at the speed of the moment it starts
                double perBit = perFrame / 80
                        / (1 + wowDepth * Math.sin(2 * Math.PI * wowHz * (at - leadSamples) / sampleRate));
                edges.add(at);
                if (bits[b]) {
                    edges.add(at + perBit / 2);
                }
                at += perBit;
            }
        }
        starts[frames] = at;
        // the edge that closes the last bit
        edges.add(at);
        int total = (int) Math.ceil(at + perFrame / 80);
        float[] samples = new float[total];
        double rise = RISE_SECONDS * sampleRate;
        int e = 0;
        double level = startHigh ? -amplitude : amplitude;
        for (int n = 0; n < total; n++) {
            while (e < edges.size() && edges.get(e) + rise / 2 <= n) {
                level = -level;
                e++;
            }
            double value = n < leadSamples - rise ? 0 : level;
            if (e < edges.size() && edges.get(e) - rise / 2 < n) {
                double through = (n - (edges.get(e) - rise / 2)) / rise;
                value = level + (-level - level) * through;
            }
            samples[n] = (float) value;
        }
        return new Signal(samples, codes, starts, perFrame);
    }

    /**
     * Generated audio. Frame {@code k} ({@code codes.get(k)}) occupies {@code [starts[k], starts[k+1])}; without wow
     * {@code starts[k] = lead + k * samplesPerFrame}.
     */
    public record Signal(float[] samples, List<Timecode> codes, double[] starts, double samplesPerFrame) {
        public double frameStart(int k) {
            return starts[k];
        }

        /** The same audio played backwards (a tape run in reverse): frame k then ends where it started. */
        public float[] reversed() {
            float[] r = new float[samples.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = samples[samples.length - 1 - i];
            }
            return r;
        }
    }
}
