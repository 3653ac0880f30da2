package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.FieldReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many beats make a bar. Metadata files may say it with {@code beats_per_bar} (an integer) or
 * {@code time_signature} ("3/4", "6/8"); otherwise it follows from the beat numbers of an array-shaped beats file or
 * from the spacing of the downbeats, and is 4 when nothing tells.
 */
final class Metre {
    static final int COMMON_TIME = 4;
    static final int MAX_BEATS_PER_BAR = 16;
    private static final Pattern SIGNATURE = Pattern.compile("\\s*(\\d{1,2})\\s*/\\s*(\\d{1,2})\\s*");

    private Metre() {
    }

    /**
     * The metre a metadata file states: {@code beats_per_bar}, else {@code time_signature}; null when it states
     * none. A value that is not a metre is a problem and ignored.
     */
    static Integer stated(FieldReader fields) {
        if (fields == null) {
            return null;
        }
        JsonNode count = fields.value("beats_per_bar");
        if (count != null) {
            if (count.isIntegralNumber() && count.asLong() >= 1 && count.asLong() <= MAX_BEATS_PER_BAR) {
                return count.asInt();
            }
            fields.report("beats_per_bar", "must be an integer 1.." + MAX_BEATS_PER_BAR + "; ignored");
        }
        JsonNode signature = fields.value("time_signature");
        if (signature != null) {
            Integer beats = signature.isTextual() ? fromTimeSignature(signature.asText()) : null;
            if (beats != null) {
                return beats;
            }
            fields.report("time_signature", "must be a time signature such as \"3/4\" or \"6/8\"; ignored");
        }
        return null;
    }

    /**
     * The counted beats per bar of a time signature: its upper number, except for compound metres (6/8, 9/8, 12/8,
     * 6/16…), which are counted in dotted beats, three notes to a beat: 6/8 has 2 beats, 12/8 has 4. Null when the
     * text is no time signature.
     */
    static Integer fromTimeSignature(String text) {
        Matcher m = SIGNATURE.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int upper = Integer.parseInt(m.group(1));
        int lower = Integer.parseInt(m.group(2));
        if (upper < 1 || lower < 1 || Integer.bitCount(lower) != 1) {
            return null;
        }
        int beats = lower >= 8 && upper > 3 && upper % 3 == 0 ? upper / 3 : upper;
        return beats <= MAX_BEATS_PER_BAR ? beats : null;
    }

    /**
     * The beats per bar that the downbeats show: the median count of beats from one downbeat to the next (a beat
     * up to half a beat early still counts for its bar); null with fewer than two downbeats or no beats between.
     */
    static Integer fromDownbeats(List<Double> beats, List<Double> downbeats) {
        if (beats.size() < 2 || downbeats.size() < 2) {
            return null;
        }
        List<Double> sortedBeats = sorted(beats);
        List<Double> sortedDownbeats = sorted(downbeats);
        List<Double> intervals = new ArrayList<>();
        for (int i = 1; i < sortedBeats.size(); i++) {
            intervals.add(sortedBeats.get(i) - sortedBeats.get(i - 1));
        }
        double early = median(intervals) / 2;
        List<Integer> counts = new ArrayList<>();
        int at = 0;
        for (int bar = 0; bar + 1 < sortedDownbeats.size(); bar++) {
            double from = sortedDownbeats.get(bar) - early;
            double to = sortedDownbeats.get(bar + 1) - early;
            while (at < sortedBeats.size() && sortedBeats.get(at) < from) {
                at++;
            }
            int count = 0;
            while (at < sortedBeats.size() && sortedBeats.get(at) < to) {
                count++;
                at++;
            }
            if (count > 0) {
                counts.add(count);
            }
        }
        return plausible(lowerMedian(counts));
    }

    /** The median of each bar's highest beat number (bars given as their beat numbers in order); null for none. */
    static Integer fromBeatNumbers(List<List<Integer>> bars) {
        List<Integer> highest = new ArrayList<>();
        for (List<Integer> bar : bars) {
            if (!bar.isEmpty()) {
                highest.add(Collections.max(bar));
            }
        }
        return plausible(lowerMedian(highest));
    }

    private static Integer plausible(Integer beats) {
        return beats != null && beats >= 1 && beats <= MAX_BEATS_PER_BAR ? beats : null;
    }

    private static List<Double> sorted(List<Double> times) {
        List<Double> copy = new ArrayList<>(times);
        Collections.sort(copy);
        return copy;
    }

    private static double median(List<Double> values) {
        List<Double> copy = sorted(values);
        int n = copy.size();
        return n % 2 == 1 ? copy.get(n / 2) : (copy.get(n / 2 - 1) + copy.get(n / 2)) / 2;
    }

    /** The middle count, the lower of the two middle ones for an even number; null for none. */
    private static Integer lowerMedian(List<Integer> counts) {
        if (counts.isEmpty()) {
            return null;
        }
        List<Integer> copy = new ArrayList<>(counts);
        Collections.sort(copy);
        return copy.get((copy.size() - 1) / 2);
    }
}
