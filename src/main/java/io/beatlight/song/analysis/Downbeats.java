package io.beatlight.song.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Downbeats: which beat of the bar each beat is, chosen over the whole song. Every beat gets a downbeat score from
 * evidence standardised over the song so no kind dominates by scale: the harmony changes there (chroma and bass
 * chroma of the bar before against the bar after, and of the beat before against the beat), a low-band onset (kick
 * or bass note) and low-band loudness. The drum pattern repeats every bar, so each beat is also compared with every
 * position of the song's average bar. A Viterbi pass then counts beats through the bar: stepping on to the next
 * position is free, any other step costs {@link #PHASE_CHANGE_COST}, so the bar phase stays global unless many bars
 * of evidence ask for a change (a dropped or added beat, a bar of another length).
 */
public final class Downbeats {
    /** The cost of breaking the bar count, in standardised evidence (the margin of about ten bars). */
    static final double PHASE_CHANGE_COST = 20;
    /** The weight of the drum pattern's fit to the song's average bar against the downbeat evidence. */
    static final double PATTERN_WEIGHT = 1;

    private Downbeats() {
    }

    /** The downbeat times among {@code beats}, bars of {@code beatsPerBar} beats. */
    public static List<Double> find(BeatFeatures features, List<Double> beats, int beatsPerBar) {
        double[] evidence = evidence(features, beatsPerBar);
        double[][] emission = new double[evidence.length][Math.max(1, beatsPerBar)];
        double[][] match = patternMatch(features, globalPhase(evidence, beatsPerBar), beatsPerBar);
        for (int i = 0; i < evidence.length; i++) {
            for (int p = 0; p < beatsPerBar; p++) {
                emission[i][p] = (p == 0 ? evidence[i] : 0) + PATTERN_WEIGHT * match[i][p];
            }
        }
        int[] positions = positions(emission, beatsPerBar);
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] == 0) {
                downbeats.add(beats.get(i));
            }
        }
        return downbeats;
    }

    /** How much each beat looks like a downbeat, in standard deviations summed over the kinds of evidence. */
    static double[] evidence(BeatFeatures f, int beatsPerBar) {
        double[][] kinds = kinds(f, beatsPerBar);
        double[] total = new double[f.size()];
        for (double[] kind : kinds) {
            for (int i = 0; i < total.length; i++) {
                total[i] += kind[i];
            }
        }
        return total;
    }

    /**
     * Each kind of evidence per beat, standardised: bar harmony change, beat harmony change, bar bass change,
     * low-band onset, low-band loudness.
     */
    static double[][] kinds(BeatFeatures f, int beatsPerBar) {
        int n = f.size();
        double[] barHarmony = new double[n];
        double[] beatHarmony = new double[n];
        double[] barBass = new double[n];
        double[] lowOnset = new double[n];
        double[] lowLoudness = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i < n - 1) {
                barHarmony[i] = change(f::chroma, i, beatsPerBar, n);
                beatHarmony[i] = change(f::chroma, i, 1, n);
                barBass[i] = change(f::bass, i, beatsPerBar, n);
            }
            lowOnset[i] = f.onBeat(i)[0];
            lowLoudness[i] = f.loudness(i)[0];
        }
        double[][] kinds = {barHarmony, beatHarmony, barBass, lowOnset, lowLoudness};
        for (int k = 0; k < kinds.length; k++) {
            kinds[k] = standardised(kinds[k]);
        }
        return kinds;
    }

    interface Profile {
        double[] of(int beat);
    }

    /** Cosine distance between the mean profile of the {@code span} beats before beat i and of those from it on. */
    static double change(Profile profile, int i, int span, int n) {
        double[] before = new double[Chroma.CLASSES];
        double[] after = new double[Chroma.CLASSES];
        for (int k = 1; k <= span; k++) {
            add(before, i - k >= 0 ? profile.of(i - k) : null);
            add(after, i + k - 1 < n ? profile.of(i + k - 1) : null);
        }
        return cosineDistance(before, after);
    }

    private static void add(double[] sum, double[] v) {
        if (v != null) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += v[k];
            }
        }
    }

    static double cosineDistance(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return aa == 0 || bb == 0 ? 0 : 1 - ab / Math.sqrt(aa * bb);
    }

    /** Zero mean and unit deviation (all zeros when the values do not vary). */
    static double[] standardised(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : x) {
            variance += (v - mean) * (v - mean) / n;
        }
        double deviation = Math.sqrt(variance);
        double[] out = new double[n];
        for (int i = 0; i < n && deviation > 1e-12; i++) {
            out[i] = (x[i] - mean) / deviation;
        }
        return out;
    }

    /** The beat index modulo the bar whose beats carry the most downbeat evidence over the whole song. */
    static int globalPhase(double[] evidence, int beatsPerBar) {
        double[] sum = new double[Math.max(1, beatsPerBar)];
        for (int i = 0; i < evidence.length; i++) {
            sum[i % sum.length] += evidence[i];
        }
        int phase = 0;
        for (int p = 1; p < sum.length; p++) {
            if (sum[p] > sum[phase]) {
                phase = p;
            }
        }
        return phase;
    }

    /**
     * How well each beat's drum pattern (onsets per band on and off the beat) fits each position of the song's
     * average bar, taken with the global phase: the pattern repeats every bar, so a beat that fits another position
     * better than its own says the count has slipped. Per beat, in standard deviations around the mean over positions.
     */
    static double[][] patternMatch(BeatFeatures f, int phase, int beatsPerBar) {
        int n = f.size();
        int dims = 2 * BeatFeatures.BANDS;
        double[][] v = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int band = 0; band < BeatFeatures.BANDS; band++) {
                v[i][band] = Math.sqrt(f.onBeat(i)[band]);
                v[i][BeatFeatures.BANDS + band] = Math.sqrt(f.offBeat(i)[band]);
            }
        }
        for (int k = 0; k < dims; k++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = v[i][k];
            }
            column = standardised(column);
            for (int i = 0; i < n; i++) {
                v[i][k] = column[i];
            }
        }
        double[][] template = new double[beatsPerBar][dims];
        int[] count = new int[beatsPerBar];
        for (int i = 0; i < n; i++) {
            int p = Math.floorMod(i - phase, beatsPerBar);
            count[p]++;
            for (int k = 0; k < dims; k++) {
                template[p][k] += v[i][k];
            }
        }
        double[][] match = new double[n][beatsPerBar];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int p = 0; p < beatsPerBar; p++) {
                double d = 0;
                for (int k = 0; k < dims; k++) {
                    double diff = v[i][k] - template[p][k] / Math.max(1, count[p]);
                    d += diff * diff;
                }
                match[i][p] = -d / dims;
                mean += match[i][p] / beatsPerBar;
            }
            for (int p = 0; p < beatsPerBar; p++) {
                match[i][p] -= mean;
            }
        }
        return match;
    }

    /**
     * The position in the bar (0 = downbeat) of every beat: Viterbi over positions, {@code emission[i][p]} the
     * evidence for beat i at position p, with a cost for breaking step.
     */
    static int[] positions(double[][] emission, int beatsPerBar) {
        int n = emission.length;
        int[] out = new int[n];
        if (n == 0 || beatsPerBar <= 1) {
            return out;
        }
        double[] score = new double[beatsPerBar];
        int[][] from = new int[n][beatsPerBar];
        for (int p = 0; p < beatsPerBar; p++) {
            score[p] = emission[0][p];
        }
        double[] next = new double[beatsPerBar];
        for (int i = 1; i < n; i++) {
            int best = 0;
            for (int p = 1; p < beatsPerBar; p++) {
                if (score[p] > score[best]) {
                    best = p;
                }
            }
            for (int p = 0; p < beatsPerBar; p++) {
                int step = Math.floorMod(p - 1, beatsPerBar);
                double stay = score[step];
                double jump = score[best] - PHASE_CHANGE_COST;
                from[i][p] = stay >= jump ? step : best;
                next[p] = Math.max(stay, jump) + emission[i][p];
            }
            System.arraycopy(next, 0, score, 0, beatsPerBar);
        }
        int p = 0;
        for (int q = 1; q < beatsPerBar; q++) {
            if (score[q] > score[p]) {
                p = q;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            out[i] = p;
            p = i > 0 ? from[i][p] : p;
        }
        return out;
    }
}
