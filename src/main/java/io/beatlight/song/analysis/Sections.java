package io.beatlight.song.analysis;

import io.beatlight.song.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Sections of a song at bar resolution. Each bar gets a harmony vector (chroma and bass chroma) and a sound vector
 * (band loudness and drum pattern); a bar-by-bar self-similarity matrix of both, scanned along its diagonal with a
 * checkerboard kernel, gives a novelty curve whose peaks are the boundaries, so every boundary is a downbeat.
 * Segments are then labelled by repetition ({@link SectionLabels}): a part whose harmony and sound return gets the
 * same name.
 */
public final class Sections {
    /** Half-width of the checkerboard kernel, in bars. */
    static final int KERNEL_BARS = 4;
    /** The shortest section, in bars. */
    static final int MIN_BARS = 2;

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
        if (n < 2 * MIN_BARS + 2) {
            return length > 0 ? List.of(new Section("song", 0, length)) : List.of();
        }
        double[][] similarity = bars.similarity();
        double[] novelty = novelty(similarity);
        List<Integer> starts = peaks(novelty);
        return SectionLabels.label(starts, similarity, bars, downbeats, length);
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
     * Section starts (bar indices, the first is 0): novelty maxima within ±{@link #MIN_BARS} bars that stand above
     * the song's typical novelty, strongest first, never closer than {@link #MIN_BARS} bars to another start or the
     * song's edges.
     */
    static List<Integer> peaks(double[] novelty) {
        int n = novelty.length;
        double[] sorted = novelty.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[n / 2];
        double spread = sorted[(int) (0.9 * (n - 1))] - median;
        double threshold = median + 0.25 * spread;
        List<Integer> candidates = new ArrayList<>();
        for (int b = MIN_BARS; b <= n - MIN_BARS; b++) {
            boolean peak = novelty[b] > threshold;
            for (int d = -MIN_BARS; d <= MIN_BARS && peak; d++) {
                int k = b + d;
                if (d != 0 && k > 0 && k < n && novelty[k] > novelty[b]) {
                    peak = false;
                }
            }
            if (peak) {
                candidates.add(b);
            }
        }
        candidates.sort((a, b) -> Double.compare(novelty[b], novelty[a]));
        List<Integer> starts = new ArrayList<>();
        for (int c : candidates) {
            if (starts.stream().allMatch(s -> Math.abs(s - c) >= MIN_BARS)) {
                starts.add(c);
            }
        }
        starts.add(0);
        starts.sort(Integer::compare);
        return starts;
    }
}
