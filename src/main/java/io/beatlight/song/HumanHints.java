package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A song's human hints: time ranges a person annotated with a title, a summary and a lighting hint, kept in
 * {@code <meta>/<song>/human/human_hints.json} as {@code {song_name, human_hints: [...]}}. Rows are kept sorted by
 * start, end, id. An edit changes memory and returns the file's whole new content for the caller to write
 * ({@link #write}); a file that cannot be read is never overwritten: the hints are then read-only. Not thread-safe
 * (the engine thread owns it).
 */
public final class HumanHints {
    private static final Pattern UI_ID = Pattern.compile("ui_(\\d+)");
    private static final Comparator<Hint> ORDER = Comparator.comparingDouble(Hint::startTime)
            .thenComparingDouble(Hint::endTime).thenComparing(Hint::id);

    /** One hint; times in seconds, end ≥ start ≥ 0. */
    public record Hint(String id, double startTime, double endTime, String title, String summary,
                       String lightingHint) {
        public ObjectNode toJson() {
            ObjectNode row = Json.object().put("id", id);
            row.set("start_time", Json.number(startTime));
            row.set("end_time", Json.number(endTime));
            return row.put("title", title).put("summary", summary).put("lighting_hint", lightingHint);
        }
    }

    private final String songId;
    private final Path file;
    private final List<Hint> hints = new ArrayList<>();
    private ObjectNode document;
    private String unreadable;
    private boolean fileExists;

    private HumanHints(String songId, Path file) {
        this.songId = songId;
        this.file = file;
    }

    public static Path fileFor(Path metaRoot, String songId) {
        return metaRoot.resolve(songId).resolve("human").resolve("human_hints.json");
    }

    /** Reads the song's hints; a missing file is no hints, an unreadable one is remembered and left alone. */
    public static HumanHints load(Path metaRoot, String songId) {
        HumanHints loaded = new HumanHints(songId, fileFor(metaRoot, songId));
        loaded.read();
        return loaded;
    }

    private void read() {
        document = Json.object().put("song_name", songId);
        fileExists = Files.isRegularFile(file);
        if (!fileExists) {
            return;
        }
        try {
            JsonNode root = JsonFiles.read(file);
            if (!root.isObject() || (root.has("human_hints") && !root.get("human_hints").isArray())) {
                unreadable = "expected an object with a human_hints array";
                return;
            }
            document = (ObjectNode) root;
            for (JsonNode row : root.path("human_hints")) {
                if (row.isObject() && !row.path("id").asText("").isBlank()) {
                    hints.add(fromRow(row.path("id").asText().trim(), row));
                }
            }
            hints.sort(ORDER);
        } catch (IOException e) {
            unreadable = e.getMessage();
        }
    }

    public String songId() {
        return songId;
    }

    public Path file() {
        return file;
    }

    public List<Hint> hints() {
        return List.copyOf(hints);
    }

    /** Why the file could not be read, or empty when it could (or does not exist). */
    public Optional<String> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    /** Whether the file exists, or will once the writes handed over are done. */
    public boolean fileExists() {
        return fileExists;
    }

    public Optional<Hint> find(String id) {
        return hints.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** The next free {@code ui_NNN} id, as the reference numbers hints made in its page. */
    public String nextId() {
        int highest = 0;
        for (Hint hint : hints) {
            Matcher m = UI_ID.matcher(hint.id());
            if (m.matches() && m.group(1).length() < 9) {
                highest = Math.max(highest, Integer.parseInt(m.group(1)));
            }
        }
        return String.format("ui_%03d", highest + 1);
    }

    /**
     * Adds {@code hint} or replaces the one with its id; returns the file's new content (the file's other fields
     * kept). Throws, changing nothing, when the file could not be read.
     */
    public ObjectNode put(Hint hint) throws IOException {
        List<Hint> next = new ArrayList<>(hints);
        next.removeIf(h -> h.id().equals(hint.id()));
        next.add(hint);
        return change(next);
    }

    /** Removes the hint with {@code id}; returns the file's new content. */
    public ObjectNode remove(String id) throws IOException {
        List<Hint> next = new ArrayList<>(hints);
        next.removeIf(h -> h.id().equals(id));
        return change(next);
    }

    private ObjectNode change(List<Hint> next) throws IOException {
        if (unreadable != null) {
            throw new IOException("the hints file " + file + " could not be read (" + unreadable
                    + "); it is left as it is");
        }
        next.sort(ORDER);
        ObjectNode out = document.deepCopy();
        if (!out.has("song_name")) {
            out.put("song_name", songId);
        }
        ArrayNode rows = out.putArray("human_hints");
        next.forEach(h -> rows.add(h.toJson()));
        document = out;
        hints.clear();
        hints.addAll(next);
        fileExists = true;
        return out.deepCopy();
    }

    /** Writes a content {@link #put} or {@link #remove} returned: atomically, keeping a {@code .bak}. */
    public static void write(Path file, ObjectNode content, FileSync sync) throws IOException {
        AtomicFiles.writeJson(file, content, true, sync);
    }

    /** A stored row, normalised as the reference does: negative or missing times are 0, end is at least start. */
    private static Hint fromRow(String id, JsonNode row) {
        double start = nonNegative(row.get("start_time"), 0);
        double end = Math.max(start, nonNegative(row.get("end_time"), start));
        return new Hint(id, start, end, row.path("title").asText("").trim(), row.path("summary").asText("").trim(),
                row.path("lighting_hint").asText("").trim());
    }

    private static double nonNegative(JsonNode value, double fallback) {
        if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            return fallback;
        }
        return value.asDouble();
    }
}
