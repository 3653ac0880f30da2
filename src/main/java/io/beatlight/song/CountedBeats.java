package io.beatlight.song;

import java.util.ArrayList;
import java.util.List;

/**
 * Beats counted in bars, as the newest reference client lists them ({@code {time, bar, beat, type}}): a beat on (or
 * just after) a downbeat starts a bar and is beat 1 ({@code type "downbeat"}), the beats after it count on. Beats
 * before the first downbeat are a pickup in bar 0, counted so that the last of them is beat {@code beatsPerBar}.
 * After the last downbeat (or in a song without downbeats) bars of {@code beatsPerBar} beats continue the count.
 */
public final class CountedBeats {
    /** A downbeat this close after a beat's time still belongs to that beat (analysers disagree by a few ms). */
    static final double TOLERANCE_S = 0.05;

    /** One counted beat: bar 0 is a pickup; beat is 1-based within the bar. */
    public record Beat(double time, int bar, int beat, boolean downbeat) {
        public String type() {
            return downbeat ? "downbeat" : "beat";
        }
    }

    private CountedBeats() {
    }

    /** The song's own beats, counted; empty when the metadata has no beat times. */
    public static List<Beat> of(SongMetadata song) {
        return count(song.beats(), song.downbeats(), song.beatsPerBar());
    }

    /**
     * The song's beats counted, or (when it has none) a grid every {@code 60/bpm} seconds from 0 to its length in
     * bars of {@code beatsPerBar}; empty when it has neither beats nor a bpm.
     */
    public static List<Beat> orBpmGrid(SongMetadata song) {
        if (!song.beats().isEmpty() || song.bpm() == null || !(song.bpm() > 0)) {
            return of(song);
        }
        List<Double> grid = new ArrayList<>();
        double step = 60 / song.bpm();
        for (int i = 0; i * step <= song.lengthSeconds() + 1e-9; i++) {
            grid.add(i * step);
        }
        return count(grid, List.of(), song.beatsPerBar());
    }

    public static List<Beat> count(List<Double> beats, List<Double> downbeats, int beatsPerBar) {
        int perBar = Math.max(1, beatsPerBar);
        List<Beat> counted = new ArrayList<>(beats.size());
        int next = 0; // the first downbeat not yet reached
        int pickup = 0;
        while (pickup < beats.size() && !downbeats.isEmpty() && downbeats.get(0) > beats.get(pickup) + TOLERANCE_S) {
            pickup++;
        }
        if (downbeats.isEmpty()) {
            pickup = 0;
        }
        int bar = 0;
        int beat = 0;
        for (int i = 0; i < beats.size(); i++) {
            double t = beats.get(i);
            int reached = 0;
            while (next < downbeats.size() && downbeats.get(next) <= t + TOLERANCE_S) {
                next++;
                reached++;
            }
            boolean pastKnownBars = next >= downbeats.size();
            if (i < pickup) {
                counted.add(new Beat(t, 0, Math.max(1, perBar - (pickup - 1 - i)), false));
                continue;
            }
            // past the last downbeat (or without any) bars of perBar beats go on
            if (reached > 0 || bar == 0 || (pastKnownBars && beat >= perBar)) {
                bar++;
                beat = 1;
                counted.add(new Beat(t, bar, beat, true));
            } else {
                beat++;
                counted.add(new Beat(t, bar, beat, false));
            }
        }
        return counted;
    }
}
