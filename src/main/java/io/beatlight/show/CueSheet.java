package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;
import io.beatlight.effects.RenderVersion;

/**
 * A song's cue sheet as stored: the container it came in, every row verbatim (valid or not, in file order), and
 * for the object container every other top-level key. Immutable; edits return a new sheet.
 *
 * @param file       where it is read from and written to
 * @param container  OBJECT ({@code {song}.cue.json}, rows under {@code entries}) or ARRAY ({@code {song}.json})
 * @param header     the object container's top-level keys, in file order (empty for ARRAY); the value of
 *                   {@code entries} there is ignored, the rows replace it
 * @param rows       every row, verbatim, in file order
 * @param version    the render semantics this sheet asks for
 * @param unreadable why the file could not be parsed (the sheet is then empty and read-only), or null
 */
public record CueSheet(Path file, Container container, ObjectNode header, List<JsonNode> rows,
                       RenderVersion version, String unreadable) {

    /** The two file layouts: an object with {@code entries}, or a flat array (docs/effects.md#render-versions). */
    public enum Container { OBJECT, ARRAY }

    /** The top-level key recording the render semantics in an object-form sheet. */
    public static final String VERSION_KEY = "render_version";

    public CueSheet {
        rows = List.copyOf(rows);
    }

    public boolean readOnly() {
        return unreadable != null;
    }

    public CueSheet withRows(List<JsonNode> newRows) {
        return new CueSheet(file, container, header, newRows, version, unreadable);
    }

    /** A sheet switched to another render version; only the object container can record it. */
    public CueSheet withVersion(RenderVersion newVersion) {
        ObjectNode newHeader = header.deepCopy();
        if (container == Container.OBJECT) {
            newHeader.put(VERSION_KEY, newVersion.number());
        }
        return new CueSheet(file, container, newHeader, rows, newVersion, unreadable);
    }

    /** The file content: the same container it came in, unknown keys kept. */
    public JsonNode toJson() {
        ArrayNode entries = Json.array();
        rows.forEach(entries::add);
        if (container == Container.ARRAY) {
            return entries;
        }
        ObjectNode root = header.deepCopy();
        root.set("entries", entries);
        return root;
    }
}
