package io.beatlight.song.analysis;

import io.beatlight.song.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sections of a song at bar resolution, so every boundary is a downbeat. Two novelty curves over the bars, each
 * standardised, are added: the sound's (a checkerboard kernel along the diagonal of the bar-by-bar similarity of
 * loudness and drum pattern: where a new groove or instrumentation starts) and the repetition structure's (where
 * what repeats where changes). Dynamic programming then chooses the starts from the summed novelty (standardised
 * again); the usual phrase lengths (8 bars, then 4, 16 and 12) weigh little, so they only break ties. Segments are labelled by repetition ({@link SectionLabels}): a part
 * whose harmony and sound return gets the same name.
 */
public final class Sections {
    /** Half-width of the checkerboard kernel, in bars. */
    static final int KERNEL_BARS = 4;
    /** The shortest section, in bars. */
    static final int MIN_BARS = 2;
    /** The longest section, in bars. */
    static final int MAX_BARS = 32;
    /** Smoothing of the repetition structure over time, in bars. */
    static final double REPETITION_SMOOTHING = 1;
    /** What a section start must earn (in standardised novelty plus length prior) to be taken. */
    static final double SECTION_COST = 0.5;
    /**
     * The weight of the phrase-length prior against the novelty (in standard deviations): small, so that it breaks
     * ties between nearby candidates but never moves a boundary away from a clear change in sound.
     */
    static final double PHRASE_WEIGHT = 0.35;

    private Sections() {
    }

    /**
     * Sections covering 0…{@code length} without gaps, starting on downbeats; one section for the whole song when
     * there are too few bars to compare.
     */
    public static List<Section> find(BeatFeatures features, List<Double> beats, List<Double> downbeats,
                                     double length) {
        BarFeatures bars = BarFeatures.of(features, beats, downbeats);
        int n = bars.size();
        if (n < 3 * MIN_BARS) {
            return length > 0 ? List.of(new Section("song", 0, length)) : List.of();
        }
        double[] novelty = new double[n];
        double[] sound = Downbeats.standardised(novelty(bars.soundSimilarity()));
        double[] repetition = Downbeats.standardised(repetitionNovelty(bars.textureSimilarity(), REPETITION_SMOOTHING));
        for (int b = 0; b < n; b++) {
            novelty[b] = sound[b] + repetition[b];
        }
        List<Integer> starts = segment(Downbeats.standardised(novelty), SECTION_COST);
        return SectionLabels.label(starts, bars.fullSimilarity(), bars, downbeats, length);
    }

    /** Novelty at each bar: how much the bars before it differ from those after, with a tapered checkerboard. */
    static double[] novelty(double[][] s) {
        int n = s.length;
        double[] kernel = new double[2 * KERNEL_BARS];
        for (int k = 0; k < kernel.length; k++) {
            double offset = k - KERNEL_BARS + 0.5;
            kernel[k] = Math.exp(-0.5 * Math.pow(offset / (KERNEL_BARS / 2.0), 2));
        }
        double[] out = new double[n];
        for (int b = 1; b < n; b++) {
            double sum = 0;
            double weight = 0;
            for (int i = -KERNEL_BARS; i < KERNEL_BARS; i++) {
                for (int j = -KERNEL_BARS; j < KERNEL_BARS; j++) {
                    int x = b + i;
                    int y = b + j;
                    if (x < 0 || y < 0 || x >= n || y >= n) {
                        continue;
                    }
                    double w = kernel[i + KERNEL_BARS] * kernel[j + KERNEL_BARS];
                    boolean sameSide = (i < 0) == (j < 0);
                    sum += (sameSide ? w : -w) * s[x][y];
                    weight += w;
                }
            }
            out[b] = weight == 0 ? 0 : sum / weight;
        }
        return out;
    }

    /**
     * Repetition novelty (structure features): each bar's row of similarities to the bars at every circular lag,
     * smoothed over time; where the pattern of what repeats where changes, a section starts.
     */
    static double[] repetitionNovelty(double[][] s, double smoothBars) {
        int n = s.length;
        double[][] lag = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int l = 0; l < n; l++) {
                lag[a][l] = s[a][(a + l) % n];
            }
        }
        int reach = (int) Math.ceil(2 * smoothBars);
        double[][] smooth = new double[n][n];
        for (int a = 0; a < n; a++) {
            double weight = 0;
            for (int d = -reach; d <= reach; d++) {
                int b = a + d;
                if (b < 0 || b >= n) {
                    continue;
                }
                double w = Math.exp(-0.5 * d * d / (smoothBars * smoothBars));
                weight += w;
                for (int l = 0; l < n; l++) {
                    smooth[a][l] += w * lag[b][l];
                }
            }
            for (int l = 0; l < n; l++) {
                smooth[a][l] /= weight;
            }
        }
        double[] out = new double[n];
        for (int a = 1; a < n; a++) {
            double d = 0;
            for (int l = 0; l < n; l++) {
                d += (smooth[a][l] - smooth[a - 1][l]) * (smooth[a][l] - smooth[a - 1][l]);
            }
            out[a] = Math.sqrt(d / n);
        }
        return out;
    }

    /**
     * The best split of the bars into sections by dynamic programming: each start earns its novelty (standardised),
     * each section its length's prior (phrases of 8 bars are the most common, then 4, 16 and 12; other lengths are
     * unusual), minus a fixed cost per section so that only well-supported starts are taken.
     */
    static List<Integer> segment(double[] novelty, double sectionCost) {
        int n = novelty.length;
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        best[0] = 0;
        for (int end = 1; end <= n; end++) {
            for (int start = Math.max(0, end - MAX_BARS); start <= end - MIN_BARS; start++) {
                if (best[start] == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                int length = end - start;
                boolean last = end == n;
                double score = best[start] + PHRASE_WEIGHT * lengthPrior(length, start == 0 || last) - sectionCost
                        + (start > 0 ? novelty[start] : 0);
                if (score > best[end]) {
                    best[end] = score;
                    from[end] = start;
                }
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int end = n; end > 0; end = from[end]) {
            starts.add(0, from[end]);
        }
        return starts;
    }

    /** How usual a section of this many bars is; the first and last may be any length (a pickup, a tail). */
    static double lengthPrior(int bars, boolean edge) {
        double prior;
        if (bars % 8 == 0 && bars <= 16) {
            prior = 1;
        } else if (bars % 4 == 0 && bars <= 16) {
            prior = 0.6;
        } else if (bars == 2 || bars == 6) {
            prior = 0;
        } else {
            prior = -0.5;
        }
        if (bars > 16) {
            prior -= 0.5 * (bars - 16) / 8.0;
        }
        return edge ? Math.max(prior, 0) : prior;
    }
}
