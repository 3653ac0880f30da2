package io.beatlight.rig.library;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one library definition file, a QLC+ {@code .qxf} or an Open Fixture Library {@code .json}. */
public final class FixtureFiles {
    private FixtureFiles() {
    }

    /** True for the file names the library reads. */
    public static boolean isDefinition(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".qxf") || name.endsWith(".json") && !name.equals("manufacturers.json");
    }

    /**
     * The fixture with a template per mode. Modes that cannot be converted are left out (see {@link #convert});
     * throws with a reason category when no mode can be converted or the file is not a definition.
     */
    public static LibraryFixture read(Path file) throws FixtureImportException {
        return convert(file).fixture();
    }

    /** A converted fixture, with the modes that were left out and why. */
    public record Conversion(LibraryFixture fixture, List<String> droppedModes) {
    }

    public static Conversion convert(Path file) throws FixtureImportException {
        Source source = parse(file);
        Definition definition = source.definition();
        if (definition.modes().isEmpty()) {
            throw new FixtureImportException(Reasons.NO_MODES, file + ": the definition has no modes");
        }
        List<ImportedTemplate> modes = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String firstReason = null;
        Set<String> ids = new HashSet<>();
        for (Definition.Mode mode : definition.modes()) {
            try {
                modes.add(uniquelyNamed(TemplateBuilder.build(definition, mode, source.id()), ids));
            } catch (FixtureImportException e) {
                dropped.add(e.getMessage());
                firstReason = firstReason == null ? e.reason() : firstReason;
            }
        }
        if (modes.isEmpty()) {
            throw new FixtureImportException(Reasons.NO_USABLE_MODE + ": " + firstReason, file + ": no mode can be "
                    + "converted: " + String.join("; ", dropped));
        }
        return new Conversion(new LibraryFixture(source.id(), definition.manufacturer(), definition.model(),
                definition.type(), file, modes), List.copyOf(dropped));
    }

    /**
     * The index entry of a file: its modes with their channel counts, without building the templates (the modes
     * that {@link #convert} would leave out are left out here too).
     */
    static LibraryEntry entry(Path file) throws FixtureImportException {
        Source source = parse(file);
        Definition definition = source.definition();
        if (definition.modes().isEmpty()) {
            throw new FixtureImportException(Reasons.NO_MODES, file + ": the definition has no modes");
        }
        List<ModeSummary> modes = new ArrayList<>();
        String firstReason = null;
        for (Definition.Mode mode : definition.modes()) {
            try {
                TemplateBuilder.check(mode);
                modes.add(new ModeSummary(mode.name(), mode.channels().size()));
            } catch (FixtureImportException e) {
                firstReason = firstReason == null ? e.reason() : firstReason;
            }
        }
        if (modes.isEmpty()) {
            throw new FixtureImportException(Reasons.NO_USABLE_MODE + ": " + firstReason, file + ": no mode can be "
                    + "converted");
        }
        return new LibraryEntry(source.id(), definition.manufacturer(), definition.model(), definition.type(), modes);
    }

    /** Two modes whose names differ only in punctuation ("3-Channel", "3 Channel") get template ids _2, _3… */
    private static ImportedTemplate uniquelyNamed(ImportedTemplate template, Set<String> ids) {
        String id = template.template().path("id").asText();
        String unique = Names.unique(id, ids);
        if (unique.equals(id)) {
            return template;
        }
        ObjectNode renamed = template.template();
        renamed.put("id", unique);
        String fileName = "fixture." + renamed.path("type").asText() + "." + unique + ".json";
        return new ImportedTemplate(template.mode(), renamed, fileName, template.footprint(), template.unmapped());
    }

    /** A parsed definition with its library id. */
    record Source(String id, Definition definition) {
    }

    /** Parses without building templates (what the index needs). */
    static Source parse(Path file) throws FixtureImportException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".qxf")) {
            Definition definition = QlcReader.read(file);
            return new Source("qlc:" + definition.manufacturer() + "/" + definition.model(), definition);
        }
        if (name.endsWith(".json")) {
            return OflReader.read(file);
        }
        throw new FixtureImportException(Reasons.NOT_A_FIXTURE, file + ": neither a QLC+ .qxf nor an OFL .json file");
    }
}
