package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.beatlight.effects.RenderVersion;

/** The stated behaviour of the v2 semantics on the reference rig (parcan_l: dim 16, rgb 17-19). */
class LaterEffectsTest {
    @TempDir
    static Path dir;
    static Rig rig;
    static List<JsonNode> pois;
    final Renderer renderer = new Renderer(new EffectRegistry());

    @BeforeAll
    static void load() throws Exception {
        TestShow.withReferenceRig(dir);
        rig = RigLoader.load(dir.resolve("fixtures")).rig();
        pois = new ArrayList<>(PoiBook.load(dir.resolve("fixtures/pois.json")).book().valid());
    }

    static CueRow row(double t, String fixture, String effect, double d, String data) throws Exception {
        return new CueRow(t, fixture, effect, d, Json.MAPPER.readTree(data), 0);
    }

    Canvas render(RenderVersion version, CueRow... rows) {
        List<CueRow> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            CueRow r = rows[i];
            list.add(new CueRow(r.time(), r.fixtureId(), r.effect(), r.duration(), r.data(), i));
        }
        return renderer.render(new RenderInput(rig, pois, list, 2, 60, version));
    }

    static int ch(Canvas c, int frame, int channel) {
        return c.frame(frame).get(0, channel);
    }

    @Test
    void blackoutAndFadeOut() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "full", 0, "{}"),
                row(0.5, "parcan_l", "blackout", 0, "{}"), row(1, "parcan_l", "fade_in", 0, "{}"),
                row(1, "parcan_l", "fade_out", 0.5, "{}"));
        assertThat(List.of(ch(c, 10, 16), ch(c, 10, 17))).containsExactly(255, 255);
        assertThat(List.of(ch(c, 30, 16), ch(c, 30, 17), ch(c, 30, 19))).containsExactly(0, 0, 0);
        assertThat(ch(c, 75, 16)).isEqualTo(128); // halfway down from 255
        assertThat(List.of(ch(c, 90, 16), ch(c, 90, 18))).containsExactly(0, 0);
        // the seed renderer does not know these effects: they are no-ops under v1
        Canvas v1 = render(RenderVersion.V1, row(0.5, "parcan_l", "blackout", 0, "{}"));
        assertThat(ch(v1, 30, 16)).isEqualTo(255);
    }

    @Test
    void colorFadeTakesTheShortWayThroughMagenta() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "color_fade", 1,
                "{\"start_color\": \"#FF0000\", \"end_color\": \"blue\"}"));
        assertThat(List.of(ch(c, 0, 17), ch(c, 0, 18), ch(c, 0, 19))).containsExactly(255, 0, 0);
        assertThat(List.of(ch(c, 30, 17), ch(c, 30, 18), ch(c, 30, 19))).containsExactly(255, 0, 255);
        assertThat(List.of(ch(c, 60, 17), ch(c, 60, 18), ch(c, 60, 19))).containsExactly(0, 0, 255);
        assertThat(ch(c, 30, 16)).isEqualTo(255); // the dimmer is untouched
    }

    @Test
    void flashIsColouredAndEndsOnThePreviousLook() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "fade_in", 0, "{\"red\": 0, \"green\": 0, \"blue\": 200}"),
                row(0.5, "parcan_l", "flash", 0.5, "{\"color\": \"#FF8000\"}"));
        assertThat(List.of(ch(c, 30, 16), ch(c, 30, 17), ch(c, 30, 18))).containsExactly(255, 255, 128);
        assertThat(ch(c, 45, 16)).isEqualTo(128);
        assertThat(List.of(ch(c, 60, 16), ch(c, 60, 17), ch(c, 60, 19))).containsExactly(255, 0, 200);
        // v1: always white, ends black
        Canvas v1 = render(RenderVersion.V1, row(0, "parcan_l", "full", 0, "{\"blue\": 200}"),
                row(0.5, "parcan_l", "flash", 0.5, "{\"color\": \"#FF8000\"}"));
        assertThat(List.of(ch(v1, 30, 17), ch(v1, 30, 18), ch(v1, 60, 19))).containsExactly(255, 255, 0);
    }

    @Test
    void strobeRunsAtTheRequestedRateAndEndsAsItFoundTheFixture() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "strobe", 1, "{\"rate\": 10}"));
        // 10 Hz: 3 frames on, 3 off on the dimmer
        assertThat(List.of(ch(c, 0, 16), ch(c, 2, 16), ch(c, 3, 16), ch(c, 5, 16), ch(c, 6, 16)))
                .containsExactly(255, 255, 0, 0, 255);
        assertThat(ch(c, 60, 16)).isEqualTo(255);
        Canvas head = render(RenderVersion.V2, row(0, "head_el150", "strobe", 1, "{\"rate\": 10}"));
        assertThat(List.of(ch(head, 0, 6), ch(head, 3, 6), ch(head, 0, 7))).containsExactly(255, 0, 255);
        // v1 heads: the shutter, 6 frames on and 6 off (half the rate)
        Canvas v1 = render(RenderVersion.V1, row(0, "head_el150", "strobe", 1, "{\"rate\": 10}"));
        assertThat(List.of(ch(v1, 5, 7), ch(v1, 6, 7))).containsExactly(255, 0);
    }

    @Test
    void fadeInLeavesMissingComponentsAndFadesAHeadDimmer() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "fade_in", 0, "{\"red\": 10, \"green\": 20, \"blue\": 30}"),
                row(0.5, "parcan_l", "fade_in", 0.5, "{\"blue\": 200}"),
                row(0, "head_el150", "fade_in", 1, "{\"dim\": 0.5}"));
        assertThat(List.of(ch(c, 60, 17), ch(c, 60, 18), ch(c, 60, 19))).containsExactly(10, 20, 200);
        assertThat(ch(c, 60, 6)).isEqualTo(127);
        assertThat(ch(c, 30, 6)).isEqualTo(64);
    }

    @Test
    void movesSnapAtZeroDurationAndPresetsResolveAsPois() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "head_el150", "move_to", 0, "{\"pan\": 1000, \"tilt\": 2000}"),
                row(0.5, "head_el150", "seek", 0, "{\"preset\": \"Piano\"}"),
                row(1, "mini_beam_prism_l", "move_to_poi", 0, "{\"poi_id\": \"table\"}"));
        assertThat(ch(c, 0, 1) << 8 | ch(c, 0, 2)).isEqualTo(1000);
        assertThat(ch(c, 30, 1) << 8 | ch(c, 30, 2)).isEqualTo(43693);
        assertThat(ch(c, 60, 42) << 8 | ch(c, 60, 43)).isEqualTo(39976);
        Canvas v1 = render(RenderVersion.V1, row(0, "head_el150", "move_to", 0, "{\"pan\": 1000, \"tilt\": 2000}"),
                row(0.5, "head_el150", "seek", 0, "{\"preset\": \"Piano\"}"));
        assertThat(ch(v1, 40, 1) << 8 | ch(v1, 40, 2)).isZero();
    }

    @Test
    void setChannelsAcceptsTopLevelChannelNamesInV2() throws Exception {
        Canvas c = render(RenderVersion.V2, row(0, "parcan_l", "set_channels", 0, "{\"red\": 7, \"channels\": 5}"));
        assertThat(ch(c, 0, 17)).isEqualTo(7);
        Canvas v1 = render(RenderVersion.V1, row(0, "parcan_l", "set_channels", 0, "{\"red\": 7}"));
        assertThat(ch(v1, 0, 17)).isZero();
    }

    @Test
    void orbitSpiralsIntoTheSubjectWithinTravelLimits() throws Exception {
        // mini_beam_prism_l: piano (44891, 9175), table (39976, 12452); default travel pan 2 s, tilt 0.9 s
        Canvas c = render(RenderVersion.V2, row(0, "mini_beam_prism_l", "seek", 0, "{\"preset\": \"table\"}"),
                row(0.5, "mini_beam_prism_l", "orbit", 1, "{\"subject_POI\": \"piano\", \"start_POI\": \"table\"}"));
        int panEnd = ch(c, 90, 42) << 8 | ch(c, 90, 43);
        int tiltEnd = ch(c, 90, 44) << 8 | ch(c, 90, 45);
        assertThat(panEnd).isEqualTo(44891);
        assertThat(tiltEnd).isEqualTo(9175);
        double maxStep = 65535 / (2.0 * 60);
        for (int f = 31; f <= 90; f++) {
            int before = ch(c, f - 1, 42) << 8 | ch(c, f - 1, 43);
            int now = ch(c, f, 42) << 8 | ch(c, f, 43);
            assertThat((double) Math.abs(now - before)).isLessThanOrEqualTo(Math.ceil(maxStep));
        }
        assertThat(render(RenderVersion.V1, row(0.5, "mini_beam_prism_l", "orbit", 1,
                "{\"subject_POI\": \"piano\", \"start_POI\": \"table\"}")).frame(90).get(0, 42)).isZero();
    }

    @Test
    void circleNeedsCalibratedReferencePois() throws Exception {
        // the reference rig's ref_* POIs carry no targets: a circle has nothing to map room points with
        Canvas c = render(RenderVersion.V2, row(0, "mini_beam_prism_l", "circle", 1,
                "{\"target_poi\": \"piano\", \"radius\": 0.2}"));
        assertThat(ch(c, 60, 42)).isZero();
    }

    @Test
    void aV2SweepPreRollsInTheDarkAndPeaksAtTheSubjectOnTime() throws Exception {
        // mini_beam_prism_l starts at pan/tilt 0; the sweep at 1.0 s starts from "table" (39976, 12452)
        Canvas c = renderer.render(new RenderInput(rig, pois, List.of(new CueRow(1.0, "mini_beam_prism_l", "sweep",
                1.0, Json.MAPPER.readTree("{\"subject_POI\": \"piano\", \"start_POI\": \"table\"}"), 0)), 3,
                60, RenderVersion.V2));
        // before the cue's time the head travels (dark) and is at the start POI when it becomes visible
        assertThat(ch(c, 59, 42) << 8 | ch(c, 59, 43)).isEqualTo(39976);
        assertThat(ch(c, 59, 47)).isZero();
        assertThat(ch(c, 20, 42) << 8 | ch(c, 20, 43)).isGreaterThan(0);
        // at the middle of the visible window it passes the subject at full intensity
        assertThat(ch(c, 90, 42) << 8 | ch(c, 90, 43)).isEqualTo(44891);
        assertThat(ch(c, 90, 47)).isEqualTo(255);
        assertThat(ch(c, 120, 47)).isZero();
    }
}
