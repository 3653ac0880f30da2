package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.rig.library.FixtureFiles;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixtures patched from Debian's qlcplus-data render the effects the reference rig could not drive: an 8-bit scanner
 * (pan and tilt without fine bytes) moves, its axes getting the nearest byte of the 16-bit position, and a CMY head's
 * colour is an additive colour sent as 255 − each component.
 */
class ImportedFixtureRenderTest {
    static final Path SCANNER = FixtureLibrary.QLCPLUS_SYSTEM_DIR.resolve("Contest/Contest-PSC-930.qxf");
    static final Path CMY_SPOT = FixtureLibrary.QLCPLUS_SYSTEM_DIR.resolve("Chauvet/Chauvet-Legend-330SR-Spot.qxf");
    // scanner8 at 1: pan 5, tilt 6 (8-bit); scanner16 at 21: pan 25/31, tilt 26/32; the CMY spot at 41
    static final int PAN8 = 5;
    static final int TILT8 = 6;
    static final int PAN16 = 25;
    static final int PAN16_FINE = 31;
    static final int TILT16 = 26;
    static final int TILT16_FINE = 32;
    static final int CMY_DIM = 46;
    static final int CYAN = 50;
    static final int MAGENTA = 51;
    static final int YELLOW = 52;

    @TempDir
    static Path dir;
    static Rig rig;
    static List<JsonNode> pois;
    final Renderer renderer = new Renderer(new EffectRegistry());

    @BeforeAll
    static void patch() throws Exception {
        assertThat(SCANNER).as("Debian's qlcplus-data (.ci/run installs it)").isRegularFile();
        Path fixtures = Files.createDirectories(dir.resolve("fixtures"));
        String scanner8 = write(SCANNER, "Movement 8 bits", fixtures);
        String scanner16 = write(SCANNER, "Movement 16 bits", fixtures);
        String spot = write(CMY_SPOT, "27 channel", fixtures);
        Files.writeString(fixtures.resolve("fixtures.json"), "["
                + row("scanner8", scanner8, 1) + "," + row("scanner16", scanner16, 21) + "," + row("spot", spot, 41)
                + "]");
        // 16-bit POI targets, the same for both scanners; the ref_* POIs calibrate the room for circle
        Files.writeString(fixtures.resolve("pois.json"), "["
                + poi("stage", 0.5, 0.5, 40000, 1000) + "," + poi("ref_a", 0, 0, 0, 0) + ","
                + poi("ref_b", 1, 0, 65535, 0) + "," + poi("ref_c", 0, 1, 0, 65535) + ","
                + poi("ref_d", 1, 1, 65535, 65535) + "," + poi("start", 0.2, 0.3, 12000, 30000) + ","
                + poi("subject", 0.5, 0.5, 33000, 20000) + "]");
        RigLoader.Result loaded = RigLoader.load(fixtures);
        assertThat(loaded.problems()).isEmpty();
        rig = loaded.rig();
        pois = new ArrayList<>(PoiBook.load(fixtures.resolve("pois.json")).book().valid());
    }

    private static String write(Path file, String mode, Path fixtures) throws Exception {
        ImportedTemplate template = FixtureFiles.read(file).mode(mode).orElseThrow();
        template.writeTo(fixtures);
        return template.templateKey();
    }

    private static String row(String id, String template, int base) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"fixture\": \"" + template
                + "\", \"base_channel\": " + base + "}";
    }

    private static String poi(String id, double x, double y, int pan, int tilt) {
        String target = "{\"pan\": " + pan + ", \"tilt\": " + tilt + "}";
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"location\": {\"x\": " + x + ", \"y\": " + y
                + ", \"z\": 0}, \"fixtures\": {\"scanner8\": " + target + ", \"scanner16\": " + target + "}}";
    }

    static CueRow cue(double t, String fixture, String effect, double d, String data) throws Exception {
        return new CueRow(t, fixture, effect, d, Json.MAPPER.readTree(data), 0);
    }

    Canvas render(RenderVersion version, CueRow... rows) {
        List<CueRow> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            CueRow r = rows[i];
            list.add(new CueRow(r.time(), r.fixtureId(), r.effect(), r.duration(), r.data(), i));
        }
        return renderer.render(new RenderInput(rig, pois, list, 3, 60, version));
    }

    static int ch(Canvas c, int frame, int channel) {
        return c.frame(frame).get(0, channel);
    }

    static int axis16(Canvas c, int frame, int msb, int lsb) {
        return ch(c, frame, msb) << 8 | ch(c, frame, lsb);
    }

    @Test
    void moveToSendsTheNearestByteOfTheSixteenBitPosition() throws Exception {
        for (RenderVersion version : RenderVersion.values()) {
            // 33152 = 129.5 steps and 32896 = 128.5 steps: ties go to the even byte
            Canvas c = render(version, cue(0, "scanner8", "move_to", 1, "{\"pan\": 33152, \"tilt\": 32896}"));
            assertThat(List.of(ch(c, 0, PAN8), ch(c, 0, TILT8))).as("%s start", version).containsExactly(0, 0);
            // half-way: 16576 (64.75 steps) and 16448 (64.25 steps)
            assertThat(List.of(ch(c, 30, PAN8), ch(c, 30, TILT8))).as("%s middle", version).containsExactly(65, 64);
            assertThat(List.of(ch(c, 60, PAN8), ch(c, 60, TILT8))).as("%s end", version).containsExactly(130, 128);
            assertThat(List.of(ch(c, 120, PAN8), ch(c, 120, TILT8))).as("%s after", version)
                    .containsExactly(130, 128);
            // the channels next to the axes are untouched: the shutter keeps its arm value, the speed 0
            assertThat(List.of(ch(c, 60, 4), ch(c, 60, 7))).containsExactly(96, 0);
        }
    }

    @Test
    void seekAndMoveToPoiTakeSixteenBitTargets() throws Exception {
        Canvas c = render(RenderVersion.V2,
                // 200·256 + 128 = 200.5 steps → 200; 65535 → 255.996 steps, capped at 255
                cue(0, "scanner8", "seek", 0, "{\"pan_msb\": 200, \"pan_lsb\": 128, \"tilt\": 65535}"),
                // the POI stores 16-bit values: 40000 → 156.25 steps, 1000 → 3.9 steps
                cue(1, "scanner8", "move_to_poi", 0.5, "{\"target_POI\": \"stage\"}"));
        assertThat(List.of(ch(c, 0, PAN8), ch(c, 0, TILT8))).containsExactly(200, 255);
        assertThat(List.of(ch(c, 90, PAN8), ch(c, 90, TILT8))).containsExactly(156, 4);
        // the move starts where the seek left the head: 200 steps = 51200, half-way to 40000 is 45600 (178.1)
        assertThat(ch(c, 75, PAN8)).isEqualTo(178);
    }

    @Test
    void circleAndSweepOnEightBitAxesAreTheSixteenBitPathRounded() throws Exception {
        String[][] rows = {
            {"circle", "1.5", "{\"target_poi\": \"stage\", \"radius\": 0.25, \"orbits\": 1}"},
            {"sweep", "1.0", "{\"subject_POI\": \"subject\", \"start_POI\": \"start\"}"},
            {"orbit", "1.5", "{\"subject_POI\": \"subject\", \"start_POI\": \"start\", \"write_dimmer\": false}"},
        };
        for (String[] r : rows) {
            double time = r[0].equals("sweep") ? 1 : 0;
            Canvas c = render(RenderVersion.V2, cue(time, "scanner8", r[0], Double.parseDouble(r[1]), r[2]),
                    cue(time, "scanner16", r[0], Double.parseDouble(r[1]), r[2]));
            Set<Integer> positions = new HashSet<>();
            for (int f = 0; f < c.frameCount(); f++) {
                int pan = axis16(c, f, PAN16, PAN16_FINE);
                int tilt = axis16(c, f, TILT16, TILT16_FINE);
                assertThat(ch(c, f, PAN8)).as("%s pan on frame %d (16-bit %d)", r[0], f, pan)
                        .isEqualTo(Math.min(255, (int) Math.rint(pan / 256.0)));
                assertThat(ch(c, f, TILT8)).as("%s tilt on frame %d (16-bit %d)", r[0], f, tilt)
                        .isEqualTo(Math.min(255, (int) Math.rint(tilt / 256.0)));
                positions.add(ch(c, f, PAN8) << 8 | ch(c, f, TILT8));
            }
            assertThat(positions).as("%s moves the scanner", r[0]).hasSizeGreaterThan(10);
        }
    }

    @Test
    void aCmyHeadMixesTheColourSubtractively() throws Exception {
        Canvas c = render(RenderVersion.V2,
                cue(0, "spot", "color_fade", 1, "{\"start_color\": \"#FF0000\", \"end_color\": \"blue\"}"),
                cue(1.5, "spot", "flash", 0.5, "{\"color\": \"#00FF00\"}"),
                cue(2.5, "spot", "blackout", 0, "{}"));
        // red → magenta → blue: C, M, Y = 255 − R, G, B
        assertThat(cmy(c, 0)).containsExactly(0, 255, 255);
        assertThat(cmy(c, 30)).containsExactly(0, 255, 0);
        assertThat(cmy(c, 60)).containsExactly(255, 255, 0);
        // the flash is green at full and decays on the dimmer, then restores the blue it found
        assertThat(cmy(c, 90)).containsExactly(255, 0, 255);
        assertThat(ch(c, 90, CMY_DIM)).isEqualTo(255);
        assertThat(ch(c, 105, CMY_DIM)).isEqualTo(128);
        assertThat(cmy(c, 120)).containsExactly(255, 255, 0);
        // blackout: the colour black is every flag in
        assertThat(cmy(c, 150)).containsExactly(255, 255, 255);
        assertThat(ch(c, 150, CMY_DIM)).isZero();
        // before any cue the flags are out: white
        Canvas idle = render(RenderVersion.V2);
        assertThat(cmy(idle, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void fadeInAndFullDriveTheCmyColourAsRgb() throws Exception {
        Canvas c = render(RenderVersion.V2, cue(0, "spot", "fade_in", 1, "{\"red\": 255, \"green\": 128, \"blue\": 0}"),
                cue(2, "spot", "full", 0, "{}"));
        // from white (flags out) to orange: red stays, green halves, blue goes out (192 and 128 half-way)
        assertThat(cmy(c, 30)).containsExactly(0, 63, 127);
        assertThat(cmy(c, 60)).containsExactly(0, 127, 255);
        assertThat(cmy(c, 120)).containsExactly(0, 0, 0);
        // the seed renderer addresses colour by channel name (red, green, blue): a CMY head stays as it is
        Canvas v1 = render(RenderVersion.V1, cue(0, "spot", "full", 0, "{}"));
        assertThat(cmy(v1, 0)).containsExactly(0, 0, 0);
    }

    private static List<Integer> cmy(Canvas c, int frame) {
        return List.of(ch(c, frame, CYAN), ch(c, frame, MAGENTA), ch(c, frame, YELLOW));
    }
}
