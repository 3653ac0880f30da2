package io.beatlight.rig.library;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One mode of a library fixture converted to a Beatlight template.
 *
 * @param mode      the library mode's name
 * @param template  the template file's content, as the rig loader reads it ({@code fixture.*.json})
 * @param fileName  {@code fixture.<type>.<model>.json}, the name the template is written under
 * @param footprint DMX channels the fixture occupies in this mode (its highest offset + 1)
 * @param unmapped  what the conversion could not map, one human-readable line each
 */
public record ImportedTemplate(String mode, ObjectNode template, String fileName, int footprint,
                               List<String> unmapped) {
    public ImportedTemplate {
        unmapped = List.copyOf(unmapped);
    }

    /** The template's content: a copy, so that changing it leaves the library's own untouched. */
    @Override
    public ObjectNode template() {
        return template.deepCopy();
    }

    /** The key a {@code fixtures.json} row names this template by: its file name without {@code .json}. */
    public String templateKey() {
        return fileName.substring(0, fileName.length() - ".json".length());
    }

    /**
     * Writes the template into a show's fixtures folder atomically, keeping the previous file of the same name as
     * {@code .bak}; returns the file written.
     */
    public Path writeTo(Path fixturesDir) throws IOException {
        Path target = fixturesDir.resolve(fileName);
        AtomicFiles.writeJson(target, template, true);
        return target;
    }
}
