package io.beatlight.song.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The beat a musician would count and the beats per bar. The onset periodicity gives a pulse, but the same music
 * has pulses at twice and half that rate; which one is the beat, and how many beats make a bar, is read from three
 * things a musician hears:
 * <ul>
 *   <li>harmony: chords change on bar lines, so the bar is the span whose boundaries carry the chord changes (a bar
 *       twice too long has a bar line in its middle that changes as much; half a bar gathers only half of them);</li>
 *   <li>onsets: a beat level is unlikely when the points half-way between its beats are as busy as the beats (those
 *       points are beats themselves), and impossible when every other beat is empty;</li>
 *   <li>the bass accent: the bass marks the first beat of a bar, so its onsets gather every 3 or every 4 beats;</li>
 * </ul>
 * plus a tempo prior. Beats are tracked at the onset pulse and split into halves and quarters; every reading (beat =
 * ½, 1 or 2 pulses; 3 or 4 beats a bar) is scored on that grid and the best one wins. Where the harmony does not
 * change (a drum loop), it has no say and the onset pulse is preferred.
 *
 * <p>Not covered: 6/8 counted in 2 (a compound metre reads as 4 dotted-quarter beats a bar, as 12/8), and a pulse
 * that is 3:2 off the beat (the readings are ½, 1 and 2 pulses).
 */
final class MetreDetector {
    /** The counted beat (BPM), beats per bar, and the beats when they were tracked at that level (else null). */
    record Metre(double bpm, int beatsPerBar, List<Double> beats) {
    }

    /** One reading of the music, with the parts of its score (for tests and tuning). */
    record Hypothesis(double bpm, int beatsPerBar, double score, double harmony, double prior, double onsets,
                      double accent) {
    }

    static final double PRIOR_BPM = 100;
    static final double PRIOR_OCTAVES = 1.0;
    static final double TOO_LONG = 1.0;
    static final double HARMONY = 1.5;
    static final double PRESENT = 0.3;
    static final double SUBDIVIDED = 1.0;
    static final double TOO_SHORT = -10;
    /** Harmony changing less than this on any bar line is static; from {@link #CLEAR_HARMONY} on it counts fully. */
    static final double STATIC_HARMONY = 0.005;
    static final double CLEAR_HARMONY = 0.015;
    /** What the onset pulse is worth when the harmony says nothing. */
    static final double PULSE = 1.0;

    private MetreDetector() {
    }

    static Metre detect(OnsetEnvelope envelope) {
        double pulse = BeatTracker.tempo(envelope);
        if (pulse <= 0) {
            return new Metre(0, 4, List.of());
        }
        List<Double> beats = BeatTracker.beats(envelope, pulse);
        List<Hypothesis> hypotheses = hypotheses(envelope, pulse, beats);
        if (hypotheses.isEmpty()) {
            return new Metre(pulse, 4, beats);
        }
        Hypothesis best = hypotheses.get(0);
        return new Metre(best.bpm(), best.beatsPerBar(), best.bpm() == pulse ? beats : null);
    }

    /** All readings, best first; empty when there are too few beats to tell. */
    static List<Hypothesis> hypotheses(OnsetEnvelope envelope, double pulse, List<Double> beats) {
        if (beats.size() < 16) {
            return List.of();
        }
        double[] grid = halfBeats(beats);
        double[][] profiles = segmentProfiles(envelope, grid);
        double[] quarters = quarterBeats(beats);
        double[][] bands = {onsetsAt(envelope.broadband(), envelope.rate(), quarters),
                onsetsAt(envelope.bass(), envelope.rate(), quarters),
                onsetsAt(envelope.middle(), envelope.rate(), quarters)};
        int[] units = {1, 2, 4}; // half-beats per counted beat
        int[] groupings = {3, 4};
        BarFit[][] fits = new BarFit[units.length][groupings.length];
        double largestChange = 0;
        for (int u = 0; u < units.length; u++) {
            for (int g = 0; g < groupings.length; g++) {
                fits[u][g] = barFit(profiles, units[u] * groupings[g]);
                largestChange = Math.max(largestChange, fits[u][g].change());
            }
        }
        // music without chord changes (a drum loop, a drone) says nothing through its harmony: the onset pulse
        // then stands unless the onsets argue against it
        double clarity = Math.max(0, Math.min(1,
                (largestChange - STATIC_HARMONY) / (CLEAR_HARMONY - STATIC_HARMONY)));
        List<Hypothesis> out = new ArrayList<>();
        for (int u = 0; u < units.length; u++) {
            int unit = units[u];
            double bpm = pulse * 2 / unit;
            if (bpm < 40 || bpm > 240) {
                continue;
            }
            double prior = -0.5 * Math.pow(Math.log(bpm / PRIOR_BPM) / Math.log(2) / PRIOR_OCTAVES, 2)
                    + (unit == 2 ? (1 - clarity) * PULSE : 0);
            double onsets = onsetFit(bands, 2 * unit);
            double[] bassOnBeats = onBeats(bands[1], 2 * unit);
            double accent3 = Math.log(accent(bassOnBeats, 3));
            double accent4 = Math.log(accent(bassOnBeats, 4));
            for (int g = 0; g < groupings.length; g++) {
                int beatsPerBar = groupings[g];
                double harmony = clarity * fits[u][g].fit();
                // relative to the other grouping: it favours the grouping the bass shows, and a level where it
                // shows one clearly
                double accent = (beatsPerBar == 3 ? accent3 : accent4) - (accent3 + accent4) / 2;
                double score = HARMONY * harmony + prior + onsets + accent;
                out.add(new Hypothesis(bpm, beatsPerBar, score, harmony, prior, onsets, accent));
            }
        }
        out.sort(Comparator.comparingDouble(Hypothesis::score).reversed());
        return out;
    }

    /** How well a bar length explains the harmony, and how much the harmony changes on its bar lines. */
    record BarFit(double fit, double change) {
    }

    /** The beats and the points half-way between them. */
    static double[] halfBeats(List<Double> beats) {
        double[] grid = new double[2 * beats.size() - 1];
        for (int i = 0; i < beats.size(); i++) {
            grid[2 * i] = beats.get(i);
            if (i + 1 < beats.size()) {
                grid[2 * i + 1] = (beats.get(i) + beats.get(i + 1)) / 2;
            }
        }
        return grid;
    }

    /** The pitch-class profile of every grid segment (between consecutive grid points), normalised. */
    static double[][] segmentProfiles(OnsetEnvelope envelope, double[] grid) {
        double rate = envelope.rate();
        double[][] profiles = new double[grid.length - 1][];
        for (int j = 0; j + 1 < grid.length; j++) {
            double[] p = new double[12];
            int from = (int) Math.rint(grid[j] * rate);
            envelope.addPitchClasses(from, Math.max(from + 1, (int) Math.rint(grid[j + 1] * rate)), p);
            profiles[j] = normalised(p);
        }
        return profiles;
    }

    private static double[] normalised(double[] p) {
        double norm = 0;
        for (double v : p) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            out[k] = norm > 0 ? p[k] / norm : 0;
        }
        return out;
    }

    /**
     * How well a bar of {@code period} grid segments explains the harmony. At every grid point the harmony of the
     * {@code period} segments before is compared with that of the {@code period} segments after (1 − cosine): on a
     * bar line the two sides hold different chords, inside a bar each side straddles a change. The fit is the log
     * of the mean change at the best phase over the mean change everywhere, less the mean change half a bar later
     * relative to the best (near 1 when the bar is too long: a bar line in its middle changes as much). The change
     * on the bar lines says how clear the harmony is at all.
     */
    static BarFit barFit(double[][] profiles, int period) {
        int n = profiles.length;
        if (n < 4 * period) {
            return new BarFit(TOO_SHORT, 0); // fewer than four bars: this reading cannot be judged, so not taken
        }
        double[][] prefix = new double[n + 1][12];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < 12; k++) {
                prefix[j + 1][k] = prefix[j][k] + profiles[j][k];
            }
        }
        double[] sum = new double[period];
        int[] count = new int[period];
        double total = 0;
        int points = 0;
        for (int j = period; j + period <= n; j++) {
            double dot = 0;
            double a2 = 0;
            double b2 = 0;
            for (int k = 0; k < 12; k++) {
                double a = prefix[j][k] - prefix[j - period][k];
                double b = prefix[j + period][k] - prefix[j][k];
                dot += a * b;
                a2 += a * a;
                b2 += b * b;
            }
            double change = a2 > 0 && b2 > 0 ? 1 - dot / Math.sqrt(a2 * b2) : 0;
            sum[j % period] += change;
            count[j % period]++;
            total += change;
            points++;
        }
        if (total <= 0) {
            return new BarFit(0, 0);
        }
        double[] mean = new double[period];
        int best = 0;
        for (int p = 0; p < period; p++) {
            mean[p] = count[p] == 0 ? 0 : sum[p] / count[p];
            if (mean[p] > mean[best]) {
                best = p;
            }
        }
        double middle = mean[(best + period / 2) % period];
        double fit = Math.log(Math.max(1e-3, mean[best] / (total / points))) - TOO_LONG * middle / mean[best];
        return new BarFit(fit, mean[best]);
    }

    /** Onset strength of {@code x} at each grid point (the strongest within ±2 hops). */
    static double[] onsetsAt(double[] x, double rate, double[] grid) {
        double[] out = new double[grid.length];
        for (int j = 0; j < grid.length; j++) {
            int at = (int) Math.rint(grid[j] * rate);
            double v = 0;
            for (int d = -2; d <= 2; d++) {
                if (at + d >= 0 && at + d < x.length) {
                    v = Math.max(v, x[at + d]);
                }
            }
            out[j] = v;
        }
        return out;
    }

    /** The beats and the points a quarter, half and three quarters of the way to the next. */
    static double[] quarterBeats(List<Double> beats) {
        double[] grid = new double[4 * (beats.size() - 1) + 1];
        for (int i = 0; i + 1 < beats.size(); i++) {
            double from = beats.get(i);
            double step = (beats.get(i + 1) - from) / 4;
            for (int k = 0; k < 4; k++) {
                grid[4 * i + k] = from + k * step;
            }
        }
        grid[grid.length - 1] = beats.get(beats.size() - 1);
        return grid;
    }

    private static double meanEvery(double[] x, int period, int phase) {
        double sum = 0;
        int n = 0;
        for (int j = phase; j < x.length; j += period) {
            sum += x[j];
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /** The onsets on beats every {@code period} quarter-pulses, at the phase (0 or half a beat) that has more. */
    static double[] onBeats(double[] onset, int period) {
        int phase = period > 4 && meanEvery(onset, period, period / 2) > meanEvery(onset, period, 0) ? period / 2 : 0;
        double[] out = new double[(onset.length - phase + period - 1) / period];
        for (int i = 0; i < out.length; i++) {
            out[i] = onset[phase + i * period];
        }
        return out;
    }

    /** How strongly onsets gather every {@code n} beats: the mean at the best phase over the mean (1 if even). */
    static double accent(double[] onBeats, int n) {
        double total = 0;
        double[] sum = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < onBeats.length; i++) {
            total += onBeats[i];
            sum[i % n] += onBeats[i];
            count[i % n]++;
        }
        if (total <= 0) {
            return 1;
        }
        double best = 0;
        for (int p = 0; p < n; p++) {
            best = Math.max(best, count[p] == 0 ? 0 : sum[p] / count[p]);
        }
        return Math.max(1e-3, best / (total / onBeats.length));
    }

    /**
     * Onset evidence for beats every {@code period} quarter-pulses (2, 4 or 8), from the onsets at the quarter
     * grid in several bands. A beat level is unlikely when the points half-way between its beats carry as many
     * onsets as the beats (the music already has beats there), and impossible when every other beat is empty.
     */
    static double onsetFit(double[][] bands, int period) {
        double subdivided = 0;
        double alternation = 0;
        for (double[] onset : bands) {
            int phase = 0;
            if (period > 4 && meanEvery(onset, period, period / 2) > meanEvery(onset, period, 0)) {
                phase = period / 2;
            }
            double onBeats = meanEvery(onset, period, phase);
            if (onBeats <= 0) {
                continue;
            }
            subdivided = Math.max(subdivided, meanEvery(onset, period, (phase + period / 2) % period) / onBeats);
            double even = meanEvery(onset, 2 * period, phase);
            double odd = meanEvery(onset, 2 * period, phase + period);
            alternation = Math.max(alternation, Math.min(even, odd) / Math.max(1e-9, Math.max(even, odd)));
        }
        return -SUBDIVIDED * Math.min(1, subdivided) + Math.min(0, Math.log(Math.max(1e-3, alternation / PRESENT)));
    }
}
