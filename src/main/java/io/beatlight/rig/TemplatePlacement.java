package io.beatlight.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a template that comes from outside the show (a library fixture's mode, a template sent by a client) goes in
 * the fixtures folder. An identical template already there is reused; a different one with the same name is never
 * replaced: the new one gets the next free suffix ({@code _2}, {@code _3}, ...) on both its file name and its id, so no
 * fixture patched earlier changes and no template key is shadowed.
 */
public final class TemplatePlacement {
    /**
     * A template's place: the key fixtures.json names it by (the file stem), its file, its content (the id adjusted
     * to the suffix), and whether that file is already there with that content.
     */
    public record Placed(String key, String fileName, ObjectNode template, boolean exists) {
        /** Writes the template (atomically) unless it is already there. */
        public void write(Path fixturesDir) throws IOException {
            write(fixturesDir, FileSync.FORCE);
        }

        /** As {@link #write(Path)}, flushing with {@code sync}. */
        public void write(Path fixturesDir, FileSync sync) throws IOException {
            if (!exists) {
                AtomicFiles.writeJson(fixturesDir.resolve(fileName), template, true, sync);
            }
        }
    }

    private TemplatePlacement() {
    }

    /** A template file name for {@code type} and {@code id}: {@code fixture.<type>.<id>.json}, safe characters only. */
    public static String fileName(String type, String id) {
        return "fixture." + slug(type) + "." + slug(id) + ".json";
    }

    /** Lower case, letters, digits, '-' and '_' only (anything else becomes '_'); never empty. */
    public static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).trim().replaceAll("[^a-z0-9_-]+", "_")
                .replaceAll("_+", "_").replaceAll("^_|_$", "");
        return slug.isEmpty() ? "fixture" : slug;
    }

    /**
     * Finds the place for {@code template} (which has an {@code id}) under the suggested {@code fileName} in
     * {@code fixturesDir}, given the templates loaded from there.
     */
    public static Placed place(Path fixturesDir, Map<String, FixtureTemplate> loaded, String fileName,
                               ObjectNode template) {
        String stem = stem(fileName);
        for (int n = 1; ; n++) {
            String candidateStem = n == 1 ? stem : stem + "_" + n;
            ObjectNode candidate = template.deepCopy();
            if (n > 1 && template.path("id").isTextual()) {
                candidate.put("id", template.get("id").asText() + "_" + n);
            }
            Path file = fixturesDir.resolve(candidateStem + ".json");
            if (Files.exists(file)) {
                if (candidate.equals(readQuietly(file))) {
                    return new Placed(candidateStem, candidateStem + ".json", candidate, true);
                }
                continue;
            }
            if (takenByAnother(loaded, candidateStem, candidateStem)
                    || takenByAnother(loaded, candidate.path("id").asText(), candidateStem)) {
                continue;
            }
            return new Placed(candidateStem, candidateStem + ".json", candidate, false);
        }
    }

    private static String stem(String fileName) {
        String name = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        name = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return name.startsWith("fixture.") ? name : "fixture." + name;
    }

    /** Whether {@code key} already names a template of another file. */
    private static boolean takenByAnother(Map<String, FixtureTemplate> loaded, String key, String stem) {
        FixtureTemplate existing = loaded.get(key);
        return existing != null && !existing.fileStem().equals(stem);
    }

    private static JsonNode readQuietly(Path file) {
        try {
            return JsonFiles.read(file);
        } catch (IOException e) {
            return null; // unreadable: never reused, never replaced
        }
    }
}
