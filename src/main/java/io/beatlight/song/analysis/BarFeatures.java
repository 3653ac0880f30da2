package io.beatlight.song.analysis;

import java.util.Arrays;
import java.util.List;

/**
 * Beat features averaged over each bar (downbeat to downbeat; the last bar runs to the last beat): a harmony vector
 * (chroma and bass chroma) and a sound vector (loudness per band, onsets per band on and off the beat). Each
 * dimension is standardised over the song, so the similarity of two bars measures what sets them apart within this
 * song rather than what all its bars share.
 */
final class BarFeatures {
    final double[][] harmony;
    final double[][] sound;
    final double[][] timbre;
    final double[][] pattern;
    private final double[] loudness;

    private BarFeatures(double[][] harmony, double[][] sound, double[][] timbre, double[][] pattern,
                        double[] loudness) {
        this.harmony = harmony;
        this.sound = sound;
        this.timbre = timbre;
        this.pattern = pattern;
        this.loudness = loudness;
    }

    static BarFeatures of(BeatFeatures f, List<Double> beats, List<Double> downbeats) {
        int[] first = new int[downbeats.size() + 1];
        int b = 0;
        for (int k = 0; k < downbeats.size(); k++) {
            while (b + 1 < beats.size() && beats.get(b) < downbeats.get(k) - 1e-6) {
                b++;
            }
            first[k] = b;
        }
        first[downbeats.size()] = beats.size();
        int bars = downbeats.size();
        double[][] harmony = new double[bars][2 * Chroma.CLASSES];
        double[][] sound = new double[bars][3 * BeatFeatures.BANDS];
        double[] loudness = new double[bars];
        int subBands = f.size() == 0 ? 0 : f.timbre(0).length;
        double[][] timbre = new double[bars][subBands];
        int positions = 4;
        double[][] pattern = new double[bars][positions * 2 * BeatFeatures.BANDS];
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
                    int p = Math.min(positions - 1, i - first[bar]);
                    pattern[bar][(p * 2) * BeatFeatures.BANDS + band] += Math.sqrt(f.onBeat(i)[band]);
                    pattern[bar][(p * 2 + 1) * BeatFeatures.BANDS + band] += Math.sqrt(f.offBeat(i)[band]);
                }
                for (int k = 0; k < subBands; k++) {
                    timbre[bar][k] += f.timbre(i)[k];
                }
                count++;
            }
            for (double[] v : new double[][] {harmony[bar], sound[bar], timbre[bar]}) {
                for (int k = 0; k < v.length; k++) {
                    v[k] /= Math.max(1, count);
                }
            }
            loudness[bar] /= Math.max(1, count);
        }
        standardise(harmony);
        standardise(sound);
        standardise(timbre);
        standardise(pattern);
        return new BarFeatures(harmony, sound, timbre, pattern, loudness);
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

    /**
     * Bar-by-bar similarity in 0..1: the mean of a harmony and a sound similarity, each a Gaussian of the distance
     * scaled by the song's median distance.
     */
    double[][] similarity() {
        int n = size();
        double[][] h = gaussian(harmony);
        double[][] s = gaussian(sound);
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                out[a][b] = 0.5 * (h[a][b] + s[a][b]);
            }
        }
        return out;
    }

    static double[][] gaussian(double[][] rows) {
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
