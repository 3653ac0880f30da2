package io.beatlight.song.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Downbeats: which beat of the bar each beat is, chosen over the whole song. Every beat gets a downbeat score from
 * four kinds of evidence, each standardised over the song so none dominates by scale: the harmony changes there
 * (chroma and bass chroma of the bar before against the bar after, and of the beat before against the beat), the
 * drum pattern changes there (bar before against bar after), a low-band onset (kick or bass note) and low-band
 * loudness. A Viterbi pass then counts beats through the bar: stepping on to the next position is free, any other
 * step costs {@link #PHASE_CHANGE_COST}, so the bar phase stays global unless many bars of evidence ask for a
 * change (a dropped or added beat, a bar of another length).
 */
public final class Downbeats {
    /** The cost of breaking the bar count, in standardised evidence (roughly the margin of four bars). */
    static final double PHASE_CHANGE_COST = 8;

    private Downbeats() {
    }

    /** The downbeat times among {@code beats}, bars of {@code beatsPerBar} beats. */
    public static List<Double> find(BeatFeatures features, List<Double> beats, int beatsPerBar) {
        int[] positions = positions(evidence(features, beatsPerBar), beatsPerBar);
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
        int n = f.size();
        double[] barHarmony = new double[n];
        double[] beatHarmony = new double[n];
        double[] barBass = new double[n];
        double[] barPattern = new double[n];
        double[] lowOnset = new double[n];
        double[] lowLoudness = new double[n];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i < n - 1) {
                barHarmony[i] = change(f::chroma, i, beatsPerBar, n);
                beatHarmony[i] = change(f::chroma, i, 1, n);
                barBass[i] = change(f::bass, i, beatsPerBar, n);
                barPattern[i] = patternChange(f, i, beatsPerBar);
            }
            lowOnset[i] = f.onBeat(i)[0];
            lowLoudness[i] = f.loudness(i)[0];
        }
        double[] total = new double[n];
        for (double[] kind : new double[][] {barHarmony, beatHarmony, barBass, barPattern, lowOnset, lowLoudness}) {
            double[] z = standardised(kind);
            for (int i = 0; i < n; i++) {
                total[i] += z[i];
            }
        }
        return total;
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

    /**
     * Distance between the drum pattern of the bar before beat i and the bar from it on, position by position
     * (onsets on and off the beat in every band, square-root compressed).
     */
    static double patternChange(BeatFeatures f, int i, int span) {
        double sum = 0;
        double norm = 0;
        for (int k = 0; k < span; k++) {
            int before = i - span + k;
            int after = i + k;
            if (before < 0 || after >= f.size()) {
                continue;
            }
            for (int band = 0; band < BeatFeatures.BANDS; band++) {
                double a = Math.sqrt(f.onBeat(before)[band]);
                double b = Math.sqrt(f.onBeat(after)[band]);
                double c = Math.sqrt(f.offBeat(before)[band]);
                double d = Math.sqrt(f.offBeat(after)[band]);
                sum += Math.abs(a - b) + Math.abs(c - d);
                norm += a + b + c + d;
            }
        }
        return norm == 0 ? 0 : sum / norm;
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

    /** The position in the bar (0 = downbeat) of every beat: Viterbi over positions with a cost for breaking step. */
    static int[] positions(double[] evidence, int beatsPerBar) {
        int n = evidence.length;
        int[] out = new int[n];
        if (n == 0 || beatsPerBar <= 1) {
            return out;
        }
        double[] score = new double[beatsPerBar];
        int[][] from = new int[n][beatsPerBar];
        for (int p = 0; p < beatsPerBar; p++) {
            score[p] = p == 0 ? evidence[0] : 0;
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
                next[p] = Math.max(stay, jump) + (p == 0 ? evidence[i] : 0);
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
