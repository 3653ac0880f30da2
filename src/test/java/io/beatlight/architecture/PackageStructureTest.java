package io.beatlight.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph stays acyclic (docs/architecture.md#dependency-rules). Checked on the compiled classes, so
 * fully-qualified references count as much as imports, and a parent and its sub-package (api, api.ws) are two
 * separate packages that must not depend on each other in both directions.
 */
class PackageStructureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.beatlight");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.beatlight.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheApplicationWiringLivesAtTheTop() {
        // io.beatlight itself (Main, Config, BeatlightServer) wires everything together; nothing depends on it
        noClasses().that().resideOutsideOfPackage("io.beatlight").should().dependOnClassesThat()
                .resideInAPackage("io.beatlight").check(classes);
    }

    @Test
    void theDomainDoesNotKnowTheControlPlane() {
        noClasses().that().resideInAnyPackage("io.beatlight.dmx..", "io.beatlight.rig..", "io.beatlight.effects..",
                        "io.beatlight.show..", "io.beatlight.song..", "io.beatlight.playback..",
                        "io.beatlight.output..", "io.beatlight.engine..", "io.beatlight.timecode..")
                .should().dependOnClassesThat().resideInAnyPackage("io.beatlight.api..", "io.beatlight.protocol..",
                        "io.beatlight.tools..", "io.beatlight.assistant..")
                .check(classes);
    }

    @Test
    void effectsDoNotKnowTheRenderer() {
        noClasses().that().resideInAPackage("io.beatlight.effects..").should().dependOnClassesThat()
                .resideInAnyPackage("io.beatlight.show..", "io.beatlight.engine..").check(classes);
    }
}
