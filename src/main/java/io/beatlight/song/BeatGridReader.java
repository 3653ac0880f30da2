package io.beatlight.song;

import io.beatlight.util.FieldReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A song's beats, downbeats and beats per bar. Beats and downbeats: the seed file's {@code hints}, else its
 * {@code drums} analysis, else a beats file ({@link BeatsFile}); each list is taken from the first of these that has
 * it. Beats per bar ({@link Metre}): as the seed file or {@code info.json} states it, else as the beats file tells,
 * else from the spacing of the downbeats, else 4. Without downbeats, the first beat of every bar is one.
 */
final class BeatGridReader {
    private final MetaFolder folder;

    BeatGridReader(MetaFolder folder) {
        this.folder = folder;
    }

    /** {@code seed} and {@code info} are null when their file is missing or not an object. */
    BeatGrid read(FieldReader seed, Path seedFile, FieldReader info, SongMetaFiles files) {
        List<Double> beats = seed == null ? List.of() : seedTimes(seed, "beats");
        List<Double> downbeats = seed == null ? List.of() : seedTimes(seed, "downbeats");
        Integer beatsPerBar = Metre.stated(seed);
        if (beatsPerBar == null) {
            beatsPerBar = Metre.stated(info);
        }
        if (beats.isEmpty() || downbeats.isEmpty()) {
            BeatsFile beatsFile = new BeatsFile(folder);
            Path file = beatsFile.locate(seed, seedFile, info, files);
            if (file != null) {
                BeatGrid read = beatsFile.read(file);
                beats = beats.isEmpty() ? read.beats() : beats;
                downbeats = downbeats.isEmpty() ? read.downbeats() : downbeats;
                beatsPerBar = beatsPerBar == null ? read.beatsPerBar() : beatsPerBar;
            }
        }
        if (beatsPerBar == null) {
            beatsPerBar = Metre.fromDownbeats(beats, downbeats);
        }
        if (beatsPerBar == null) {
            beatsPerBar = Metre.COMMON_TIME;
        }
        if (downbeats.isEmpty() && !beats.isEmpty()) {
            downbeats = firstBeatOfEachBar(beats, beatsPerBar);
        }
        return new BeatGrid(beats, downbeats, beatsPerBar);
    }

    private static List<Double> seedTimes(FieldReader seed, String key) {
        List<Double> hinted = seed.at("hints").finiteNumbers(key);
        return hinted.isEmpty() ? seed.at("drums").finiteNumbers(key) : hinted;
    }

    private static List<Double> firstBeatOfEachBar(List<Double> beats, int beatsPerBar) {
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i < beats.size(); i += beatsPerBar) {
            downbeats.add(beats.get(i));
        }
        return downbeats;
    }
}
