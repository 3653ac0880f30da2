package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a song's metadata from every layout song analysis leaves in the meta folder: the seed metadata file,
 * {@code info.json}, {@code sections.json} and a beats file in either shape (an object of beat and downbeat lists,
 * or an array of beat rows). Problems never fail the load; they
 * are collected for a {@code song_metadata_warnings} event.
 */
public final class MetadataLoader {
    /** Length used when nothing else tells: six minutes, long enough for most songs. */
    public static final double FALLBACK_LENGTH_S = 360;
    /** No canvas longer than this is rendered. */
    public static final double MAX_LENGTH_S = 30 * 60;

    private final MetaFolder folder;
    private final Path metaRoot;

    private MetadataLoader(Path metaRoot) {
        this.folder = new MetaFolder(metaRoot);
        this.metaRoot = metaRoot;
    }

    /** Loads the metadata of song {@code id}; {@code audioFile} (may be null) gives the length as a fallback. */
    public static SongMetadata load(Path metaRoot, String id, Path audioFile) {
        return new MetadataLoader(metaRoot).run(id, audioFile);
    }

    private SongMetadata run(String id, Path audioFile) {
        SongMetaFiles files = new SongMetaFiles(metaRoot, id);
        Path songDir = files.songDir();
        Path seedFile = files.seed();
        FieldReader seed = seedFile == null ? null : folder.readObject(seedFile);
        FieldReader info = folder.readObject(files.info());
        Double bpm = bpm(seed, info);
        List<Section> sections = new SectionsReader(folder).read(seed, seedFile, files.sections());
        BeatGrid grid = new BeatGridReader(folder).read(seed, seedFile, info, files);
        double length = length(seed, info, audioFile, grid, sections);
        JsonNode analysis = analysis(info, songDir);
        return new SongMetadata(id, length, bpm, sections, grid.beats(), grid.downbeats(), analysis,
                folder.problems());
    }

    private static Double bpm(FieldReader seed, FieldReader info) {
        Double bpm = positive(seed, "bpm");
        if (bpm == null && seed != null) {
            bpm = positive(seed.at("beat_tracking"), "tempo_bpm");
        }
        return bpm != null ? bpm : positive(info, "bpm");
    }

    /** The length the metadata gives, else the audio file's, else where the last beat or section ends; capped. */
    private double length(FieldReader seed, FieldReader info, Path audioFile, BeatGrid grid, List<Section> sections) {
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

    // ---- analysis ---------------------------------------------------------------------------------------------

    private JsonNode analysis(FieldReader info, Path songDir) {
        ArrayNode plots = Json.array();
        if (info != null) {
            collectPlots(info.at("artifacts").at("essentia"), "", plots, songDir);
        }
        ArrayNode chords = chords(folder.read(songDir.resolve("moises").resolve("chords.json")));
        if (plots.isEmpty() && chords.isEmpty()) {
            return null;
        }
        ObjectNode analysis = Json.object();
        analysis.set("plots", plots);
        analysis.set("chords", chords);
        return analysis;
    }

    /** The chord changes (at most 512): a row per beat becomes a row per new chord, "N" (no chord) left out. */
    private ArrayNode chords(JsonNode chordRows) {
        ArrayNode chords = Json.array();
        if (chordRows == null || !chordRows.isArray()) {
            return chords;
        }
        String previous = null;
        for (int i = 0; i < chordRows.size(); i++) {
            if (chords.size() >= 512) {
                break;
            }
            JsonNode row = chordRows.get(i);
            FieldReader fields = FieldReader.of("chords.json", "[" + i + "]", row, folder::report);
            String label = chordLabel(fields);
            Double time = fields.finiteNumber("curr_beat_time");
            if (label == null || label.equalsIgnoreCase("N") || label.equals(previous) || time == null) {
                continue;
            }
            previous = label;
            ObjectNode chord = Json.object().put("time_s", time).put("label", label);
            if (row.path("bar_num").isIntegralNumber()) {
                chord.put("bar", row.get("bar_num").asInt());
            }
            if (row.path("beat_num").isIntegralNumber()) {
                chord.put("beat", row.get("beat_num").asInt());
            }
            chords.add(chord);
        }
        return chords;
    }

    /** The simplest chord name the row gives. */
    private static String chordLabel(FieldReader row) {
        for (String key : List.of("chord_simple_pop", "chord_basic_pop", "prev_chord")) {
            String v = row.string(key);
            if (v != null && !v.trim().isEmpty()) {
                return v.trim();
            }
        }
        return null;
    }

    private void collectPlots(FieldReader node, String key, ArrayNode plots, Path songDir) {
        if (!node.node().isObject()) {
            return;
        }
        String svg = node.string("svg");
        if (svg != null && !key.isEmpty()) {
            String url = svgUrl(svg, songDir);
            if (url != null) {
                String title = titleCase(key.replace('_', ' '));
                plots.add(Json.object().put("id", key).put("title", title).put("svg_url", url));
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                collectPlots(node.at(e.getKey()), e.getKey(), plots, songDir);
            }
        }
    }

    private String svgUrl(String svg, Path songDir) {
        if (svg.startsWith("http://") || svg.startsWith("https://") || svg.startsWith("/meta/")) {
            return svg;
        }
        if (svg.startsWith("/app/meta/")) {
            return "/meta/" + encodeSegments(svg.substring("/app/meta/".length()));
        }
        Path resolved = folder.resolveArtifact(svg, songDir);
        if (resolved == null) {
            return null;
        }
        Path relative = metaRoot.toAbsolutePath().normalize().relativize(resolved);
        return "/meta/" + encodeSegments(relative.toString().replace('\\', '/'));
    }

    private static String encodeSegments(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (!word.isEmpty()) {
                out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return out.toString();
    }

    /** The field's number when it is finite and above zero; an absent file has none. */
    private static Double positive(FieldReader fields, String key) {
        Double v = fields == null ? null : fields.finiteNumber(key);
        return v != null && v > 0 ? v : null;
    }

}
