package io.beatlight.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles over measured values. */
final class Stats {
    private final double[] sorted;

    Stats(List<Double> values) {
        sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    double mean() {
        return Arrays.stream(sorted).average().orElse(Double.NaN);
    }

    int count() {
        return sorted.length;
    }

    double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    /** min / p50 / mean / max, for small samples where p99 says nothing. */
    static String summary(List<Double> values) {
        Stats s = new Stats(values);
        return String.format("min %.1f, p50 %.1f, mean %.1f, max %.1f (n=%d)", s.min(), s.percentile(50), s.mean(),
                s.max(), s.count());
    }

    String summary(String unit) {
        return String.format("n=%d p50=%.3f%s p99=%.3f%s max=%.3f%s", count(), percentile(50), unit,
                percentile(99), unit, max(), unit);
    }
}
