package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.FieldReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A song's sections, sorted by start: the seed file's {@code parts}, else {@code sections.json}. {@link SectionsWriter}
 * writes them back in the same shapes.
 */
final class SectionsReader {
    private final MetaFolder folder;

    SectionsReader(MetaFolder folder) {
        this.folder = folder;
    }

    /** {@code seed} is null when there is no seed file (or it is not an object). */
    List<Section> read(FieldReader seed, Path seedFile, Path sectionsFile) {
        List<Section> sections = seed == null ? List.of() : partsOf(seed, seedFile);
        if (sections.isEmpty()) {
            JsonNode content = folder.read(sectionsFile);
            if (content != null) {
                sections = sectionList(content.isObject() ? content.get("sections") : content, sectionsFile);
            }
        }
        return sections;
    }

    /** The seed's parts: a list of sections, or an object of name → [start, end]. */
    private List<Section> partsOf(FieldReader seed, Path file) {
        List<Section> out = new ArrayList<>();
        JsonNode parts = seed.value("parts");
        if (parts == null) {
            return out;
        }
        if (parts.isArray()) {
            return sectionList(parts, file);
        }
        FieldReader byName = seed.requiredObject("parts", "must be an object {name: [start, end]}");
        if (byName == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : byName.properties()) {
            JsonNode v = e.getValue();
            if (isStartEnd(v)) {
                out.add(new Section(e.getKey(), v.get(0).asDouble(), v.get(1).asDouble()));
            } else {
                byName.report(e.getKey(), "is not [start, end]; skipped");
            }
        }
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    /** An array whose first two items are finite numbers; more items are allowed. */
    private static boolean isStartEnd(JsonNode v) {
        return v.isArray() && v.size() >= 2 && v.get(0).isNumber() && v.get(1).isNumber()
                && Double.isFinite(v.get(0).asDouble()) && Double.isFinite(v.get(1).asDouble());
    }

    /** Section rows: {@code start_s}/{@code end_s} or {@code start}/{@code end}, {@code name} or {@code label}. */
    private List<Section> sectionList(JsonNode list, Path file) {
        List<Section> out = new ArrayList<>();
        String fileName = file.getFileName().toString();
        if (list == null || !list.isArray()) {
            if (list != null) {
                folder.report(fileName, "sections", "must be an array");
            }
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            FieldReader section = FieldReader.of(fileName, "section [" + i + "]", list.get(i), folder::report);
            Double start = firstNumber(section, "start_s", "start");
            Double end = firstNumber(section, "end_s", "end");
            String name = section.string("name") != null ? section.string("name") : section.string("label");
            if (start == null || end == null) {
                section.report("", "needs numeric start and end; skipped");
                continue;
            }
            out.add(new Section(name == null ? "section " + (i + 1) : name, start, end));
        }
        out.sort(Comparator.comparingDouble(Section::startS));
        return out;
    }

    private static Double firstNumber(FieldReader fields, String key, String fallbackKey) {
        Double v = fields.finiteNumber(key);
        return v != null ? v : fields.finiteNumber(fallbackKey);
    }
}
