package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Saves a song's sections back to the file they are read from, in that file's shape
 * (docs/architecture.md#files-we-write): the {@code parts} of a seed metadata file (other keys kept), or
 * {@code sections.json} as an array or an object with {@code sections}, keeping its key names. With neither, a new
 * {@code meta/<id>/sections.json} array is written. Writes are atomic with a {@code .bak}; a file that does not parse
 * is never overwritten.
 */
public final class SectionsWriter {
    private SectionsWriter() {
    }

    /** Returns the file written. */
    public static Path save(Path metaRoot, String id, List<Section> sections) throws IOException {
        SongMetaFiles files = new SongMetaFiles(metaRoot, id);
        Path seed = files.seed();
        if (seed != null) {
            JsonNode root = JsonFiles.read(seed);
            if (root.isObject() && (root.has("parts") || !Files.isRegularFile(files.sections()))) {
                ObjectNode updated = ((ObjectNode) root).deepCopy();
                ObjectNode parts = Json.object();
                for (Section s : sections) {
                    parts.putArray(s.name()).add(s.startS()).add(s.endS());
                }
                updated.set("parts", parts);
                AtomicFiles.writeJson(seed, updated, true);
                return seed;
            }
        }
        Path file = files.sections();
        boolean wrapped = false;
        String startKey = "start_s";
        String endKey = "end_s";
        String nameKey = "name";
        if (Files.isRegularFile(file)) {
            JsonNode existing = JsonFiles.read(file);
            wrapped = existing.isObject();
            JsonNode list = wrapped ? existing.path("sections") : existing;
            if (list.isArray() && !list.isEmpty()) {
                JsonNode first = list.get(0);
                startKey = first.has("start") ? "start" : "start_s";
                endKey = first.has("end") ? "end" : "end_s";
                nameKey = first.has("label") ? "label" : "name";
            }
        }
        ArrayNode rows = Json.array();
        for (Section s : sections) {
            rows.add(Json.object().put(startKey, s.startS()).put(endKey, s.endS()).put(nameKey, s.name()));
        }
        JsonNode content = rows;
        if (wrapped) {
            ObjectNode root = ((ObjectNode) JsonFiles.read(file)).deepCopy();
            root.set("sections", rows);
            content = root;
        }
        AtomicFiles.writeJson(file, content, true);
        return file;
    }
}
