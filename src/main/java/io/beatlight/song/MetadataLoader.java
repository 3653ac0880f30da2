package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

    private final Path metaRoot;
    private final List<String> problems = new ArrayList<>();

    private MetadataLoader(Path metaRoot) {
        this.metaRoot = metaRoot;
    }

    /** Loads the metadata of song {@code id}; {@code audioFile} (may be null) gives the length as a fallback. */
    public static SongMetadata load(Path metaRoot, String id, Path audioFile) {
        return new MetadataLoader(metaRoot).run(id, audioFile);
    }

    /** Beat and downbeat times, in seconds. */
    private record Grid(List<Double> beats, List<Double> downbeats) {
    }

    private SongMetadata run(String id, Path audioFile) {
        Path songDir = metaRoot.resolve(id);
        Path seedFile = firstExisting(metaRoot.resolve(id + ".json"), songDir.resolve(id + ".json"),
                songDir.resolve("meta.json"));
        JsonNode seed = seedFile == null ? null : readObject(seedFile);
        JsonNode info = readObjectIfExists(songDir.resolve("info.json"));
        Double bpm = bpm(seed, info);
        List<Section> sections = sections(seed, seedFile, songDir);
        Grid grid = grid(seed, seedFile, info, songDir);
        double length = length(seed, info, audioFile, grid, sections);
        JsonNode analysis = analysis(info, songDir);
        return new SongMetadata(id, length, bpm, sections, grid.beats(), grid.downbeats(), analysis,
                List.copyOf(problems));
    }

    private static Double bpm(JsonNode seed, JsonNode info) {
        Double bpm = positive(seed, "bpm");
        if (bpm == null && seed != null) {
            bpm = positive(seed.path("beat_tracking"), "tempo_bpm");
        }
        return bpm != null ? bpm : positive(info, "bpm");
    }

    /** The length the metadata gives, else the audio file's, else where the last beat or section ends; capped. */
    private double length(JsonNode seed, JsonNode info, Path audioFile, Grid grid, List<Section> sections) {
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
            problems.add("length " + length + " s exceeds the " + (int) MAX_LENGTH_S + " s limit; capped");
            length = MAX_LENGTH_S;
        }
        return length;
    }

    private static double lastMoment(Grid grid, List<Section> sections) {
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

    // ---- sections ---------------------------------------------------------------------------------------------

    /** The seed file's parts, else {@code sections.json}. */
    private List<Section> sections(JsonNode seed, Path seedFile, Path songDir) {
        List<Section> sections = seed == null ? List.of() : partsOf(seed, seedFile);
        if (sections.isEmpty()) {
            JsonNode sectionsFile = readIfExists(songDir.resolve("sections.json"));
            if (sectionsFile != null) {
                sections = sectionListOf(sectionsFile.isObject() ? sectionsFile.get("sections") : sectionsFile,
                        songDir.resolve("sections.json"));
            }
        }
        return sections;
    }

    /** The seed's parts: a list of sections, or an object of name → [start, end]. */
    private List<Section> partsOf(JsonNode seed, Path file) {
        List<Section> out = new ArrayList<>();
        FieldReader fields = reader(file, seed);
        JsonNode parts = fields.value("parts");
        if (parts == null) {
            return out;
        }
        if (parts.isArray()) {
            return sectionListOf(parts, file);
        }
        FieldReader byName = fields.requiredObject("parts", "must be an object {name: [start, end]}");
        if (byName == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : byName.properties()) {
            JsonNode v = e.getValue();
            if (v.isArray() && v.size() >= 2 && v.get(0).isNumber() && v.get(1).isNumber()
                    && Double.isFinite(v.get(0).asDouble()) && Double.isFinite(v.get(1).asDouble())) {
                out.add(new Section(e.getKey(), v.get(0).asDouble(), v.get(1).asDouble()));
            } else {
                byName.report(e.getKey(), "is not [start, end]; skipped");
            }
        }
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    private List<Section> sectionListOf(JsonNode list, Path file) {
        List<Section> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            if (list != null) {
                problem(file.getFileName().toString(), "sections", "must be an array");
            }
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            FieldReader section = FieldReader.of(file.getFileName().toString(), "section [" + i + "]", list.get(i),
                    this::problem);
            Double start = firstNumber(section, "start_s", "start");
            Double end = firstNumber(section, "end_s", "end");
            String name = section.string("name") != null ? section.string("name") : section.string("label");
            if (start == null || end == null) {
                section.report("", "needs numeric start and end; skipped");
                continue;
            }
            out.add(new Section(name == null ? "section " + (i + 1) : name, start, end));
        }
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    private static Double firstNumber(FieldReader fields, String key, String fallbackKey) {
        Double v = fields.finiteNumber(key);
        return v != null ? v : fields.finiteNumber(fallbackKey);
    }

    // ---- beats ------------------------------------------------------------------------------------------------

    /**
     * Beats and downbeats from the seed's hints or drum analysis, else from a beats file; downbeats default to every
     * fourth beat.
     */
    private Grid grid(JsonNode seed, Path seedFile, JsonNode info, Path songDir) {
        List<Double> beats = seed == null ? List.of() : firstNonEmpty(numbers(seed.path("hints").get("beats")),
                numbers(seed.path("drums").get("beats")));
        List<Double> downbeats = seed == null ? List.of() : firstNonEmpty(
                numbers(seed.path("hints").get("downbeats")), numbers(seed.path("drums").get("downbeats")));
        if (beats.isEmpty() || downbeats.isEmpty()) {
            Path beatsFile = beatsFile(seed, seedFile, info, songDir);
            if (beatsFile != null) {
                Grid read = readBeats(beatsFile);
                beats = beats.isEmpty() ? read.beats() : beats;
                downbeats = downbeats.isEmpty() ? read.downbeats() : downbeats;
            }
        }
        if (downbeats.isEmpty() && !beats.isEmpty()) {
            List<Double> every4th = new ArrayList<>();
            for (int i = 0; i < beats.size(); i += 4) {
                every4th.add(beats.get(i));
            }
            downbeats = every4th;
        }
        return new Grid(beats, downbeats);
    }

    private Path beatsFile(JsonNode seed, Path seedFile, JsonNode info, Path songDir) {
        if (seed != null) {
            String given = textAt(seed.path("artifacts").get("beats_file"));
            if (given != null) {
                Path resolved = resolveArtifact(given, seedFile.getParent());
                if (resolved != null) {
                    return resolved;
                }
            }
            Path nextTo = seedFile.resolveSibling("beats.json");
            if (Files.isRegularFile(nextTo)) {
                return nextTo;
            }
        }
        if (info != null) {
            for (JsonNode candidate : List.of(info.path("beats_file"), info.path("outputs").path("beats"),
                    info.path("artifacts").path("beats"), info.path("artifacts").path("beats_file"),
                    info.path("generated_from").path("timing_grid"), info.path("generated_from").path("beats_file"))) {
                String given = textAt(candidate);
                if (given != null && given.endsWith(".json")) {
                    Path resolved = resolveArtifact(given, songDir);
                    if (resolved != null) {
                        return resolved;
                    }
                }
            }
        }
        Path standard = songDir.resolve("beats.json");
        return Files.isRegularFile(standard) ? standard : null;
    }

    /**
     * Resolves an artifact path as the analysis wrote it (an absolute path into some {@code /meta/} folder, or a
     * path relative to the song's folder or the meta root), refusing anything outside the meta root.
     */
    private Path resolveArtifact(String given, Path relativeTo) {
        List<Path> candidates = new ArrayList<>();
        String normalized = given.replace('\\', '/');
        int metaAt = normalized.indexOf("/meta/");
        if (normalized.startsWith("/") && metaAt >= 0) {
            candidates.add(metaRoot.resolve(normalized.substring(metaAt + "/meta/".length())));
        }
        if (!normalized.startsWith("/")) {
            candidates.add(relativeTo.resolve(normalized));
            candidates.add(metaRoot.resolve(normalized));
        }
        Path root = metaRoot.toAbsolutePath().normalize();
        for (Path candidate : candidates) {
            Path p = candidate.toAbsolutePath().normalize();
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Beats and downbeats from the object shape or the array shape. */
    private Grid readBeats(Path file) {
        JsonNode root = readIfExists(file);
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        if (root == null) {
            return new Grid(beats, downbeats);
        }
        if (root.isObject()) {
            beats.addAll(numbers(root.get("beats")));
            downbeats.addAll(numbers(root.get("downbeats")));
        } else if (root.isArray()) {
            for (JsonNode row : root) {
                Double time = number(row, "time");
                if (time == null) {
                    continue;
                }
                beats.add(time);
                JsonNode type = row.get("type");
                boolean down = type != null && type.isTextual() ? type.asText().equals("downbeat")
                        : row.path("beat").isIntegralNumber() && row.path("beat").asInt() == 1;
                if (down) {
                    downbeats.add(time);
                }
            }
        } else {
            problem(file.getFileName().toString(), "", "beats file must be an object or an array");
        }
        return new Grid(beats, downbeats);
    }

    // ---- analysis ---------------------------------------------------------------------------------------------

    private JsonNode analysis(JsonNode info, Path songDir) {
        ArrayNode plots = Json.array();
        if (info != null) {
            collectPlots(info.path("artifacts").path("essentia"), "", plots, songDir);
        }
        ArrayNode chords = chords(readIfExists(songDir.resolve("moises").resolve("chords.json")));
        if (plots.isEmpty() && chords.isEmpty()) {
            return null;
        }
        ObjectNode analysis = Json.object();
        analysis.set("plots", plots);
        analysis.set("chords", chords);
        return analysis;
    }

    /** The chord changes (at most 512): a row per beat becomes a row per new chord, "N" (no chord) left out. */
    private static ArrayNode chords(JsonNode chordRows) {
        ArrayNode chords = Json.array();
        if (chordRows == null || !chordRows.isArray()) {
            return chords;
        }
        String previous = null;
        for (JsonNode row : chordRows) {
            if (chords.size() >= 512) {
                break;
            }
            String label = chordLabel(row);
            Double time = number(row, "curr_beat_time");
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
    private static String chordLabel(JsonNode row) {
        for (String key : List.of("chord_simple_pop", "chord_basic_pop", "prev_chord")) {
            String v = textAt(row.get(key));
            if (v != null && !v.trim().isEmpty()) {
                return v.trim();
            }
        }
        return null;
    }

    private void collectPlots(JsonNode node, String key, ArrayNode plots, Path songDir) {
        if (!node.isObject()) {
            return;
        }
        String svg = textAt(node.get("svg"));
        if (svg != null && !key.isEmpty()) {
            String url = svgUrl(svg, songDir);
            if (url != null) {
                String title = titleCase(key.replace('_', ' '));
                plots.add(Json.object().put("id", key).put("title", title).put("svg_url", url));
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isObject()) {
                collectPlots(e.getValue(), e.getKey(), plots, songDir);
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
        Path resolved = resolveArtifact(svg, songDir);
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

    /** A problem line names the file, then the field when there is one. */
    private void problem(String file, String field, String message) {
        problems.add(file + ": " + (field.isEmpty() ? "" : field + " ") + message);
    }

    private FieldReader reader(Path file, JsonNode node) {
        return FieldReader.of(file.getFileName().toString(), "", node, this::problem);
    }

    // ---- small readers ----------------------------------------------------------------------------------------

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private JsonNode readObject(Path file) {
        JsonNode node = readIfExists(file);
        if (node != null && !node.isObject()) {
            problem(file.getFileName().toString(), "", "must be a JSON object; ignored");
            return null;
        }
        return node;
    }

    private JsonNode readObjectIfExists(Path file) {
        return Files.isRegularFile(file) ? readObject(file) : null;
    }

    private JsonNode readIfExists(Path file) {
        try {
            return JsonFiles.read(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Double positive(JsonNode node, String key) {
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(key);
        if (v != null && v.isNumber() && Double.isFinite(v.asDouble()) && v.asDouble() > 0) {
            return v.asDouble();
        }
        return null;
    }

    private static Double number(JsonNode node, String... keys) {
        for (String key : keys) {
            JsonNode v = node.get(key);
            if (v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                return v.asDouble();
            }
        }
        return null;
    }

    private static String textAt(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static List<Double> numbers(JsonNode list) {
        List<Double> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode v : list) {
                if (v.isNumber() && Double.isFinite(v.asDouble())) {
                    out.add(v.asDouble());
                }
            }
        }
        return out;
    }

    private static List<Double> firstNonEmpty(List<Double> a, List<Double> b) {
        return a.isEmpty() ? b : a;
    }

}
