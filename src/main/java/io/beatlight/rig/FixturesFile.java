package io.beatlight.rig;

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
import java.util.Optional;

/**
 * {@code fixtures.json} as rows for patching: read whole, changed row by row (unknown keys and rows that do not load
 * are kept verbatim), written atomically with a {@code .bak} of the previous version. A file that does not parse, or
 * is not an array, is never overwritten.
 */
public final class FixturesFile {
    private final Path file;

    public FixturesFile(Path fixturesDir) {
        this.file = fixturesDir.resolve(RigLoader.FIXTURES_FILE);
    }

    public Path path() {
        return file;
    }

    /** The rows as stored; an empty list when the file does not exist yet. */
    public ArrayNode read() throws IOException {
        if (!Files.exists(file)) {
            return Json.array();
        }
        JsonNode root = JsonFiles.read(file);
        if (!root.isArray()) {
            throw new IOException(file + " is not a JSON array of fixtures; fix it and restart (it is never "
                    + "overwritten while it cannot be read)");
        }
        return (ArrayNode) root;
    }

    /** Writes the rows (indented, atomically), keeping the previous file as {@code fixtures.json.bak}. */
    public void save(ArrayNode rows) throws IOException {
        save(rows, FileSync.FORCE);
    }

    /** As {@link #save(ArrayNode)}, flushing with {@code sync}. */
    public void save(ArrayNode rows, FileSync sync) throws IOException {
        AtomicFiles.writeJson(file, rows, true, sync);
    }

    /** The index of the first row whose id is {@code id} (the row the loader used), or -1. */
    public static int indexOf(ArrayNode rows, String id) {
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (row.isObject() && row.path("id").isTextual() && row.get("id").asText().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The first row whose id is {@code id}. */
    public static Optional<ObjectNode> row(ArrayNode rows, String id) {
        int index = indexOf(rows, id);
        return index < 0 ? Optional.empty() : Optional.of((ObjectNode) rows.get(index));
    }
}
