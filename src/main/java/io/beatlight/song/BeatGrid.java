package io.beatlight.song;

import java.util.List;

/** Beat and downbeat times, in seconds. */
record BeatGrid(List<Double> beats, List<Double> downbeats) {
}
