package io.beatlight.effects;

/**
 * One cue row being rendered. Created when the row becomes active (its start frame), so it can keep private state:
 * effects that interpolate cache values read from the universe on their first frame.
 */
@FunctionalInterface
public interface RowRenderer {
    /** Renders frame {@code f} of the active window {@code [start, end]} into the working universe {@code u}. */
    void render(int f, int start, int end, byte[] u);

    /**
     * True when everything this renderer keeps is fixed on its first frame (values cached at the start), so the same
     * instance can continue a row from any later frame. Renderers that carry per-frame state (travel-limited
     * positions) answer false.
     */
    default boolean frozenAfterStart() {
        return true;
    }

    /** A row that does nothing (unknown effect, unresolvable target, missing channels). */
    RowRenderer NOOP = (f, start, end, u) -> { };

    /**
     * Progress {@code clamp01((f − start) ÷ max(1, end − start))}, 0 at start and 1 at end (docs/effects.md#notation).
     */
    static double progress(int f, int start, int end) {
        double p = (double) (f - start) / Math.max(1, end - start);
        return p < 0 ? 0 : Math.min(1, p);
    }

    /** Fade level {@code R(255·(1 − p))}. */
    static int fadeLevel(int f, int start, int end) {
        return (int) Math.rint(255 * (1 - progress(f, start, end)));
    }
}
