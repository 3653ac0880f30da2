package io.beatlight.api.midi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code <show>/midi.json} (docs/midi.md#the-mappings-file): the MIDI mappings, read at start and on
 * {@code midi.reload}, written atomically with a {@code .bak} on every change. A mapping that does not validate is
 * reported and kept verbatim (written back after the valid ones); unknown keys are kept. A file that does not parse,
 * or whose top level is not {@code {"mappings": [...]}}, is never overwritten: it loads as read-only with no
 * mappings until it is fixed.
 */
public final class MidiMappingsFile {
    public static final String NAME = "midi.json";
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_MAPPINGS = 1000;

    /**
     * What a read found.
     *
     * @param unreadable why the file cannot be used (it is then never written), or null
     * @param kept       rows that did not validate, written back unchanged
     * @param top        the file's other top-level keys, kept
     * @param raw        each valid mapping's row as read, so its unknown keys are written back
     */
    public record Loaded(List<MidiMapping> mappings, List<String> problems, String unreadable, List<JsonNode> kept,
                         ObjectNode top, Map<String, ObjectNode> raw) {
        static Loaded empty() {
            return new Loaded(List.of(), List.of(), null, List.of(), Json.object(), Map.of());
        }

        public boolean writable() {
            return unreadable == null;
        }
    }

    private MidiMappingsFile() {
    }

    public static Loaded read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return unreadable(file + " is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Loaded.empty();
        } catch (IOException e) {
            return unreadable("cannot read " + file + ": " + e);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return unreadable(file.getFileName() + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("mappings").isArray()) {
            return unreadable(file.getFileName() + " must be an object with a \"mappings\" array");
        }
        ArrayNode rows = (ArrayNode) root.get("mappings");
        if (rows.size() > MAX_MAPPINGS) {
            return unreadable(file.getFileName() + " has " + rows.size() + " mappings; at most " + MAX_MAPPINGS);
        }
        List<MidiMapping> mappings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> kept = new ArrayList<>();
        Map<String, ObjectNode> raw = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String path = "mappings[" + i + "]";
            try {
                MidiMapping mapping = MidiMapping.parse(rows.get(i), path);
                if (!ids.add(mapping.id())) {
                    throw new InvalidMapping(path + ".id", path + ".id '" + mapping.id() + "' is used twice");
                }
                mappings.add(mapping);
                raw.put(mapping.id(), (ObjectNode) rows.get(i));
            } catch (InvalidMapping e) {
                problems.add(file.getFileName() + ": " + e.getMessage() + "; the mapping is ignored and kept as is");
                kept.add(rows.get(i));
            }
        }
        ObjectNode top = ((ObjectNode) root).deepCopy();
        top.remove("mappings");
        return new Loaded(List.copyOf(mappings), List.copyOf(problems), null, List.copyOf(kept), top, raw);
    }

    private static Loaded unreadable(String reason) {
        return new Loaded(List.of(), List.of(reason), reason, List.of(), Json.object(), Map.of());
    }

    /** The file's content for {@code mappings}, keeping what {@code loaded} read besides them. */
    public static ObjectNode content(List<MidiMapping> mappings, Loaded loaded) {
        ObjectNode root = loaded.top().deepCopy();
        if (!root.has("version")) {
            root.put("version", 1);
        }
        ArrayNode rows = root.putArray("mappings");
        for (MidiMapping mapping : mappings) {
            ObjectNode row = Json.object();
            ObjectNode before = loaded.raw().get(mapping.id());
            if (before != null) {
                row.setAll(before.deepCopy());
            }
            row.setAll(mapping.toJson());
            rows.add(row);
        }
        loaded.kept().forEach(k -> rows.add(k.deepCopy()));
        return root;
    }

    public static void write(Path file, ObjectNode content, FileSync sync) throws IOException {
        AtomicFiles.writeJson(file, content, true, sync);
    }
}
