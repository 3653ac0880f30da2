package io.beatlight.tools.cuehelpers;

import io.beatlight.song.CountedBeats;
import io.beatlight.tools.ShowView;
import java.util.List;

/**
 * What a cue helper reads: the show as the tools see it and the song's counted beats (its own beats, or a grid from
 * its bpm when it has none).
 */
public record HelperInput(ShowView show, List<CountedBeats.Beat> beats, Double bpm) {

    /** Seconds per beat at the song's bpm. */
    public double beatSeconds() {
        return 60 / bpm;
    }

    public boolean hasBpm() {
        return bpm != null && bpm > 0;
    }
}
