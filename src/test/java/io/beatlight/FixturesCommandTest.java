package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.util.JsonFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatlight fixtures import}: the template written into the show, the report, and the usage errors. */
class FixturesCommandTest {
    static final Path SPOT = Path.of("/usr/share/qlcplus/fixtures/Cameo/Cameo-Auro-Spot-300.qxf");
    static final Path OFL_PAR = Path.of("src/test/resources/fixture-library/ofl/acme/party-par-rgbw.json");

    @TempDir
    Path dir;
    Path show;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FixturesCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void aShow() throws Exception {
        show = Files.createDirectories(dir.resolve("show"));
        Files.createDirectories(show.resolve("fixtures"));
        Files.writeString(show.resolve("fixtures/fixtures.json"), "[]");
        assertThat(SPOT).as("Debian's qlcplus-data (.ci/run installs it)").exists();
    }

    @Test
    void importsAModeAndPrintsWhatItMappedAndWhatNot() throws Exception {
        Run run = run("import", SPOT.toString(), "--mode", "15 channel", "--show-dir", show.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        Path written = show.resolve("fixtures/fixture.moving_head.cameo_auro_spot_300_15_channel.json");
        assertThat(written).exists();
        assertThat(run.out()).contains("Cameo Auro Spot 300 (Moving Head), mode '15 Channel', 15 DMX channels")
                .contains("Wrote " + written)
                .contains("Template key: fixture.moving_head.cameo_auro_spot_300_15_channel")
                .containsPattern("pan +u16 +\"Pan\" +channel pan_msb@1, pan_lsb@2")
                .containsPattern("color_wheel +enum +\"Colour Wheel\" +channel color_wheel@7, 20 named values")
                .contains("Effects: blackout, circle, fade_in, fade_out, flash, full, move_to, move_to_poi, orbit, "
                        + "orbit_out, seek, set_channels, strobe, sweep")
                .contains("Not mapped: nothing");
        assertThat(JsonFiles.read(written).path("id").asText()).isEqualTo("cameo_auro_spot_300_15_channel");

        // the show loads it: a fixtures.json row naming the key patches it
        Files.writeString(show.resolve("fixtures/fixtures.json"), "[{\"id\": \"spot\", \"name\": \"Spot\", "
                + "\"fixture\": \"fixture.moving_head.cameo_auro_spot_300_15_channel\", \"base_channel\": 101}]");
        RigLoader.Result rig = RigLoader.load(show.resolve("fixtures"));
        assertThat(rig.problems()).isEmpty();
        assertThat(rig.rig().fixture("spot").orElseThrow().addressOf("tilt_lsb")).isEqualTo(104);

        // a second import replaces the file and keeps the first as .bak
        Run again = run("import", SPOT.toString(), "--mode", "15", "--show-dir", show.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("(the previous file is kept as .bak)");
        assertThat(show.resolve("fixtures/fixture.moving_head.cameo_auro_spot_300_15_channel.json.bak")).exists();
    }

    @Test
    void listsWhatCouldNotBeMapped() {
        Run run = run("import", "/usr/share/qlcplus/fixtures/Chauvet/Chauvet-Legend-330SR-Spot.qxf", "--mode",
                "27 channel", "--show-dir", show.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("rgb +rgb +\"Color\" +channel cyan@10, magenta@11, yellow@12, "
                        + "subtractive \\(CMY\\)")
                .contains("Not mapped:\n  - fine bytes kept at 0, their controls are 8-bit: 'Fine Dimmer' "
                        + "(channel 7)\n");
    }

    @Test
    void anEightBitScannerGetsTheMoves() {
        Run run = run("import", "/usr/share/qlcplus/fixtures/Contest/Contest-PSC-930.qxf", "--mode",
                "Movement 8 bits", "--show-dir", show.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("pan +u8 +\"Pan\" +channel pan@5").contains("move_to, move_to_poi")
                .contains("Not mapped: nothing");
    }

    @Test
    void importsAnOpenFixtureLibraryFixture() {
        Run run = run("import", OFL_PAR.toString(), "--mode", "7-channel", "--show-dir", show.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("ACME Lighting Party Par RGBW (Color Changer), mode '7-channel'")
                .containsPattern("rgb +rgb +\"Color\" +channel red@2, green@3, blue@4")
                .containsPattern("dim +u8 +\"Dimmer\" +channel dim@1, armed at 255");
        assertThat(show.resolve("fixtures/fixture.color_changer.acme_lighting_party_par_rgbw_7_channel.json"))
                .exists();
    }

    @Test
    void usageErrors() throws Exception {
        Run noMode = run("import", SPOT.toString(), "--show-dir", show.toString());
        assertThat(noMode.exit()).isEqualTo(2);
        assertThat(noMode.err()).contains("has 3 modes; choose one with --mode")
                .contains("5 Channel (5 channels)").contains("24 Channel (24 channels)");
        Run badMode = run("import", SPOT.toString(), "--mode", "disco", "--show-dir", show.toString());
        assertThat(badMode.exit()).isEqualTo(2);
        assertThat(badMode.err()).contains("no mode 'disco'");
        Path junk = Files.writeString(dir.resolve("junk.qxf"), "<html/>");
        Run notAFixture = run("import", junk.toString(), "--show-dir", show.toString());
        assertThat(notAFixture.exit()).isEqualTo(1);
        assertThat(notAFixture.err()).contains("not <FixtureDefinition>").contains("[not a fixture definition]");
        assertThat(run().exit()).isEqualTo(2);
        Run help = run("import", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--mode").contains("--show-dir").contains("Exit codes");
        try (var files = Files.list(show.resolve("fixtures"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fixtures.json");
        }
    }

    @Test
    void theApplicationImportsWithoutStartingTheServer() throws Exception {
        try (ServerProcess process = ServerProcess.start(Map.of("BEATLIGHT_PORT", "1"), "fixtures", "import",
                OFL_PAR.toAbsolutePath().toString(), "--mode", "4-channel", "--show-dir", show.toString())) {
            assertThat(process.awaitExit(Duration.ofSeconds(60))).isZero();
            assertThat(process.output()).doesNotContain("Beatlight ready").contains("Template key: "
                    + "fixture.color_changer.acme_lighting_party_par_rgbw_4_channel");
        }
    }
}
