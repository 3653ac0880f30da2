package io.beatlight.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.RigLoader;
import io.beatlight.rig.library.FixtureFiles;
import io.beatlight.rig.library.FixtureImportException;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.rig.library.LibraryFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The fixture library importers on arbitrary definition files: QLC+ (.qxf, XML) and Open Fixture Library (.json).
 * An import ends with a fixture or a {@link FixtureImportException} (its reason category), within the timeout; every
 * template an import produces is one the rig loader reads without an error, since patching writes it into the show.
 */
class FixtureImportFuzzTest {
    private static final Path DIR = FuzzFiles.tempDir("beatlight-fuzz-import");

    @AfterAll
    static void cleanUp() {
        FuzzFiles.delete(DIR);
    }

    @FuzzTest(maxDuration = "1m")
    void qlcPlus(byte[] definition) {
        FuzzFiles.withinSeconds(10, () -> importFile("Fuzz-Fixture.qxf", definition));
    }

    @FuzzTest(maxDuration = "1m")
    void openFixtureLibrary(byte[] definition) {
        FuzzFiles.withinSeconds(10, () -> importFile("fuzz-fixture.json", definition));
    }

    private static void importFile(String name, byte[] definition) throws IOException {
        Path file = DIR.resolve(name);
        Files.write(file, definition);
        LibraryFixture fixture;
        try {
            fixture = FixtureFiles.read(file);
        } catch (FixtureImportException expected) {
            return;
        }
        assertThat(fixture.modes()).isNotEmpty();
        for (ImportedTemplate mode : fixture.modes()) {
            List<LoadProblem> problems = new ArrayList<>();
            RigLoader.parseTemplate(mode.fileName(), mode.template(), problems);
            assertThat(problems).as("problems of the imported mode %s", mode.mode())
                    .noneMatch(p -> p.severity() == LoadProblem.Severity.ERROR);
        }
    }
}
