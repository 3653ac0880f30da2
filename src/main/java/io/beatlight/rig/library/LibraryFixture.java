package io.beatlight.rig.library;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A library fixture definition converted to Beatlight: one template per mode.
 *
 * @param source the definition file it was read from
 */
public record LibraryFixture(String id, String manufacturer, String model, String type, Path source,
                             List<ImportedTemplate> modes) {
    public LibraryFixture {
        modes = List.copyOf(modes);
    }

    /** The mode of this name (compared case-insensitively, surrounding blanks ignored). */
    public Optional<ImportedTemplate> mode(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return modes.stream().filter(m -> m.mode().strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    public LibraryEntry entry() {
        return new LibraryEntry(id, manufacturer, model, type,
                modes.stream().map(m -> new ModeSummary(m.mode(), m.footprint())).toList());
    }
}
