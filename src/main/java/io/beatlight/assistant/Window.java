package io.beatlight.assistant;

/**
 * The time span [start, end) a request names, in seconds; point when it named an instant ("at 1:20") rather than a
 * span, and the label its summary uses ("in chorus_1", "at 1:20").
 */
record Window(double start, double end, boolean point, String label) {
}
