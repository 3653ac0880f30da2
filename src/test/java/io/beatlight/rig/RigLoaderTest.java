package io.beatlight.rig;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.testutil.TestShow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading the rig: the reference rig, and every validation rule with file and field in its report. */
class RigLoaderTest {
    @TempDir
    Path dir;

    static final String PAR = """
            {"id": "par", "type": "parcan", "channels": {"dim": 0, "red": 1, "green": 2, "blue": 3},
             "meta_channels": {"rgb": {"label": "Color", "kind": "rgb", "channels": ["red", "green", "blue"]},
                               "dim": {"label": "Dimmer", "kind": "u8", "channel": "dim", "arm": 255}}}""";

    Path fixtures() throws Exception {
        Path f = dir.resolve("fixtures");
        Files.createDirectories(f);
        return f;
    }

    RigLoader.Result load(String fixturesJson, String... templates) throws Exception {
        Path f = fixtures();
        Files.writeString(f.resolve("fixture.parcan.par.json"), PAR);
        for (int i = 0; i < templates.length; i += 2) {
            Files.writeString(f.resolve(templates[i]), templates[i + 1]);
        }
        if (fixturesJson != null) {
            Files.writeString(f.resolve("fixtures.json"), fixturesJson);
        }
        return RigLoader.load(f);
    }

    static LoadProblem only(RigLoader.Result result, LoadProblem.Severity severity) {
        List<LoadProblem> matching = result.problems().stream().filter(p -> p.severity() == severity).toList();
        assertThat(matching).as("problems %s", result.problems()).isNotEmpty();
        return matching.get(0);
    }

    @Test
    void theReferenceRigLoadsWithAbsoluteAddressesAndArmDefaults() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        RigLoader.Result result = RigLoader.load(show.fixtures());
        assertThat(result.problems()).isEmpty();
        Rig rig = result.rig();
        assertThat(rig.fixtures()).extracting(Fixture::id).containsExactly("mini_beam_prism_l", "mini_beam_prism_r",
                "head_el150", "parcan_l", "parcan_r", "parcan_pl", "parcan_pr");
        assertThat(rig.fixture("parcan_l").orElseThrow().addressOf("red")).isEqualTo(17);
        assertThat(rig.fixture("head_el150").orElseThrow().addressOf("shutter")).isEqualTo(7);
        assertThat(rig.fixture("mini_beam_prism_r").orElseThrow().lastChannel()).isEqualTo(65);
        assertThat(result.templates()).containsKeys("rgb_gen", "fixture.parcan.rgb_gen", "head_el150");
        assertThat(rig.maxUsedChannel(0)).isEqualTo(65);
        DmxFrame arm = rig.armDefaults();
        for (int channel = 1; channel <= 512; channel++) {
            int expected = List.of(7, 16, 22, 28, 35).contains(channel) ? 255 : 0;
            assertThat(arm.get(0, channel)).as("channel %d", channel).isEqualTo(expected);
        }
    }

    @Test
    void aMissingFixturesFileGivesAnEmptyRigAndAnError() throws Exception {
        RigLoader.Result result = load(null);
        assertThat(result.rig().fixtures()).isEmpty();
        assertThat(only(result, LoadProblem.Severity.ERROR).file()).isEqualTo("fixtures.json");
        assertThat(result.rig().maxUsedChannel(0)).isEqualTo(512);
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws Exception {
        RigLoader.Result result = load("[\n  {\"id\": \"a\",,}\n]");
        LoadProblem problem = only(result, LoadProblem.Severity.ERROR);
        assertThat(problem.message()).contains("line 2").contains("column");
        assertThat(result.rig().fixtures()).isEmpty();
    }

    @Test
    void invalidUtf8IsAClearError() throws Exception {
        Path f = fixtures();
        Files.write(f.resolve("fixtures.json"), new byte[] {'[', (byte) 0xC3, (byte) 0x28, ']'});
        RigLoader.Result result = RigLoader.load(f);
        assertThat(only(result, LoadProblem.Severity.ERROR).message()).contains("UTF-8");
    }

    @Test
    void notAnArrayIsAnError() throws Exception {
        RigLoader.Result result = load("{\"id\": \"a\"}");
        assertThat(only(result, LoadProblem.Severity.ERROR).message()).contains("array");
    }

    @Test
    void badRowsAreSkippedAndTheRestLoad() throws Exception {
        RigLoader.Result result = load("""
                [5,
                 {"name": "no id", "fixture": "par"},
                 {"id": "  ", "fixture": "par"},
                 {"id": "a", "name": "A", "fixture": "par", "base_channel": 1},
                 {"id": "a", "name": "A again", "fixture": "par", "base_channel": 20},
                 {"id": "b", "name": "B"},
                 {"id": "c", "name": "C", "fixture": "nope"},
                 {"id": "d", "name": "D", "fixture": "par", "base_channel": "ten"},
                 {"id": "e", "name": "E", "fixture": "par", "base_channel": 40}]""");
        assertThat(result.rig().fixtures()).extracting(Fixture::id).containsExactly("a", "e");
        List<String> fields = result.problems().stream().map(LoadProblem::field).toList();
        assertThat(fields).contains("[0]", "[1].id", "[2].id", "[4].id", "[5] (b).fixture", "[6] (c).fixture",
                "[7] (d).base_channel");
        assertThat(result.problems()).allMatch(p -> p.file().equals("fixtures.json"));
        assertThat(result.problems().stream().filter(p -> p.field().equals("[4].id")).findFirst().orElseThrow()
                .message()).contains("duplicate");
    }

    @ParameterizedTest
    @CsvSource({"0, false", "1, true", "509, true", "510, false", "-3, false"})
    void everyChannelMustLandIn1To512(int base, boolean loads) throws Exception {
        RigLoader.Result result = load("[{\"id\": \"p\", \"name\": \"P\", \"fixture\": \"par\", \"base_channel\": "
                + base + "}]");
        assertThat(result.rig().fixtures().size()).isEqualTo(loads ? 1 : 0);
        if (!loads) {
            assertThat(only(result, LoadProblem.Severity.ERROR).message()).contains("outside 1..512");
        }
    }

    @Test
    void universesAreOptionalAndValidated() throws Exception {
        RigLoader.Result result = load("""
                [{"id": "a", "name": "A", "fixture": "par"},
                 {"id": "b", "name": "B", "fixture": "par", "universe": 3},
                 {"id": "c", "name": "C", "fixture": "par", "universe": -1},
                 {"id": "d", "name": "D", "fixture": "par", "universe": 40000},
                 {"id": "e", "name": "E", "fixture": "par", "universe": "x"}]""");
        assertThat(result.rig().fixtures()).extracting(Fixture::id).containsExactly("a", "b");
        assertThat(result.rig().fixture("a").orElseThrow().universe()).isZero();
        assertThat(result.rig().layout().universes()).containsExactly(0, 3);
        assertThat(result.rig().maxUsedChannel(3)).isEqualTo(4);
        assertThat(result.problems()).extracting(LoadProblem::field).contains("[2] (c).universe",
                "[3] (d).universe", "[4] (e).universe");
    }

    @Test
    void aRigInOneOtherUniverseUsesOnlyThatUniverse() throws Exception {
        RigLoader.Result result = load("[{\"id\": \"a\", \"name\": \"A\", \"fixture\": \"par\", \"universe\": 2}]");
        assertThat(result.rig().layout().universes()).containsExactly(2);
        assertThat(result.rig().armDefaults().get(2, 1)).isEqualTo(255);
    }

    @Test
    void overlapsAreWarningsAndBothFixturesLoad() throws Exception {
        RigLoader.Result result = load("""
                [{"id": "a", "name": "A", "fixture": "par", "base_channel": 1},
                 {"id": "b", "name": "B", "fixture": "par", "base_channel": 3},
                 {"id": "c", "name": "C", "fixture": "par", "base_channel": 3, "universe": 1}]""");
        assertThat(result.rig().fixtures()).hasSize(3);
        LoadProblem warning = only(result, LoadProblem.Severity.WARNING);
        assertThat(warning.message()).contains("'b' overlaps channels of 'a'");
        assertThat(result.hasErrors()).isFalse();
    }

    @Test
    void missingNameAndBadLocationAreWarnings() throws Exception {
        RigLoader.Result result = load("""
                [{"id": "a", "fixture": "par", "location": {"x": "left"}},
                 {"id": "b", "name": "B", "fixture": "par", "base_channel": 10, "location": {"x": 0.5, "y": 1}}]""");
        assertThat(result.rig().fixtures()).hasSize(2);
        assertThat(result.rig().fixture("a").orElseThrow().name()).isEqualTo("a");
        assertThat(result.rig().fixture("a").orElseThrow().location()).isNull();
        assertThat(result.rig().fixture("b").orElseThrow().location()).isEqualTo(new Location(0.5, 1, 0));
        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).extracting(LoadProblem::field).contains("[0] (a).name", "[0] (a).location.x");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not an object | []",
            "missing id | {\"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {}}",
            "missing type | {\"id\": \"t\", \"channels\": {\"a\": 0}, \"meta_channels\": {}}",
            "channels not an object | {\"id\": \"t\", \"type\": \"x\", \"channels\": [1], \"meta_channels\": {}}",
            "negative offset | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": -1}, \"meta_channels\": {}}",
            "fractional offset | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 1.5}, \"meta_channels\": {}}",
            "offset above 511 | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 512}, \"meta_channels\": {}}",
            "unknown kind | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u32\", \"channel\": \"a\"}}}",
            "u8 without channel | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\"}}}",
            "unknown channel | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"b\"}}}",
            "u16 with one channel | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u16\", \"channels\": [\"a\"]}}}",
            "rgb with two channels | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0, \"b\": 1}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"rgb\", \"channels\": [\"a\", \"b\"]}}}",
            "enum without mapping | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"enum\", \"channel\": \"a\"}}}",
            "enum with text keys | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"enum\", \"channel\": \"a\", \"mapping\": \"w\"}}, \"mappings\": {\"w\": {\"open\": \"Open\"}}}",
            "enum with key 256 | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"enum\", \"channel\": \"a\", \"mapping\": \"w\"}}, \"mappings\": {\"w\": {\"256\": \"Open\"}}}",
            "unknown mapping | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"mapping\": \"zz\"}}}",
            "u8 arm 256 | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"arm\": 256}}}",
            "u16 arm 65536 | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0, \"b\": 1}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u16\", \"channels\": [\"a\", \"b\"], \"arm\": 65536}}}",
            "negative arm | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"arm\": -1}}}",
            "fractional arm | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"arm\": 2.5}}}",
            "step not a bool | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"step\": \"yes\"}}}",
            "subtractive u8 | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"label\": \"M\", \"kind\": \"u8\", \"channel\": \"a\", \"subtractive\": true}}}",
            "subtractive not a bool | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"c\": 0, \"m\": 1, \"y\": 2}, \"meta_channels\": {\"rgb\": {\"label\": \"Color\", \"kind\": \"rgb\", \"channels\": [\"c\", \"m\", \"y\"], \"subtractive\": \"yes\"}}}",
            "label missing | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {\"m\": {\"kind\": \"u8\", \"channel\": \"a\"}}}",
            "bad physical movement | {\"id\": \"t\", \"type\": \"x\", \"channels\": {\"a\": 0}, \"meta_channels\": {}, \"physical_movement\": {\"pan_full_travel_seconds\": \"fast\"}}",
            "broken JSON | {\"id\": \"t\""})
    void anInvalidTemplateIsRejectedAndItsFixturesSkipped(String rule, String template) throws Exception {
        RigLoader.Result result = load("""
                [{"id": "bad", "name": "Bad", "fixture": "t", "base_channel": 100},
                 {"id": "bad2", "name": "Bad 2", "fixture": "fixture.other.t", "base_channel": 200},
                 {"id": "good", "name": "Good", "fixture": "par"}]""", "fixture.other.t.json", template);
        assertThat(result.rig().fixtures()).extracting(Fixture::id).containsExactly("good");
        assertThat(result.problems()).anyMatch(p -> p.file().equals("fixture.other.t.json")
                && p.severity() == LoadProblem.Severity.ERROR);
        assertThat(result.problems()).anyMatch(p -> p.file().equals("fixtures.json")
                && p.field().equals("[1] (bad2).fixture"));
    }

    @Test
    void aSubtractiveRgbControlAndAnEightBitAxisAreRead() throws Exception {
        RigLoader.Result result = load("""
                [{"id": "spot", "name": "Spot", "fixture": "spot"}]""", "fixture.moving_head.spot.json", """
                {"id": "spot", "type": "moving_head", "channels": {"pan": 0, "tilt": 1, "cyan": 2, "magenta": 3,
                 "yellow": 4}, "meta_channels": {"pan": {"label": "Pan", "kind": "u8", "channel": "pan"},
                 "tilt": {"label": "Tilt", "kind": "u8", "channel": "tilt"},
                 "rgb": {"label": "Color", "kind": "rgb", "channels": ["cyan", "magenta", "yellow"],
                  "subtractive": true}}}""");
        assertThat(result.problems()).isEmpty();
        FixtureTemplate template = result.rig().fixture("spot").orElseThrow().template();
        assertThat(template.metaChannels().get("rgb").subtractive()).isTrue();
        assertThat(template.metaChannels().get("rgb").colourByte(255)).isZero();
        assertThat(template.metaChannels().get("pan").subtractive()).isFalse();
        assertThat(template.metaChannels().get("pan").isPanTiltAxis()).isTrue();
    }

    @Test
    void templatesAreRegisteredUnderIdAndFileStem() throws Exception {
        RigLoader.Result result = load("""
                [{"id": "a", "name": "A", "fixture": "par"},
                 {"id": "b", "name": "B", "fixture": "fixture.parcan.par", "base_channel": 10}]""");
        assertThat(result.rig().fixtures()).hasSize(2);
        assertThat(result.rig().fixture("a").orElseThrow().template())
                .isSameAs(result.rig().fixture("b").orElseThrow().template());
    }
}
