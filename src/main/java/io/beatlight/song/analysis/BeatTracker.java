package io.beatlight.song.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The onset pulse from the autocorrelation of the onset envelope (weighted towards 120 BPM on a log scale, refined by
 * parabolic interpolation), then beats by dynamic programming (Ellis 2007): each beat maximises its onset strength
 * plus the best predecessor score, penalising intervals that stray from the tempo period. Which pulse is the counted
 * beat, and the metre, is {@link MetreDetector}'s call.
 */
public final class BeatTracker {
    static final double MIN_BPM = 60;
    static final double MAX_BPM = 200;
    static final double TIGHTNESS = 100;
    static final double LOCAL_RANGE = 1.2;

    private BeatTracker() {
    }

    /**
     * The tempo the tracked beats keep: the mean of the beat intervals within 10 % of their median. Single intervals
     * are quantised to the envelope's hop (~12 ms), their mean is not, so a 120 BPM song reads 120.0, not 119.4.
     * {@code fallback} when there are too few beats.
     */
    public static double tempoOfBeats(List<Double> beats, double fallback) {
        if (beats.size() < 8) {
            return fallback;
        }
        double[] intervals = new double[beats.size() - 1];
        for (int i = 1; i < beats.size(); i++) {
            intervals[i - 1] = beats.get(i) - beats.get(i - 1);
        }
        double[] sorted = intervals.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double sum = 0;
        int n = 0;
        for (double d : intervals) {
            if (Math.abs(d - median) <= 0.1 * median) {
                sum += d;
                n++;
            }
        }
        return n == 0 || sum <= 0 ? fallback : 60 * n / sum;
    }

    /**
     * The onset pulse in BPM, or 0 when the envelope holds no rhythm: the strongest periodicity, weighted towards
     * 120 BPM. It may be twice or half the beat a musician counts; {@link MetreDetector} decides that.
     */
    public static double tempo(OnsetEnvelope envelope) {
        return tempo(envelope.strength(), envelope.bass(), envelope.rate(), 120, 1.5, true);
    }

    /**
     * The tempo of every envelope frame: windows of 8 s every 2 s, each estimated with a narrow prior around the
     * global tempo (so a window cannot jump an octave), interpolated between window centres.
     */
    static double[] localTempo(OnsetEnvelope envelope, double globalBpm) {
        double rate = envelope.rate();
        int window = (int) Math.rint(8 * rate);
        int hop = (int) Math.rint(2 * rate);
        double[] x = envelope.strength();
        double[] out = new double[x.length];
        Arrays.fill(out, globalBpm);
        if (x.length < 2 * window) {
            return out;
        }
        List<double[]> points = new ArrayList<>(); // {centre frame, bpm}
        for (int start = 0; start + window <= x.length; start += hop) {
            double[] xs = Arrays.copyOfRange(x, start, start + window);
            double[] bs = Arrays.copyOfRange(envelope.bass(), start, start + window);
            double bpm = tempo(xs, bs, rate, globalBpm, 0.25, false);
            // a window follows a drifting or changing tempo, never another metrical level
            boolean near = bpm > globalBpm / LOCAL_RANGE && bpm < globalBpm * LOCAL_RANGE;
            points.add(new double[] {start + window / 2.0, near ? bpm : globalBpm});
        }
        // a three-point median removes single-window glitches
        double[] smooth = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double a = points.get(Math.max(0, i - 1))[1];
            double b = points.get(i)[1];
            double c = points.get(Math.min(points.size() - 1, i + 1))[1];
            smooth[i] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
        for (int f = 0; f < x.length; f++) {
            int k = 0;
            while (k + 1 < points.size() && points.get(k + 1)[0] <= f) {
                k++;
            }
            if (f <= points.get(0)[0] || k + 1 >= points.size()) {
                out[f] = smooth[k];
            } else {
                double f0 = points.get(k)[0];
                double f1 = points.get(k + 1)[0];
                out[f] = smooth[k] + (smooth[k + 1] - smooth[k]) * (f - f0) / (f1 - f0);
            }
        }
        return out;
    }

    private static double tempo(double[] x, double[] bassBand, double rate, double priorBpm, double priorOctaves,
                                boolean octaveCheck) {
        int minLag = (int) Math.floor(60 * rate / MAX_BPM);
        int maxLag = (int) Math.ceil(60 * rate / MIN_BPM);
        double[] ac = new double[4 * maxLag + 2];
        for (int lag = minLag; lag < ac.length && lag < x.length; lag++) {
            double sum = 0;
            for (int i = lag; i < x.length; i++) {
                sum += x[i] * x[i - lag];
            }
            ac[lag] = sum / (x.length - lag);
        }
        int best = -1;
        double bestScore = 0;
        for (int lag = minLag + 1; lag <= maxLag && lag < x.length - 1; lag++) {
            double bpm = 60 * rate / lag;
            double prior = Math.exp(-0.5 * Math.pow(Math.log(bpm / priorBpm) / Math.log(2) / priorOctaves, 2));
            // a true beat period also lines up at 2, 3 and 4 periods; a half or a third of it does not at all
            double comb = 0;
            for (int m = 1; m <= 4 && m * lag + 1 < ac.length; m++) {
                comb += Math.max(ac[m * lag - 1], Math.max(ac[m * lag], ac[m * lag + 1])) / m;
            }
            double score = comb * prior;
            if (ac[lag] >= ac[lag - 1] && ac[lag] >= ac[lag + 1] && score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        if (best < 0) {
            return 0;
        }
        // octave check on the bass: if kicks also fall half-way, the beat is twice as fast
        double[] low = bassBand;
        while (octaveCheck && best / 2 >= minLag && 60 * rate / (best / 2.0) <= MAX_BPM) {
            int half = best / 2;
            double atHalf = Math.max(autocorrelation(low, half), autocorrelation(low, half + (best % 2)));
            if (atHalf >= 0.5 * autocorrelation(low, best)) {
                best = best % 2 == 0 ? half : (ac[half] >= ac[half + 1] ? half : half + 1);
            } else {
                break;
            }
        }
        double a = ac[best - 1];
        double b = ac[best];
        double c = ac[best + 1];
        double denominator = a - 2 * b + c;
        double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return 60 * rate / (best + Math.max(-0.5, Math.min(0.5, offset)));
    }

    private static double autocorrelation(double[] x, int lag) {
        double sum = 0;
        for (int i = lag; i < x.length; i++) {
            sum += x[i] * x[i - lag];
        }
        return x.length > lag ? sum / (x.length - lag) : 0;
    }

    /**
     * Beat times in seconds, following the local tempo around {@code bpm}. The beats are placed on the whole
     * spectrum's onsets plus the bass band's at equal weight (the tempo weighs the bass twice, for the kick's pulse,
     * but a bass that plays pickups before the beat would then pull the beats onto the pickups).
     */
    public static List<Double> beats(OnsetEnvelope envelope, double bpm) {
        double[] broadband = envelope.broadband();
        double[] bass = envelope.bass();
        double[] x = new double[broadband.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = broadband[i] + bass[i];
        }
        double rate = envelope.rate();
        if (bpm <= 0 || x.length == 0) {
            return List.of();
        }
        double[] local = localTempo(envelope, bpm);
        double period = 60 * rate / bpm;
        double max = 0;
        for (double v : x) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            return List.of();
        }
        double[] onset = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            onset[i] = x[i] / max;
        }
        double[] score = new double[x.length];
        int[] backlink = new int[x.length];
        for (int t = 0; t < x.length; t++) {
            double localPeriod = 60 * rate / local[t];
            int lo = (int) Math.rint(localPeriod / 2);
            int hi = (int) Math.rint(localPeriod * 2);
            double bestPrevious = 0;
            int link = -1;
            for (int tau = t - hi; tau <= t - lo; tau++) {
                if (tau < 0) {
                    continue;
                }
                double penalty = Math.log((t - tau) / localPeriod);
                double candidate = score[tau] - TIGHTNESS * penalty * penalty;
                if (link < 0 || candidate > bestPrevious) {
                    bestPrevious = candidate;
                    link = tau;
                }
            }
            score[t] = onset[t] + (link >= 0 ? Math.max(0, bestPrevious) : 0);
            backlink[t] = link >= 0 && bestPrevious > 0 ? link : -1;
        }
        // end on the best-scoring frame within the last period that is also a local onset peak
        int end = x.length - 1;
        double bestEnd = -1;
        for (int t = Math.max(0, x.length - (int) Math.ceil(period)); t < x.length; t++) {
            if (score[t] > bestEnd) {
                bestEnd = score[t];
                end = t;
            }
        }
        List<Double> beats = new ArrayList<>();
        for (int t = end; t >= 0; t = backlink[t]) {
            beats.add(t / rate);
            if (backlink[t] < 0) {
                break;
            }
        }
        Collections.reverse(beats);
        // drop leading and trailing beats that sit in silence
        double threshold = 0.05;
        while (!beats.isEmpty() && onset[(int) Math.rint(beats.get(0) * rate)] < threshold) {
            beats.remove(0);
        }
        while (!beats.isEmpty() && onset[(int) Math.min(x.length - 1, Math.rint(beats.get(beats.size() - 1) * rate))]
                < threshold) {
            beats.remove(beats.size() - 1);
        }
        return beats;
    }

    /** Downbeats: of the four bar phases, the one whose beats carry the most bass onset strength. */
    public static List<Double> downbeats(OnsetEnvelope envelope, List<Double> beats, int beatsPerBar) {
        if (beats.isEmpty()) {
            return List.of();
        }
        double[] bass = envelope.bass();
        double[] phaseScore = new double[beatsPerBar];
        for (int i = 0; i < beats.size(); i++) {
            int at = (int) Math.min(bass.length - 1, Math.rint(beats.get(i) * envelope.rate()));
            double local = 0;
            for (int d = -2; d <= 2; d++) {
                int k = at + d;
                if (k >= 0 && k < bass.length) {
                    local = Math.max(local, bass[k]);
                }
            }
            phaseScore[i % beatsPerBar] += local;
        }
        int phase = 0;
        for (int p = 1; p < beatsPerBar; p++) {
            if (phaseScore[p] > phaseScore[phase]) {
                phase = p;
            }
        }
        List<Double> downbeats = new ArrayList<>();
        for (int i = phase; i < beats.size(); i += beatsPerBar) {
            downbeats.add(beats.get(i));
        }
        return downbeats;
    }
}
