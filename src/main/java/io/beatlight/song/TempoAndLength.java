package io.beatlight.song;

import io.beatlight.util.FieldReader;
import java.nio.file.Path;
import java.util.List;

/** A song's tempo and length, each from the first layout that gives a positive number. */
final class TempoAndLength {
    /** Length used when nothing else tells: six minutes, long enough for most songs. */
    static final double FALLBACK_LENGTH_S = 360;
    /** No canvas longer than this is rendered. */
    static final double MAX_LENGTH_S = 30 * 60;

    private TempoAndLength() {
    }

    /** The seed's {@code bpm}, else its {@code beat_tracking.tempo_bpm}, else the {@code bpm} of info.json; or null. */
    static Double bpm(FieldReader seed, FieldReader info) {
        Double bpm = positive(seed, "bpm");
        if (bpm == null && seed != null) {
            bpm = positive(seed.at("beat_tracking"), "tempo_bpm");
        }
        return bpm != null ? bpm : positive(info, "bpm");
    }

    /**
     * The seed's {@code length}, else the {@code duration} of info.json, else the audio file's, else where the last
     * beat or section ends; capped at {@link #MAX_LENGTH_S} (a problem).
     */
    static double length(FieldReader seed, FieldReader info, Path audioFile, BeatGrid grid, List<Section> sections,
                         MetaFolder folder) {
        Double length = positive(seed, "length");
        if (length == null) {
            length = positive(info, "duration");
        }
        if (length == null && audioFile != null) {
            length = AudioDuration.seconds(audioFile).orElse(null);
        }
        if (length == null) {
            length = lastMoment(grid, sections);
        }
        if (length > MAX_LENGTH_S) {
            folder.report("length " + length + " s exceeds the " + (int) MAX_LENGTH_S + " s limit; capped");
            length = MAX_LENGTH_S;
        }
        return length;
    }

    private static double lastMoment(BeatGrid grid, List<Section> sections) {
        double max = 0;
        for (double b : grid.beats()) {
            max = Math.max(max, b);
        }
        for (double b : grid.downbeats()) {
            max = Math.max(max, b);
        }
        for (Section s : sections) {
            max = Math.max(max, s.endS());
        }
        return max > 0 ? max : FALLBACK_LENGTH_S;
    }

    /** The field's number when it is finite and above zero; a missing file ({@code fields} null) has none. */
    private static Double positive(FieldReader fields, String key) {
        Double v = fields == null ? null : fields.finiteNumber(key);
        return v != null && v > 0 ? v : null;
    }
}
