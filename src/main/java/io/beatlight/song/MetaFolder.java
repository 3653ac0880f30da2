package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.FolderBounds;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The meta folder as the metadata readers see it: JSON files read without ever failing, artifact paths resolved
 * inside the folder, and every problem found on the way, in the order found.
 */
final class MetaFolder {
    private final Path root;
    private final List<String> problems = new ArrayList<>();

    MetaFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** What could not be read so far. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** A problem line names the file, then the field when there is one. */
    void report(String file, String field, String message) {
        problems.add(file + ": " + (field.isEmpty() ? "" : field + " ") + message);
    }

    /** A problem line that already says everything. */
    void report(String line) {
        problems.add(line);
    }

    /** The fields of {@code node}, the whole content of {@code file}. */
    FieldReader fields(Path file, JsonNode node) {
        return FieldReader.of(file.getFileName().toString(), "", node, this::report);
    }

    /**
     * The file's JSON, or null when it is missing or cannot be read (a problem). A key repeated in one object is a
     * problem, not a failure: the last value is used, as by the reference, except in the top-level {@code parts}
     * object (keyed by section name), where every section is kept under its own key ({@link PartKeys}).
     */
    JsonNode read(Path file) {
        if (Files.exists(file) && !FolderBounds.inside(root, file)) {
            problems.add(file.getFileName() + " leads outside the meta folder (a symbolic link); ignored");
            return null;
        }
        try {
            return JsonFiles.read(file, (pointer, keys) -> repeatedKeys(file, pointer, keys));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private List<String> repeatedKeys(Path file, String pointer, List<String> keys) {
        String fileName = file.getFileName().toString();
        String field = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.');
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String key : keys) {
            if (!seen.add(key)) {
                repeated.add(key);
            }
        }
        String names = repeated.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
        if (pointer.equals("/parts")) {
            List<String> unique = PartKeys.unique(keys);
            List<String> renamed = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (repeated.contains(keys.get(i))) {
                    renamed.add(unique.get(i));
                }
            }
            report(fileName, field, "repeats " + names + "; every section is kept, as " + String.join(", ", renamed));
            return unique;
        }
        report(fileName, field, "repeats " + names + "; the last value is used");
        return keys;
    }

    /** The fields of a file that holds one JSON object, or null when it is no regular file or not such an object. */
    FieldReader readObject(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonNode node = read(file);
        if (node != null && !node.isObject()) {
            report(file.getFileName().toString(), "", "must be a JSON object; ignored");
            return null;
        }
        return node == null ? null : fields(file, node);
    }

    /**
     * Resolves an artifact path as the analysis wrote it (an absolute path into some {@code /meta/} folder, or a
     * path relative to {@code relativeTo} or the meta root), refusing anything outside the meta root.
     */
    Path resolveArtifact(String given, Path relativeTo) {
        List<Path> candidates = new ArrayList<>();
        String normalized = given.replace('\\', '/');
        int metaAt = normalized.indexOf("/meta/");
        if (normalized.startsWith("/") && metaAt >= 0) {
            candidates.add(root.resolve(normalized.substring(metaAt + "/meta/".length())));
        }
        if (!normalized.startsWith("/")) {
            candidates.add(relativeTo.resolve(normalized));
            candidates.add(root.resolve(normalized));
        }
        Path inside = root.toAbsolutePath().normalize();
        for (Path candidate : candidates) {
            Path p = candidate.toAbsolutePath().normalize();
            if (p.startsWith(inside) && Files.isRegularFile(p) && FolderBounds.inside(root, p)) {
                return p;
            }
        }
        return null;
    }
}
