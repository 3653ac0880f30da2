package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Coerce;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chaser definitions ({@code chasers/*.json}, docs/effects.md#chasers), each file loaded on its own so one bad file
 * never drops the others, and their expansion into effect rows (docs/effects.md#chasers).
 */
public final class Chasers {
    private final Map<String, ObjectNode> byId;
    private final List<String> problems;

    private Chasers(Map<String, ObjectNode> byId, List<String> problems) {
        this.byId = byId;
        this.problems = problems;
    }

    public static Chasers empty() {
        return new Chasers(Map.of(), List.of());
    }

    public static Chasers load(Path dir) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Chasers(byId, problems);
        }
        TreeMap<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(p -> files.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
        }
        for (Path file : files.values()) {
            try {
                JsonNode root = JsonFiles.read(file);
                String problem = validate(root);
                if (problem != null) {
                    problems.add(file.getFileName() + ": " + problem);
                    continue;
                }
                String key = root.get("id").asText().strip().toLowerCase(Locale.ROOT);
                if (byId.putIfAbsent(key, (ObjectNode) root) != null) {
                    problems.add(file.getFileName() + ": duplicate chaser id '" + root.get("id").asText()
                            + "'; the first file wins");
                }
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        return new Chasers(Collections.unmodifiableMap(byId), List.copyOf(problems));
    }

    private static String validate(JsonNode root) {
        if (!root.isObject()) {
            return "a chaser must be a JSON object";
        }
        if (!root.path("id").isTextual() || root.get("id").asText().isBlank()) {
            return "id must be a non-empty string";
        }
        JsonNode effects = root.get("effects");
        if (effects != null && !effects.isNull()) {
            if (!effects.isArray()) {
                return "effects must be an array";
            }
            for (int i = 0; i < effects.size(); i++) {
                JsonNode row = effects.get(i);
                if (!row.isObject() || !row.path("beat").isNumber() || !row.path("fixture_id").isTextual()
                        || !row.path("effect").isTextual()) {
                    return "effects[" + i + "] needs a numeric beat, a fixture_id and an effect";
                }
                JsonNode duration = row.get("duration");
                if (duration != null && !duration.isNull() && !duration.isNumber()) {
                    return "effects[" + i + "].duration must be a number of beats";
                }
            }
        }
        return null;
    }

    public List<String> problems() {
        return problems;
    }

    /** Definitions in id order of the files. */
    public List<ObjectNode> all() {
        return List.copyOf(byId.values());
    }

    /** Case-insensitive lookup. */
    public Optional<ObjectNode> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id.strip().toLowerCase(Locale.ROOT)));
    }

    /** Cycle length in beats: a dynamic chaser's default {@code duration_beats}, else max(beat + duration). */
    public static double cycleBeats(ObjectNode chaser) {
        if ("dynamic".equals(chaser.path("type").asText())) {
            return chaser.path("default_params").path("duration_beats").asDouble(0);
        }
        double cycle = 0;
        for (JsonNode row : chaser.path("effects")) {
            cycle = Math.max(cycle, row.path("beat").asDouble() + row.path("duration").asDouble(0));
        }
        return cycle;
    }

    /**
     * Expands a chaser row at {@code time} into effect rows, evaluated exactly in the reference's order:
     * beats × (60000 ÷ bpm), then ÷ 1000, then added to t. Nothing when bpm ≤ 0 or the chaser is unknown.
     */
    public List<ObjectNode> expand(String chaserId, double time, JsonNode data, Double bpm) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode chaser = find(chaserId).orElse(null);
        if (chaser == null || bpm == null || !(bpm > 0)) {
            return out;
        }
        Long reps = data == null ? null : Coerce.integer(data.get("repetitions"));
        long repetitions = Math.max(1, reps == null ? 1 : reps);
        repetitions = Math.min(repetitions, 10_000);
        double cycle = cycleBeats(chaser);
        double beatMs = 60000 / bpm;
        List<JsonNode> source = new ArrayList<>();
        if ("dynamic".equals(chaser.path("type").asText())) {
            ObjectNode params = chaser.path("default_params").isObject()
                    ? ((ObjectNode) chaser.get("default_params")).deepCopy() : Json.object();
            if (data != null && data.isObject()) {
                params.setAll(((ObjectNode) data).deepCopy());
                params.remove("repetitions");
            }
            if (!"dynamic_wave_generator".equals(chaser.path("generator_id").asText())) {
                return out;
            }
            source.addAll(WaveGenerator.rows(params));
        } else {
            chaser.path("effects").forEach(source::add);
        }
        for (long c = 0; c < repetitions; c++) {
            for (JsonNode row : source) {
                double beat = row.path("beat").asDouble();
                double durationBeats = row.path("duration").asDouble(0);
                ObjectNode expanded = row.deepCopy();
                expanded.remove("beat");
                expanded.put("time", time + (c * cycle + beat) * beatMs / 1000);
                expanded.put("duration", durationBeats * beatMs / 1000);
                if (!expanded.has("data") || !expanded.get("data").isObject()) {
                    expanded.putObject("data");
                }
                out.add(expanded);
            }
        }
        return out;
    }
}
