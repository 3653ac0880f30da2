package io.beatlight.song.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Beat features averaged over each bar (downbeat to downbeat; the last bar runs to the last beat), in three groups:
 * harmony (chroma and bass chroma), sound (loudness per band, onsets per band on and off the beat) and activity (how
 * busy each third-octave band is). Each dimension is standardised over the song, so the similarity of two bars
 * measures what sets them apart within this song rather than what all its bars share.
 */
final class BarFeatures {
    private final double[][] harmony;
    private final double[][] sound;
    private final double[][] activity;
    private final double[] loudness;

    private BarFeatures(double[][] harmony, double[][] sound, double[][] activity, double[] loudness) {
        this.harmony = harmony;
        this.sound = sound;
        this.activity = activity;
        this.loudness = loudness;
    }

    static BarFeatures of(BeatFeatures f, List<Double> beats, List<Double> downbeats) {
        int bars = downbeats.size();
        int[] first = firstBeats(beats, downbeats);
        int subBands = f.size() == 0 ? 0 : f.activity(0).length;
        double[][] harmony = new double[bars][2 * Chroma.CLASSES];
        double[][] sound = new double[bars][3 * BeatFeatures.BANDS];
        double[][] activity = new double[bars][subBands];
        double[] loudness = new double[bars];
        for (int bar = 0; bar < bars; bar++) {
            int count = 0;
            for (int i = first[bar]; i < Math.max(first[bar] + 1, first[bar + 1]) && i < f.size(); i++) {
                for (int k = 0; k < Chroma.CLASSES; k++) {
                    harmony[bar][k] += f.chroma(i)[k];
                    harmony[bar][Chroma.CLASSES + k] += f.bass(i)[k];
                }
                for (int band = 0; band < BeatFeatures.BANDS; band++) {
                    sound[bar][band] += f.loudness(i)[band];
                    sound[bar][BeatFeatures.BANDS + band] += Math.sqrt(f.onBeat(i)[band]);
                    sound[bar][2 * BeatFeatures.BANDS + band] += Math.sqrt(f.offBeat(i)[band]);
                    loudness[bar] += f.loudness(i)[band] / BeatFeatures.BANDS;
                }
                for (int k = 0; k < subBands; k++) {
                    activity[bar][k] += Math.sqrt(f.activity(i)[k]);
                }
                count++;
            }
            for (double[] v : new double[][] {harmony[bar], sound[bar], activity[bar]}) {
                for (int k = 0; k < v.length; k++) {
                    v[k] /= Math.max(1, count);
                }
            }
            loudness[bar] /= Math.max(1, count);
        }
        standardise(harmony);
        standardise(sound);
        standardise(activity);
        return new BarFeatures(harmony, sound, activity, loudness);
    }

    /** The index of each downbeat's beat (downbeats are beats), and the beat count after the last. */
    private static int[] firstBeats(List<Double> beats, List<Double> downbeats) {
        int[] first = new int[downbeats.size() + 1];
        int b = 0;
        for (int k = 0; k < downbeats.size(); k++) {
            while (b + 1 < beats.size() && beats.get(b) < downbeats.get(k) - 1e-6) {
                b++;
            }
            first[k] = b;
        }
        first[downbeats.size()] = beats.size();
        return first;
    }

    private static void standardise(double[][] rows) {
        int n = rows.length;
        if (n == 0) {
            return;
        }
        for (int k = 0; k < rows[0].length; k++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[k] / n;
            }
            double variance = 0;
            for (double[] row : rows) {
                variance += (row[k] - mean) * (row[k] - mean) / n;
            }
            double deviation = Math.sqrt(variance);
            for (double[] row : rows) {
                row[k] = deviation > 1e-9 ? (row[k] - mean) / deviation : 0;
            }
        }
    }

    int size() {
        return harmony.length;
    }

    /** Mean band loudness of a bar (log scale). */
    double loudness(int bar) {
        return loudness[bar];
    }

    /** How alike two bars sound (loudness and drum pattern), 0..1. */
    double[][] soundSimilarity() {
        return gaussian(sound);
    }

    /** How alike two bars' texture is: sound and activity together. */
    double[][] textureSimilarity() {
        return mean(gaussian(sound), gaussian(activity));
    }

    /** How alike two bars are in every respect: harmony, sound and activity. */
    double[][] fullSimilarity() {
        return mean(gaussian(harmony), gaussian(sound), gaussian(activity));
    }

    private static double[][] mean(double[][]... matrices) {
        int n = matrices[0].length;
        double[][] out = new double[n][n];
        for (double[][] m : matrices) {
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    out[a][b] += m[a][b] / matrices.length;
                }
            }
        }
        return out;
    }

    /** Similarity exp(−d²/m) of every pair of rows, m the median squared distance over all pairs. */
    private static double[][] gaussian(double[][] rows) {
        int n = rows.length;
        double[][] d = new double[n][n];
        double[] all = new double[n * (n - 1) / 2];
        int at = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sum = 0;
                for (int k = 0; k < rows[a].length; k++) {
                    double diff = rows[a][k] - rows[b][k];
                    sum += diff * diff;
                }
                d[a][b] = sum;
                d[b][a] = sum;
                all[at++] = sum;
            }
        }
        Arrays.sort(all);
        double scale = all.length == 0 ? 1 : Math.max(1e-9, all[all.length / 2]);
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                out[a][b] = Math.exp(-d[a][b] / scale);
            }
        }
        return out;
    }
}
