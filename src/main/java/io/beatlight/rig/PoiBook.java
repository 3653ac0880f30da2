package io.beatlight.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Points of interest ({@code pois.json}). Rows that fail validation are kept verbatim and written back unchanged;
 * only valid rows are visible to the show. A file that could not be parsed is never overwritten. Immutable: every
 * edit returns a new book.
 */
public final class PoiBook {
    public static final String FILE = "pois.json";

    private final List<JsonNode> rows;
    private final boolean writable;
    private final String unreadableReason;

    private PoiBook(List<JsonNode> rows, boolean writable, String unreadableReason) {
        this.rows = List.copyOf(rows);
        this.writable = writable;
        this.unreadableReason = unreadableReason;
    }

    public static PoiBook empty() {
        return new PoiBook(List.of(), true, null);
    }

    public record Loaded(PoiBook book, List<LoadProblem> problems) {
    }

    public static Loaded load(Path file) {
        List<LoadProblem> problems = new ArrayList<>();
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (NoSuchFileException e) {
            return new Loaded(empty(), problems);
        } catch (IOException e) {
            problems.add(LoadProblem.error(name, "", e.getMessage() + "; POIs are read-only until it is fixed"));
            return new Loaded(new PoiBook(List.of(), false, e.getMessage()), problems);
        }
        if (!root.isArray()) {
            String reason = "must be a JSON array of POIs";
            problems.add(LoadProblem.error(name, "", reason + "; POIs are read-only until it is fixed"));
            return new Loaded(new PoiBook(List.of(), false, name + ": " + reason), problems);
        }
        List<JsonNode> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(); // 10,000 POIs: no quadratic scan
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            String problem = validate(row);
            if (problem == null) {
                String key = row.get("id").asText().trim().toLowerCase(Locale.ROOT);
                if (seen.contains(key)) {
                    problem = "duplicate id '" + row.get("id").asText() + "'";
                } else {
                    seen.add(key);
                }
            }
            if (problem != null) {
                problems.add(LoadProblem.warning(name, "[" + i + "]", problem + "; kept in the file, not used"));
            }
            rows.add(row);
        }
        return new Loaded(new PoiBook(rows, true, null), problems);
    }

    /** Why a record is unusable (its first problem), or null when it is valid. */
    public static String validate(JsonNode row) {
        if (!row.isObject()) {
            return "a POI must be an object";
        }
        List<String> problems = new ArrayList<>();
        FieldReader poi = FieldReader.of(FILE, "", row, (file, field, message) -> problems.add(field + " " + message));
        String id = poi.string("id");
        if (id == null || id.trim().isEmpty()) {
            poi.report("id", "must be a non-empty string");
        }
        poi.optionalString("name", "must be a string");
        FieldReader location = poi.optionalObject("location", "must be an object {x, y, z}");
        if (location != null) {
            for (String axis : List.of("x", "y", "z")) {
                location.optionalNumber(axis, "must be a number");
            }
        }
        poi.optionalObject("fixtures", "must be an object of fixture id -> {pan, tilt}");
        return problems.isEmpty() ? null : problems.get(0);
    }

    public boolean writable() {
        return writable;
    }

    public String unreadableReason() {
        return unreadableReason;
    }

    /** Every row, valid or not, in file order. */
    public List<JsonNode> rows() {
        return rows;
    }

    /** The valid records, in file order (first of duplicate ids only). */
    public List<ObjectNode> valid() {
        List<ObjectNode> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>(); // 10,000 POIs: no quadratic scan
        for (JsonNode row : rows) {
            if (validate(row) == null) {
                String key = row.get("id").asText().trim().toLowerCase(Locale.ROOT);
                if (!seen.contains(key)) {
                    seen.add(key);
                    out.add((ObjectNode) row);
                }
            }
        }
        return out;
    }

    /** Exact-id lookup among valid records (the intents use exact ids). */
    public Optional<ObjectNode> byExactId(String id) {
        return valid().stream().filter(p -> p.get("id").asText().equals(id)).findFirst();
    }

    public boolean containsIgnoreCase(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        return valid().stream().anyMatch(p -> p.get("id").asText().trim().toLowerCase(Locale.ROOT).equals(key));
    }

    public PoiBook withAdded(ObjectNode record) {
        List<JsonNode> next = new ArrayList<>(rows);
        next.add(record);
        return new PoiBook(next, writable, unreadableReason);
    }

    /** Replaces the valid record with the same exact id. */
    public PoiBook withReplaced(String id, ObjectNode record) {
        List<JsonNode> next = new ArrayList<>(rows);
        for (int i = 0; i < next.size(); i++) {
            JsonNode row = next.get(i);
            if (validate(row) == null && row.get("id").asText().equals(id)) {
                next.set(i, record);
                break;
            }
        }
        return new PoiBook(next, writable, unreadableReason);
    }

    public PoiBook withRemoved(String id) {
        List<JsonNode> next = new ArrayList<>(rows);
        for (int i = 0; i < next.size(); i++) {
            JsonNode row = next.get(i);
            if (validate(row) == null && row.get("id").asText().equals(id)) {
                next.remove(i);
                break;
            }
        }
        return new PoiBook(next, writable, unreadableReason);
    }

    /** Writes the whole book atomically, keeping {@code pois.json.bak}. */
    public void save(Path file) throws IOException {
        save(file, FileSync.FORCE);
    }

    /** As {@link #save(Path)}, flushing with {@code sync}. */
    public void save(Path file, FileSync sync) throws IOException {
        if (!writable) {
            throw new IOException("refusing to overwrite " + file.getFileName() + ": " + unreadableReason);
        }
        ArrayNode array = Json.array();
        rows.forEach(array::add);
        AtomicFiles.writeJson(file, array, true, sync);
    }
}
