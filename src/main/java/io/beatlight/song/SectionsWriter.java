package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FolderBounds;
import io.beatlight.util.FileSync;
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
 * {@code meta/<id>/sections.json} array is written. In {@code parts}, keyed by name, sections that share a name are
 * numbered ({@link PartKeys}) so that every one is saved. Writes are atomic with a {@code .bak}; a file that does not
 * parse is never overwritten (a key repeated in it is no reason: its last value is kept, as when it is read).
 */
public final class SectionsWriter {
    private SectionsWriter() {
    }

    /** The file {@link #save} writes for song {@code id}: the seed file that holds its parts, else sections.json. */
    public static Path target(Path metaRoot, String id) throws IOException {
        SongMetaFiles files = new SongMetaFiles(metaRoot, id);
        Path seed = files.seed();
        if (seed != null) {
            JsonNode root = read(seed);
            if (root.isObject() && (root.has("parts") || !Files.isRegularFile(files.sections()))) {
                return seed;
            }
        }
        return files.sections();
    }

    /** Returns the file written. */
    public static Path save(Path metaRoot, String id, List<Section> sections) throws IOException {
        return save(metaRoot, id, sections, FileSync.FORCE);
    }

    /** As {@link #save(Path, String, List)}, flushing with {@code sync}. */
    public static Path save(Path metaRoot, String id, List<Section> sections, FileSync sync) throws IOException {
        SongMetaFiles files = new SongMetaFiles(metaRoot, id);
        Path seed = files.seed();
        if (seed != null) {
            JsonNode root = read(seed);
            if (root.isObject() && (root.has("parts") || !Files.isRegularFile(files.sections()))) {
                ObjectNode updated = ((ObjectNode) root).deepCopy();
                ObjectNode parts = Json.object();
                List<String> keys = PartKeys.of(sections);
                for (int i = 0; i < sections.size(); i++) {
                    parts.putArray(keys.get(i)).add(sections.get(i).startS()).add(sections.get(i).endS());
                }
                updated.set("parts", parts);
                FolderBounds.requireInside(metaRoot, seed);
                AtomicFiles.writeJson(seed, updated, true, sync);
                return seed;
            }
        }
        Path file = files.sections();
        FolderBounds.requireInside(metaRoot, file);
        boolean wrapped = false;
        String startKey = "start_s";
        String endKey = "end_s";
        String nameKey = "name";
        if (Files.isRegularFile(file)) {
            JsonNode existing = read(file);
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
            ObjectNode root = ((ObjectNode) read(file)).deepCopy();
            root.set("sections", rows);
            content = root;
        }
        AtomicFiles.writeJson(file, content, true, sync);
        return file;
    }

    private static JsonNode read(Path file) throws IOException {
        return JsonFiles.read(file, (pointer, keys) -> keys);
    }
}
