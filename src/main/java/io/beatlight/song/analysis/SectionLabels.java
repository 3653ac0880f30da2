package io.beatlight.song.analysis;

import io.beatlight.song.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels segments by repetition: two segments are alike when their bars, taken in order, are alike (allowing the
 * second to start a bar early or late); a segment joins the earlier group it is most alike to, if alike enough, or
 * starts a new group. Groups are then named: the loudest group that returns is the chorus, the first other group
 * that returns the verse; a segment heard once is the intro at the start, the outro at the end, the bridge elsewhere
 * (then interludes); further groups that return are part_c, part_d…. Names repeat for every return of a group
 * (the metadata writer numbers them).
 */
final class SectionLabels {
    /** How alike (0..1, mean bar similarity) two segments must be to share a label. */
    static final double SAME = 0.66;
    /** A segment shorter than this (in bars) next to one of its own kind joins it. */
    static final int SHORT_BARS = 4;

    private SectionLabels() {
    }

    static List<Section> label(List<Integer> starts, double[][] similarity, BarFeatures bars, List<Double> downbeats,
                               double length) {
        int count = starts.size();
        int[] from = new int[count];
        int[] to = new int[count];
        for (int s = 0; s < count; s++) {
            from[s] = starts.get(s);
            to[s] = s + 1 < count ? starts.get(s + 1) : bars.size();
        }
        int[] group = new int[count];
        int groups = 0;
        for (int s = 0; s < count; s++) {
            int best = -1;
            double bestSimilarity = SAME;
            for (int t = 0; t < s; t++) {
                double alike = alike(similarity, from[s], to[s], from[t], to[t]);
                if (alike >= bestSimilarity) {
                    bestSimilarity = alike;
                    best = group[t];
                }
            }
            group[s] = best >= 0 ? best : groups++;
        }
        // a fragment next to a segment of its own kind is part of it
        List<Integer> kept = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int previous = kept.isEmpty() ? -1 : kept.get(kept.size() - 1);
            boolean fragment = previous >= 0 && group[previous] == group[s]
                    && Math.min(to[s] - from[s], from[s] - from[previous]) < SHORT_BARS;
            if (!fragment) {
                kept.add(s);
            }
        }
        int[] keptGroup = new int[kept.size()];
        int[] keptFrom = new int[kept.size()];
        int[] keptTo = new int[kept.size()];
        for (int k = 0; k < kept.size(); k++) {
            keptGroup[k] = group[kept.get(k)];
            keptFrom[k] = from[kept.get(k)];
            keptTo[k] = k + 1 < kept.size() ? from[kept.get(k + 1)] : bars.size();
        }
        String[] names = names(keptGroup, groups, keptFrom, keptTo, bars);
        List<Section> out = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            double start = k == 0 ? 0 : downbeats.get(keptFrom[k]);
            double end = k + 1 < kept.size() ? downbeats.get(keptFrom[k + 1]) : length;
            out.add(new Section(names[keptGroup[k]], start, end));
        }
        return out;
    }

    /**
     * Mean similarity of segment a's bars to segment b's, bar k to bar k over the shorter length, at the best of three
     * alignments (b a bar early, on time, a bar late).
     */
    static double alike(double[][] similarity, int aFrom, int aTo, int bFrom, int bTo) {
        int length = Math.min(aTo - aFrom, bTo - bFrom);
        double best = 0;
        for (int shift = -1; shift <= 1; shift++) {
            double sum = 0;
            int pairs = 0;
            for (int k = 0; k < length; k++) {
                int other = bFrom + shift + k;
                if (other >= 0 && other < similarity.length) {
                    sum += similarity[aFrom + k][other];
                    pairs++;
                }
            }
            if (pairs > 0) {
                best = Math.max(best, sum / pairs);
            }
        }
        return best;
    }

    private static String[] names(int[] group, int groups, int[] from, int[] to, BarFeatures bars) {
        int[] occurrences = new int[groups];
        double[] loudness = new double[groups];
        int[] barCount = new int[groups];
        for (int s = 0; s < group.length; s++) {
            occurrences[group[s]]++;
            for (int b = from[s]; b < to[s]; b++) {
                loudness[group[s]] += bars.loudness(b);
                barCount[group[s]]++;
            }
        }
        String[] names = new String[groups];
        int chorus = -1;
        for (int g = 0; g < groups; g++) {
            if (occurrences[g] > 1 && (chorus < 0
                    || loudness[g] / barCount[g] > loudness[chorus] / barCount[chorus])) {
                chorus = g;
            }
        }
        if (chorus >= 0) {
            names[chorus] = "chorus";
        }
        for (int g = 0; g < groups; g++) { // groups are numbered in order of first appearance
            if (names[g] == null && occurrences[g] > 1) {
                names[g] = "verse";
                break;
            }
        }
        int last = group.length - 1;
        if (names[group[0]] == null && occurrences[group[0]] == 1) {
            names[group[0]] = "intro";
        }
        if (last > 0 && names[group[last]] == null && occurrences[group[last]] == 1) {
            names[group[last]] = "outro";
        }
        boolean bridge = false;
        char letter = 'c';
        for (int g = 0; g < groups; g++) {
            if (names[g] == null && occurrences[g] == 1) {
                names[g] = bridge ? "interlude" : "bridge";
                bridge = true;
            } else if (names[g] == null) {
                names[g] = "part_" + letter;
                letter = (char) Math.min('z', letter + 1);
            }
        }
        return names;
    }
}
