package io.beatlight.timecode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The show's {@code timecode.json}: the timecode of song time 0 for each song, and a default for songs it does not
 * name ({@code 00:00:00:00} when absent). Immutable; entries that do not parse are reported and left out, and kept
 * verbatim when the file is written back. A file that does not parse is never overwritten.
 */
public final class TimecodeOffsets {
    public static final String FILE = "timecode.json";

    private final ObjectNode raw;
    private final TimecodeOffset defaultOffset;
    private final Map<String, TimecodeOffset> songs;
    private final List<String> problems;
    private final boolean writable;

    private TimecodeOffsets(ObjectNode raw, TimecodeOffset defaultOffset, Map<String, TimecodeOffset> songs,
                            List<String> problems, boolean writable) {
        this.raw = raw;
        this.defaultOffset = defaultOffset;
        this.songs = Map.copyOf(songs);
        this.problems = List.copyOf(problems);
        this.writable = writable;
    }

    public static TimecodeOffsets empty() {
        return new TimecodeOffsets(Json.object(), TimecodeOffset.ZERO, Map.of(), List.of(), true);
    }

    /** Reads {@code file}; a missing file is empty, one that does not parse is empty and read-only. */
    public static TimecodeOffsets load(Path file) {
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (NoSuchFileException e) {
            return empty();
        } catch (IOException e) {
            return new TimecodeOffsets(Json.object(), TimecodeOffset.ZERO, Map.of(),
                    List.of(file.getFileName() + ": " + e.getMessage()), false);
        }
        if (!root.isObject()) {
            return new TimecodeOffsets(Json.object(), TimecodeOffset.ZERO, Map.of(),
                    List.of(FILE + ": expected an object"), false);
        }
        return parse((ObjectNode) root);
    }

    static TimecodeOffsets parse(ObjectNode root) {
        List<String> problems = new ArrayList<>();
        TimecodeOffset fallback = TimecodeOffset.ZERO;
        JsonNode def = root.get("default_offset");
        if (def != null && !def.isNull()) {
            try {
                fallback = TimecodeOffset.parse(def.isTextual() ? def.asText() : def.toString());
            } catch (IllegalArgumentException e) {
                problems.add(FILE + " default_offset: " + e.getMessage());
            }
        }
        Map<String, TimecodeOffset> songs = new LinkedHashMap<>();
        JsonNode list = root.get("songs");
        if (list != null && !list.isObject()) {
            problems.add(FILE + " songs: expected an object of song id to HH:MM:SS:FF");
        } else if (list != null) {
            for (Map.Entry<String, JsonNode> entry : list.properties()) {
                try {
                    if (!entry.getValue().isTextual()) {
                        throw new IllegalArgumentException("expected a string HH:MM:SS:FF");
                    }
                    songs.put(entry.getKey(), TimecodeOffset.parse(entry.getValue().asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(FILE + " songs." + entry.getKey() + ": " + e.getMessage());
                }
            }
        }
        return new TimecodeOffsets(root.deepCopy(), fallback, songs, problems, true);
    }

    /** The offset of {@code songId} (the default for a song the file does not name, or no song). */
    public TimecodeOffset offsetOf(String songId) {
        return songId == null ? defaultOffset : songs.getOrDefault(songId, defaultOffset);
    }

    /** Whether the file names {@code songId} itself. */
    public boolean names(String songId) {
        return songId != null && songs.containsKey(songId);
    }

    public List<String> problems() {
        return problems;
    }

    /** False when the file did not parse: it must not be overwritten. */
    public boolean writable() {
        return writable;
    }

    /** A copy with {@code songId} at {@code offset} (unknown keys and unreadable entries kept). */
    public TimecodeOffsets with(String songId, TimecodeOffset offset) {
        ObjectNode next = raw.deepCopy();
        JsonNode list = next.get("songs");
        ObjectNode songsNode = list != null && list.isObject() ? (ObjectNode) list : next.putObject("songs");
        songsNode.put(songId, offset.toString());
        TimecodeOffsets parsed = parse(next);
        return new TimecodeOffsets(parsed.raw, parsed.defaultOffset, parsed.songs, parsed.problems, writable);
    }

    /** Writes the file atomically, keeping a .bak; refuses when it was read from a file that did not parse. */
    public void save(Path file, FileSync sync) throws IOException {
        if (!writable) {
            throw new IOException("refusing to overwrite " + FILE + ", which did not parse: " + problems);
        }
        AtomicFiles.writeJson(file, raw, true, sync);
    }
}
