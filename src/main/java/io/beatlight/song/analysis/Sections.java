package io.beatlight.song.analysis;

import io.beatlight.song.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Section boundaries from bar-level features (loudness and spectral balance per bar): a novelty curve compares the
 * bars before and after each downbeat; its peaks become boundaries. Segments are labelled A, B, C… by similarity,
 * and named intro/verse/chorus/bridge/outro where loudness supports it.
 */
public final class Sections {
    static final int WINDOW_BARS = 4;
    static final int MIN_BARS = 4;

    private Sections() {
    }

    /** Features per bar: mean loudness and mean bass / full onset strength. */
    static double[][] barFeatures(OnsetEnvelope envelope, List<Double> downbeats, double length) {
        double rate = envelope.rate();
        double[][] features = new double[Math.max(0, downbeats.size())][];
        for (int b = 0; b < downbeats.size(); b++) {
            int from = (int) Math.round(downbeats.get(b) * rate);
            int to = (int) Math.round((b + 1 < downbeats.size() ? downbeats.get(b + 1) : length) * rate);
            to = Math.min(Math.max(to, from + 1), envelope.energy().length);
            double energy = 0;
            double bass = 0;
            double full = 0;
            for (int i = from; i < to; i++) {
                energy += envelope.energy()[i];
                bass += envelope.bass()[i];
                full += envelope.strength()[i];
            }
            int n = Math.max(1, to - from);
            features[b] = new double[] {Math.log1p(100 * energy / n), Math.log1p(bass / n), Math.log1p(full / n)};
        }
        return features;
    }

    public static List<Section> find(OnsetEnvelope envelope, List<Double> downbeats, double length) {
        List<Section> out = new ArrayList<>();
        if (downbeats.size() < 2 * MIN_BARS) {
            if (length > 0) {
                out.add(new Section("A", 0, length));
            }
            return out;
        }
        double[][] f = barFeatures(envelope, downbeats, length);
        int bars = f.length;
        double[] novelty = new double[bars];
        for (int b = 1; b < bars; b++) {
            double[] before = mean(f, Math.max(0, b - WINDOW_BARS), b);
            double[] after = mean(f, b, Math.min(bars, b + WINDOW_BARS));
            double d = 0;
            for (int k = 0; k < before.length; k++) {
                d += (after[k] - before[k]) * (after[k] - before[k]);
            }
            novelty[b] = Math.sqrt(d);
        }
        double threshold = 0;
        for (double v : novelty) {
            threshold += v;
        }
        threshold = 1.5 * threshold / bars;
        List<Integer> boundaries = new ArrayList<>();
        boundaries.add(0);
        for (int b = 1; b < bars; b++) {
            boolean peak = novelty[b] >= threshold && novelty[b] >= novelty[b - 1]
                    && (b + 1 >= bars || novelty[b] >= novelty[b + 1]);
            if (peak && b - boundaries.get(boundaries.size() - 1) >= MIN_BARS && bars - b >= 2) {
                boundaries.add(b);
            }
        }
        List<double[]> means = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < boundaries.size(); s++) {
            int from = boundaries.get(s);
            int to = s + 1 < boundaries.size() ? boundaries.get(s + 1) : bars;
            double[] m = mean(f, from, to);
            String label = null;
            for (int p = 0; p < means.size(); p++) {
                if (distance(means.get(p), m) < 0.15) {
                    label = labels.get(p);
                    break;
                }
            }
            if (label == null) {
                label = String.valueOf((char) ('A' + Math.min(25, (int) labels.stream().distinct().count())));
            }
            means.add(m);
            labels.add(label);
        }
        for (int s = 0; s < boundaries.size(); s++) {
            double start = s == 0 ? 0 : downbeats.get(boundaries.get(s));
            double end = s + 1 < boundaries.size() ? downbeats.get(boundaries.get(s + 1)) : length;
            out.add(new Section(labels.get(s), start, end));
        }
        return name(out, means);
    }

    /** Names by loudness: the loudest label is the chorus, quiet first/last segments are intro/outro. */
    private static List<Section> name(List<Section> sections, List<double[]> means) {
        if (sections.size() < 3) {
            return sections;
        }
        String loudest = sections.get(0).name();
        double max = -1;
        double overall = 0;
        for (int i = 0; i < sections.size(); i++) {
            overall += means.get(i)[0];
            if (means.get(i)[0] > max) {
                max = means.get(i)[0];
                loudest = sections.get(i).name();
            }
        }
        overall /= sections.size();
        List<Section> named = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            String base;
            if (i == 0 && means.get(i)[0] < overall && !s.name().equals(loudest)) {
                base = "intro";
            } else if (i == sections.size() - 1 && means.get(i)[0] < overall && !s.name().equals(loudest)) {
                base = "outro";
            } else if (s.name().equals(loudest)) {
                base = "chorus";
            } else if (means.get(i)[0] < overall - 0.3) {
                base = "bridge";
            } else {
                base = "verse";
            }
            int n = counts.merge(base, 1, Integer::sum);
            named.add(new Section(base + "_" + n, s.startS(), s.endS()));
        }
        return named;
    }

    private static double[] mean(double[][] f, int from, int to) {
        double[] m = new double[f[0].length];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < m.length; k++) {
                m[k] += f[i][k];
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= Math.max(1, to - from);
        }
        return m;
    }

    private static double distance(double[] a, double[] b) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            d += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(d);
    }
}
