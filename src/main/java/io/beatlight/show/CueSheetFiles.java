package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FolderBounds;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.beatlight.effects.RenderVersion;

/**
 * Finds, reads and writes cue sheets (docs/architecture.md#files-we-write). Both {@code {song}.cue.json} and {@code
 * {song}.json} are looked for; the container is detected from the JSON. A file that does not parse gives an empty,
 * read-only sheet and is never overwritten. Writes are atomic and keep a {@code .bak} of the previous version.
 */
public final class CueSheetFiles {
    public static final String OBJECT_SUFFIX = ".cue.json";
    public static final String ARRAY_SUFFIX = ".json";

    private CueSheetFiles() {
    }

    /** A loaded sheet plus what the loader wants the user to know. */
    public record Loaded(CueSheet sheet, List<String> warnings) {
    }

    public static Loaded load(Path cuesDir, String songId) {
        List<String> warnings = new ArrayList<>();
        Path objectFile = cuesDir.resolve(songId + OBJECT_SUFFIX);
        Path arrayFile = cuesDir.resolve(songId + ARRAY_SUFFIX);
        Path file = existingFile(objectFile, arrayFile, warnings);
        if (file == null) {
            return new Loaded(newSheet(objectFile, songId), warnings);
        }
        if (!FolderBounds.inside(cuesDir, file)) {
            String reason = file.getFileName() + " leads outside the cues folder (a symbolic link)";
            warnings.add(reason + "; the cue sheet is read-only until it is replaced by a file in the folder");
            return new Loaded(unreadable(file, reason), warnings);
        }
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (IOException e) {
            warnings.add(e.getMessage() + "; the cue sheet is read-only until it is fixed and reloaded");
            return new Loaded(unreadable(file, e.getMessage()), warnings);
        }
        if (root.isArray()) {
            return new Loaded(new CueSheet(file, CueSheet.Container.ARRAY, Json.object(), rowsOf(root),
                    RenderVersion.V2, null), warnings);
        }
        if (root.isObject() && root.get("entries") != null && root.get("entries").isArray()) {
            RenderVersion version = declaredVersion(file, root, warnings);
            return new Loaded(new CueSheet(file, CueSheet.Container.OBJECT, (ObjectNode) root,
                    rowsOf(root.get("entries")), version, null), warnings);
        }
        String reason = file.getFileName() + ": expected an array of rows or an object with an \"entries\" array";
        warnings.add(reason + "; the cue sheet is read-only until it is fixed and reloaded");
        return new Loaded(unreadable(file, reason), warnings);
    }

    /** The sheet file to read (the newer one, with a warning, when both exist), or null when there is none. */
    private static Path existingFile(Path objectFile, Path arrayFile, List<String> warnings) {
        boolean hasObject = Files.isRegularFile(objectFile);
        boolean hasArray = Files.isRegularFile(arrayFile);
        if (hasObject && hasArray) {
            Path file = newer(objectFile, arrayFile);
            Path ignored = file.equals(objectFile) ? arrayFile : objectFile;
            warnings.add("both " + objectFile.getFileName() + " and " + arrayFile.getFileName() + " exist; using the "
                    + "newer " + file.getFileName() + " and ignoring " + ignored.getFileName());
            return file;
        }
        if (hasObject || hasArray) {
            return hasObject ? objectFile : arrayFile;
        }
        return null;
    }

    private static List<JsonNode> rowsOf(JsonNode array) {
        List<JsonNode> rows = new ArrayList<>();
        array.forEach(rows::add);
        return rows;
    }

    /** An object sheet's render version: 1 when absent; an invalid value renders as 1 with a warning. */
    private static RenderVersion declaredVersion(Path file, JsonNode root, List<String> warnings) {
        JsonNode v = root.get(CueSheet.VERSION_KEY);
        if (v == null) {
            return RenderVersion.V1;
        }
        if (v.isInt() && RenderVersion.of(v.asInt()).isPresent()) {
            return RenderVersion.of(v.asInt()).get();
        }
        warnings.add(file.getFileName() + ": " + CueSheet.VERSION_KEY + " must be 1 or 2, got " + v
                + "; rendering with version 1");
        return RenderVersion.V1;
    }

    /** A new, empty sheet in the object layout, rendered with the current semantics. */
    public static CueSheet newSheet(Path file, String songId) {
        ObjectNode header = Json.object().put("song_filename", songId).put(CueSheet.VERSION_KEY,
                RenderVersion.V2.number());
        header.putArray("entries");
        return new CueSheet(file, CueSheet.Container.OBJECT, header, List.of(), RenderVersion.V2, null);
    }

    private static CueSheet unreadable(Path file, String reason) {
        return new CueSheet(file, CueSheet.Container.OBJECT, Json.object(), List.of(), RenderVersion.V1, reason);
    }

    /** Writes the sheet atomically, keeping the previous file as {@code .bak}. Refuses a read-only sheet. */
    public static void save(CueSheet sheet) throws IOException {
        save(sheet, FileSync.FORCE);
    }

    /** As {@link #save(CueSheet)}, flushing with {@code sync}. */
    public static void save(CueSheet sheet, FileSync sync) throws IOException {
        if (sheet.readOnly()) {
            throw new IOException("refusing to overwrite " + sheet.file().getFileName() + ": " + sheet.unreadable());
        }
        FolderBounds.requireInside(sheet.file().toAbsolutePath().getParent(), sheet.file());
        AtomicFiles.writeJson(sheet.file(), sheet.toJson(), true, sync);
    }

    private static Path newer(Path a, Path b) {
        try {
            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) >= 0 ? a : b;
        } catch (IOException e) {
            return a;
        }
    }
}
