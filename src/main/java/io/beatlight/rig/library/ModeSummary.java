package io.beatlight.rig.library;

/** One mode of a library fixture as search results show it: its name and how many DMX channels it takes. */
public record ModeSummary(String name, int channels) {
}
