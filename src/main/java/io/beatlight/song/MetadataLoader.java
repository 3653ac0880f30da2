package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Reads a song's metadata from every layout the reference accepts (data-contracts §8.3): the seed metadata file,
 * {@code info.json}, {@code sections.json} and a beats file in either shape. Problems never fail the load; they
 * are collected for a {@code song_metadata_warnings} event.
 */
public final class MetadataLoader {
    /** Length used when nothing else tells (the reference's default). */
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

    private SongMetadata run(String id, Path audioFile) {
        Path songDir = metaRoot.resolve(id);
        Path seedFile = firstExisting(metaRoot.resolve(id + ".json"), songDir.resolve(id + ".json"),
                songDir.resolve("meta.json"));
        JsonNode seed = seedFile == null ? null : readObject(seedFile);
        JsonNode info = readObjectIfExists(songDir.resolve("info.json"));

        Double bpm = positive(seed, "bpm");
        if (bpm == null && seed != null) {
            bpm = positive(seed.path("beat_tracking"), "tempo_bpm");
        }
        if (bpm == null) {
            bpm = positive(info, "bpm");
        }

        List<Section> sections = seed == null ? List.of() : partsOf(seed.get("parts"), seedFile);
        if (sections.isEmpty()) {
            JsonNode sectionsFile = readIfExists(songDir.resolve("sections.json"));
            if (sectionsFile != null) {
                sections = sectionListOf(sectionsFile.isObject() ? sectionsFile.get("sections") : sectionsFile,
                        songDir.resolve("sections.json"));
            }
        }

        List<Double> beats = seed == null ? List.of() : firstNonEmpty(numbers(seed.path("hints").get("beats")),
                numbers(seed.path("drums").get("beats")));
        List<Double> downbeats = seed == null ? List.of() : firstNonEmpty(
                numbers(seed.path("hints").get("downbeats")), numbers(seed.path("drums").get("downbeats")));
        if (beats.isEmpty() || downbeats.isEmpty()) {
            Path beatsFile = beatsFile(seed, seedFile, info, songDir);
            if (beatsFile != null) {
                List<List<Double>> read = readBeats(beatsFile);
                if (beats.isEmpty()) {
                    beats = read.get(0);
                }
                if (downbeats.isEmpty()) {
                    downbeats = read.get(1);
                }
            }
        }
        if (downbeats.isEmpty() && !beats.isEmpty()) {
            List<Double> every4th = new ArrayList<>();
            for (int i = 0; i < beats.size(); i += 4) {
                every4th.add(beats.get(i));
            }
            downbeats = every4th;
        }

        Double length = positive(seed, "length");
        if (length == null) {
            length = positive(info, "duration");
        }
        if (length == null && audioFile != null) {
            length = AudioDuration.seconds(audioFile).orElse(null);
        }
        if (length == null) {
            double max = 0;
            for (double b : beats) {
                max = Math.max(max, b);
            }
            for (double b : downbeats) {
                max = Math.max(max, b);
            }
            for (Section s : sections) {
                max = Math.max(max, s.endS());
            }
            length = max > 0 ? max : FALLBACK_LENGTH_S;
        }
        if (length > MAX_LENGTH_S) {
            problems.add("length " + length + " s exceeds the " + (int) MAX_LENGTH_S + " s limit; capped");
            length = MAX_LENGTH_S;
        }
        JsonNode analysis = analysis(info, songDir);
        return new SongMetadata(id, length, bpm, sections, beats, downbeats, analysis, List.copyOf(problems));
    }

    // ---- sections ---------------------------------------------------------------------------------------------

    private List<Section> partsOf(JsonNode parts, Path file) {
        List<Section> out = new ArrayList<>();
        if (parts == null || parts.isNull()) {
            return out;
        }
        if (parts.isArray()) {
            return sectionListOf(parts, file);
        }
        if (!parts.isObject()) {
            problems.add(file.getFileName() + ": parts must be an object {name: [start, end]}");
            return out;
        }
        parts.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isArray() && v.size() >= 2 && v.get(0).isNumber() && v.get(1).isNumber()
                    && Double.isFinite(v.get(0).asDouble()) && Double.isFinite(v.get(1).asDouble())) {
                out.add(new Section(e.getKey(), v.get(0).asDouble(), v.get(1).asDouble()));
            } else {
                problems.add(file.getFileName() + ": parts." + e.getKey() + " is not [start, end]; skipped");
            }
        });
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    private List<Section> sectionListOf(JsonNode list, Path file) {
        List<Section> out = new ArrayList<>();
        if (list == null || !list.isArray()) {
            if (list != null) {
                problems.add(file.getFileName() + ": sections must be an array");
            }
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            Double start = number(s, "start_s", "start");
            Double end = number(s, "end_s", "end");
            String name = text(s, "name", "label");
            if (start == null || end == null) {
                problems.add(file.getFileName() + ": section [" + i + "] needs numeric start and end; skipped");
                continue;
            }
            out.add(new Section(name == null ? "section " + (i + 1) : name, start, end));
        }
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    // ---- beats ------------------------------------------------------------------------------------------------

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

    /** Resolves an artifact path as the reference does, refusing anything outside the meta root. */
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

    /** [beats, downbeats] from the object shape or the array shape. */
    private List<List<Double>> readBeats(Path file) {
        JsonNode root = readIfExists(file);
        List<Double> beats = new ArrayList<>();
        List<Double> downbeats = new ArrayList<>();
        if (root == null) {
            return List.of(beats, downbeats);
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
            problems.add(file.getFileName() + ": beats file must be an object or an array");
        }
        return List.of(beats, downbeats);
    }

    // ---- analysis ---------------------------------------------------------------------------------------------

    private JsonNode analysis(JsonNode info, Path songDir) {
        ArrayNode plots = Json.array();
        if (info != null) {
            collectPlots(info.path("artifacts").path("essentia"), "", plots, songDir);
        }
        ArrayNode chords = Json.array();
        JsonNode chordRows = readIfExists(songDir.resolve("moises").resolve("chords.json"));
        if (chordRows != null && chordRows.isArray()) {
            String previous = null;
            for (JsonNode row : chordRows) {
                if (chords.size() >= 512) {
                    break;
                }
                String label = null;
                for (String key : List.of("chord_simple_pop", "chord_basic_pop", "prev_chord")) {
                    String v = textAt(row.get(key));
                    if (v != null && !v.trim().isEmpty()) {
                        label = v.trim();
                        break;
                    }
                }
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
        }
        if (plots.isEmpty() && chords.isEmpty()) {
            return null;
        }
        ObjectNode analysis = Json.object();
        analysis.set("plots", plots);
        analysis.set("chords", chords);
        return analysis;
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
        node.fields().forEachRemaining(e -> {
            if (e.getValue().isObject()) {
                collectPlots(e.getValue(), e.getKey(), plots, songDir);
            }
        });
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
            problems.add(file.getFileName() + ": must be a JSON object; ignored");
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

    private static String text(JsonNode node, String... keys) {
        for (String key : keys) {
            String v = textAt(node.get(key));
            if (v != null) {
                return v;
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
