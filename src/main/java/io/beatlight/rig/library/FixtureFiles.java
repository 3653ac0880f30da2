package io.beatlight.rig.library;

import java.nio.file.Path;

/** Reads one library definition file, a QLC+ {@code .qxf} or an Open Fixture Library {@code .json}. */
public final class FixtureFiles {
    private FixtureFiles() {
    }

    /** True for the file names the library reads. */
    public static boolean isDefinition(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".qxf") || name.endsWith(".json");
    }

    /** The fixture with a template per mode; throws with a reason category when the file cannot be converted. */
    public static LibraryFixture read(Path file) throws FixtureImportException {
        throw new FixtureImportException("not implemented", file + ": importers not written yet");
    }
}
