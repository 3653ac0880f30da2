package io.beatlight.song;

import java.util.List;

/**
 * Beat and downbeat times, in seconds, and the beats per bar; {@code beatsPerBar} is null where a source does not
 * tell it (a beats file without metre or beat numbers), never null once {@link BeatGridReader} has read the song.
 */
record BeatGrid(List<Double> beats, List<Double> downbeats, Integer beatsPerBar) {
}
