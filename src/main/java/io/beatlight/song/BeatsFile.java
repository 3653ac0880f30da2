package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.FieldReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The beats file of a song: where it is, and its two shapes, an object of {@code beats} and {@code downbeats} lists
 * (and optionally the metre, {@code beats_per_bar} or {@code time_signature}) or an array of beat rows ({@code time},
 * and {@code type} or {@code beat} to mark a downbeat; the beat numbers within each bar tell the metre).
 */
final class BeatsFile {
    /** Where an {@code info.json} may name the beats file; the first {@code .json} path that resolves wins. */
    private static final List<String> INFO_KEYS = List.of("beats_file", "outputs.beats", "artifacts.beats",
            "artifacts.beats_file", "generated_from.timing_grid", "generated_from.beats_file");

    private final MetaFolder folder;

    BeatsFile(MetaFolder folder) {
        this.folder = folder;
    }

    /**
     * The file the seed names, else {@code beats.json} next to the seed, else the file {@code info.json} names, else
     * the song folder's {@code beats.json}; null when none of them exists.
     */
    Path locate(FieldReader seed, Path seedFile, FieldReader info, SongMetaFiles files) {
        if (seed != null) {
            Path named = resolve(seed.at("artifacts").string("beats_file"), seedFile.getParent());
            if (named != null) {
                return named;
            }
            Path nextTo = seedFile.resolveSibling("beats.json");
            if (Files.isRegularFile(nextTo)) {
                return nextTo;
            }
        }
        if (info != null) {
            for (String key : INFO_KEYS) {
                String given = stringAt(info, key);
                Path named = given != null && given.endsWith(".json") ? resolve(given, files.songDir()) : null;
                if (named != null) {
                    return named;
                }
            }
        }
        return Files.isRegularFile(files.beats()) ? files.beats() : null;
    }

    private Path resolve(String given, Path relativeTo) {
        return given == null ? null : folder.resolveArtifact(given, relativeTo);
    }

    /** Reads a dotted key such as {@code outputs.beats}; anything but a string there names no file. */
    private static String stringAt(FieldReader fields, String dottedKey) {
        String[] keys = dottedKey.split("\\.");
        FieldReader at = fields;
        for (int i = 0; i < keys.length - 1; i++) {
            at = at.at(keys[i]);
        }
        return at.string(keys[keys.length - 1]);
    }

    /** Beats, downbeats and metre in either shape; none when the file cannot be read (a problem). */
    BeatGrid read(Path file) {
        JsonNode root = folder.read(file);
        if (root == null) {
            return new BeatGrid(new ArrayList<>(), new ArrayList<>(), null);
        }
        if (root.isObject()) {
            FieldReader fields = folder.fields(file, root);
            return new BeatGrid(fields.finiteNumbers("beats"), fields.finiteNumbers("downbeats"),
                    Metre.stated(fields));
        }
        if (root.isArray()) {
            return readRows(root, file.getFileName().toString());
        }
        folder.report(file.getFileName().toString(), "", "beats file must be an object or an array");
        return new BeatGrid(new ArrayList<>(), new ArrayList<>(), null);
    }

    /**
     * Rows without a finite {@code time} are skipped. A bar's beat numbers run from one row whose {@code beat} is not
     * above the previous one (or whose {@code bar} differs) to the next such row.
     */
    private BeatGrid readRows(JsonNode rows, String fileName) {
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        List<List<Integer>> bars = new ArrayList<>();
        JsonNode previous = null;
        for (int i = 0; i < rows.size(); i++) {
            FieldReader row = FieldReader.of(fileName, "[" + i + "]", rows.get(i), folder::report);
            Double time = row.finiteNumber("time");
            if (time == null) {
                continue;
            }
            beats.add(time);
            if (isDownbeat(row.node())) {
                downbeats.add(time);
            }
            JsonNode beat = row.node().path("beat");
            if (beat.isIntegralNumber()) {
                if (previous == null || startsABar(previous, row.node())) {
                    bars.add(new ArrayList<>());
                }
                bars.get(bars.size() - 1).add(beat.asInt());
                previous = row.node();
            }
        }
        return new BeatGrid(beats, downbeats, Metre.fromBeatNumbers(bars));
    }

    /** Both rows have an integral {@code beat}. */
    private static boolean startsABar(JsonNode previous, JsonNode row) {
        JsonNode bar = row.path("bar");
        JsonNode previousBar = previous.path("bar");
        if (bar.isIntegralNumber() && previousBar.isIntegralNumber() && bar.asLong() != previousBar.asLong()) {
            return true;
        }
        return row.get("beat").asInt() <= previous.get("beat").asInt();
    }

    /** A textual {@code type} decides; without one, beat number 1 of a bar is the downbeat. */
    private static boolean isDownbeat(JsonNode row) {
        JsonNode type = row.get("type");
        if (type != null && type.isTextual()) {
            return type.asText().equals("downbeat");
        }
        return row.path("beat").isIntegralNumber() && row.path("beat").asInt() == 1;
    }
}
