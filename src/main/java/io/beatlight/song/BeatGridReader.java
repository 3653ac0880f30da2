package io.beatlight.song;

import io.beatlight.util.FieldReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A song's beats and downbeats: the seed file's {@code hints}, else its {@code drums} analysis, else a beats file
 * ({@link BeatsFile}); each list is taken from the first of these that has it. Without downbeats, every fourth beat
 * is one.
 */
final class BeatGridReader {
    private static final int BEATS_PER_BAR = 4;

    private final MetaFolder folder;

    BeatGridReader(MetaFolder folder) {
        this.folder = folder;
    }

    /** {@code seed} and {@code info} are null when their file is missing or not an object. */
    BeatGrid read(FieldReader seed, Path seedFile, FieldReader info, SongMetaFiles files) {
        List<Double> beats = seed == null ? List.of() : seedTimes(seed, "beats");
        List<Double> downbeats = seed == null ? List.of() : seedTimes(seed, "downbeats");
        if (beats.isEmpty() || downbeats.isEmpty()) {
            BeatsFile beatsFile = new BeatsFile(folder);
            Path file = beatsFile.locate(seed, seedFile, info, files);
            if (file != null) {
                BeatGrid read = beatsFile.read(file);
                beats = beats.isEmpty() ? read.beats() : beats;
                downbeats = downbeats.isEmpty() ? read.downbeats() : downbeats;
            }
        }
        if (downbeats.isEmpty() && !beats.isEmpty()) {
            downbeats = firstBeatOfEachBar(beats);
        }
        return new BeatGrid(beats, downbeats);
    }

    private static List<Double> seedTimes(FieldReader seed, String key) {
        List<Double> hinted = seed.at("hints").finiteNumbers(key);
        return hinted.isEmpty() ? seed.at("drums").finiteNumbers(key) : hinted;
    }

    private static List<Double> firstBeatOfEachBar(List<Double> beats) {
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i < beats.size(); i += BEATS_PER_BAR) {
            downbeats.add(beats.get(i));
        }
        return downbeats;
    }
}
