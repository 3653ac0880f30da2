package io.beatlight.show;

import java.util.Arrays;
import java.util.Map;

/**
 * Where the pre-rolled rows of a render start (v2, docs/effects.md#pre-roll-v2): a row at time t may begin its dark
 * travel phase frames before t. A re-render after an edit at time T must restart before every pre-roll of a row at or
 * after T, in the old render and in the new one; this answers "the earliest frame any such row starts at".
 */
final class PreRollStarts {
    static final PreRollStarts NONE = new PreRollStarts(new double[0], new int[0]);

    /** Row times, ascending. */
    private final double[] times;
    /** {@code earliest[i]}: the smallest pre-rolled start frame of the rows {@code i..n-1}. */
    private final int[] earliest;

    private PreRollStarts(double[] times, int[] earliest) {
        this.times = times;
        this.earliest = earliest;
    }

    /** The pre-rolled start frames of a plan (as {@link RenderPass} activates them) by the rows' times. */
    static PreRollStarts of(Map<CueRow, Integer> plan, int fps, int totalFrames) {
        double[][] pairs = plan.entrySet().stream()
                .map(e -> new double[] {e.getKey().time(), startFrame(e.getKey(), e.getValue(), fps, totalFrames)})
                .filter(p -> p[1] >= 0)
                .sorted((a, b) -> Double.compare(a[0], b[0]))
                .toArray(double[][]::new);
        if (pairs.length == 0) {
            return NONE;
        }
        double[] times = new double[pairs.length];
        int[] earliest = new int[pairs.length];
        int min = Integer.MAX_VALUE;
        for (int i = pairs.length - 1; i >= 0; i--) {
            times[i] = pairs[i][0];
            min = Math.min(min, (int) pairs[i][1]);
            earliest[i] = min;
        }
        return new PreRollStarts(times, earliest);
    }

    /** The frame a pre-rolled row starts at, or -1 when it renders nothing (as {@code RenderPass.activate}). */
    private static double startFrame(CueRow row, int preRollFrames, int fps, int totalFrames) {
        double start = Math.rint(row.time() * fps);
        if (!Double.isFinite(start) || start < 0 || start >= totalFrames) {
            return -1;
        }
        return Math.max(0, start - preRollFrames);
    }

    /** The earliest frame a pre-rolled row at or after {@code seconds} starts at; MAX_VALUE when there is none. */
    int earliestStartOfRowsFrom(double seconds) {
        int i = Arrays.binarySearch(times, seconds);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && times[i - 1] == seconds) {
                i--;
            }
        }
        return i < times.length ? earliest[i] : Integer.MAX_VALUE;
    }
}
