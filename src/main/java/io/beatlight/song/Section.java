package io.beatlight.song;

/** A named part of a song, in seconds. */
public record Section(String name, double startS, double endS) {
    public boolean contains(double t) {
        return startS <= t && t <= endS;
    }
}
