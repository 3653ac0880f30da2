package io.beatlight.song.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.beatlight.song.AudioDecoder;

/**
 * Synthetic test tracks with a known beat grid: kick on every beat (louder with bass on the one), hats, a pad; with
 * {@code sectionBars} > 0 the arrangement alternates a quiet and a loud part every that many bars.
 */
public final class TrackSynth {
    public final float[] samples;
    public final List<Double> beats = new ArrayList<>();
    public final List<Double> downbeats = new ArrayList<>();
    public final List<Double> sectionStarts = new ArrayList<>();
    private int sectionBars;

    public TrackSynth(double bpm, double offset, double seconds, double swing, long seed) {
        this(new double[] {bpm}, new double[] {seconds}, offset, swing, seed, 0);
    }

    /** Consecutive segments at different tempi (a tempo change), optionally with loud/quiet sections. */
    public TrackSynth(double[] bpms, double[] segmentSeconds, double offset, double swing, long seed,
                      int sectionBars) {
        this.sectionBars = sectionBars;
        int rate = AudioDecoder.ANALYSIS_RATE;
        double total = offset;
        for (double s : segmentSeconds) {
            total += s;
        }
        samples = new float[(int) (total * rate) + rate];
        Random random = new Random(seed);
        double t = offset;
        int index = 0;
        for (int seg = 0; seg < bpms.length; seg++) {
            double period = 60 / bpms[seg];
            double segmentEnd = t + segmentSeconds[seg];
            while (t < segmentEnd - 1e-9) {
                boolean one = index % 4 == 0;
                beats.add(t);
                if (one) {
                    downbeats.add(t);
                }
                boolean loud = sectionBars > 0 && (index / 4 / sectionBars) % 2 == 1;
                if (sectionBars > 0 && one && (index / 4) % sectionBars == 0 && index > 0) {
                    sectionStarts.add(t);
                }
                kick(t, (one ? 1.0 : 0.6) * (sectionBars > 0 && !loud ? 0.6 : 1), one);
                hat(t + period / 2 + swing * period / 2, random);
                if (loud) {
                    hat(t, random);
                    noise(t, period, random);
                }
                t += period;
                index++;
            }
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] += (float) (0.05 * Math.sin(2 * Math.PI * 220 * i / rate));
        }
    }

    private void kick(double t, double level, boolean withBass) {
        int rate = AudioDecoder.ANALYSIS_RATE;
        int start = (int) Math.round(t * rate);
        double phase = 0;
        for (int i = 0; i < rate * 0.3 && start + i < samples.length; i++) {
            double s = (double) i / rate;
            phase += 2 * Math.PI * (50 + 100 * Math.exp(-s * 30)) / rate;
            double v = level * Math.sin(phase) * Math.exp(-s * 10);
            if (withBass) {
                v += 0.4 * Math.sin(2 * Math.PI * 55 * s) * Math.exp(-s * 4);
            }
            samples[start + i] += (float) (0.6 * v);
        }
    }

    private void noise(double t, double length, Random random) {
        int rate = AudioDecoder.ANALYSIS_RATE;
        int start = (int) Math.round(t * rate);
        for (int i = 0; i < rate * length && start + i < samples.length; i++) {
            samples[start + i] += (float) (0.08 * (random.nextDouble() * 2 - 1) + 0.15 * Math.sin(2 * Math.PI * 110
                    * (start + i) / rate));
        }
    }

    private void hat(double t, Random random) {
        int rate = AudioDecoder.ANALYSIS_RATE;
        int start = (int) Math.round(t * rate);
        double previous = 0;
        for (int i = 0; i < rate * 0.04 && start + i < samples.length; i++) {
            double white = random.nextDouble() * 2 - 1;
            samples[start + i] += (float) (0.15 * (white - previous) * Math.exp(-i / (rate * 0.01)));
            previous = white;
        }
    }

    /** Beat F-measure with a ±70 ms window (each reference beat matched at most once). */
    public static double fMeasure(List<Double> estimated, List<Double> reference) {
        if (estimated.isEmpty() || reference.isEmpty()) {
            return 0;
        }
        boolean[] used = new boolean[reference.size()];
        int hits = 0;
        for (double e : estimated) {
            for (int i = 0; i < reference.size(); i++) {
                if (!used[i] && Math.abs(reference.get(i) - e) <= 0.07) {
                    used[i] = true;
                    hits++;
                    break;
                }
            }
        }
        double precision = (double) hits / estimated.size();
        double recall = (double) hits / reference.size();
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
