package io.beatlight.rig.library;

import static io.beatlight.rig.library.Templates.channels;
import static io.beatlight.rig.library.Templates.effects;
import static io.beatlight.rig.library.Templates.metas;
import static io.beatlight.rig.library.Templates.qlc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.FixtureTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden conversions of real QLC+ definitions from Debian's qlcplus-data, one per kind of fixture: the exact channel
 * map and controls of the mode, checked against the .qxf by hand, and the effects a patched fixture gets.
 */
class QlcImportTest {
    static ImportedTemplate mode(String file, String mode) throws Exception {
        LibraryFixture fixture = FixtureFiles.read(qlc(file));
        return fixture.mode(mode).orElseThrow(() -> new AssertionError("no mode " + mode + " in "
                + fixture.modes().stream().map(ImportedTemplate::mode).toList()));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # old-style definition (groups and <Colour>, no presets): RGB par without a dimmer
            Varytec/Varytec-LED-PAR56.qxf | 6 DMX channels | color_changer | red:0 green:1 blue:2 macro:3 strobe:4 mode:5 \
            | rgb=rgb(red,green,blue) macro=enum(macro) strobe=u8(strobe) mode=enum(mode)
            # par: master dimmer and RGB
            Cameo/Cameo-LED-Mini-PAR-CAN-RGB-7x3W.qxf | 6-Channel | color_changer | dim:0 red:1 green:2 blue:3 macro:4 strobe:5 \
            | dim=u8(dim) rgb=rgb(red,green,blue) macro=enum(macro) strobe=u8(strobe)
            # RGBW wash
            Cameo/Cameo-LED-Mini-PAR-CAN-RGBW-7x8W.qxf | 7-Channel | color_changer | dim:0 strobe:1 red:2 green:3 blue:4 white:5 macro:6 \
            | dim=u8(dim) strobe=u8(strobe) rgb=rgb(red,green,blue) white=u8(white) macro=enum(macro)
            # RGBWA + UV par
            Cameo/Cameo-Studio-PAR-64-RGBWA-UV-12W.qxf | 9 channel | color_changer | dim:0 strobe:1 red:2 green:3 blue:4 white:5 amber:6 uv:7 color_macro:8 \
            | dim=u8(dim) strobe=u8(strobe) rgb=rgb(red,green,blue) white=u8(white) amber=u8(amber) uv=u8(uv) color_macro=enum(color_macro)
            # moving-head spot, 16-bit pan and tilt, two gobo wheels
            Cameo/Cameo-Auro-Spot-300.qxf | 15 Channel | moving_head | pan_msb:0 pan_lsb:1 tilt_msb:2 tilt_lsb:3 dim:4 shutter:5 color_wheel:6 gobo:7 gobo_wheel_1_rotation:8 gobo_wheel_1_shake:9 gobo_wheel_2:10 gobo_wheel_2_shake:11 prism:12 focus:13 reset:14 \
            | pan=u16(pan_msb,pan_lsb) tilt=u16(tilt_msb,tilt_lsb) dim=u8(dim) shutter=u8(shutter) color_wheel=enum(color_wheel) gobo=enum(gobo) gobo_wheel_1_rotation=u8(gobo_wheel_1_rotation) gobo_wheel_1_shake=enum(gobo_wheel_1_shake) gobo_wheel_2=enum(gobo_wheel_2) gobo_wheel_2_shake=enum(gobo_wheel_2_shake) prism=enum(prism) focus=u8(focus) reset=enum(reset)
            # moving head with CMY mixing and a 16-bit dimmer
            Chauvet/Chauvet-Legend-330SR-Spot.qxf | 27 channel | moving_head | pan_msb:0 pan_lsb:1 tilt_msb:2 tilt_lsb:3 speed:4 dim:5 dim_fine:6 shutter:7 color_wheel:8 cyan:9 magenta:10 yellow:11 cmy_speed:12 gobo:13 gobo_wheel_1_rotate:14 gobo_wheel_2:15 focus:16 zoom:17 prism:18 prism_rotation:19 iris:20 frost:21 macro:22 pan_tilt_macro_speed:23 preset_color:24 color_macro:25 reset:26 \
            | pan=u16(pan_msb,pan_lsb) tilt=u16(tilt_msb,tilt_lsb) speed=u8(speed) dim=u8(dim) shutter=u8(shutter) color_wheel=enum(color_wheel) rgb=rgb(cyan,magenta,yellow) cmy_speed=u8(cmy_speed) gobo=enum(gobo) gobo_wheel_1_rotate=u8(gobo_wheel_1_rotate) gobo_wheel_2=enum(gobo_wheel_2) focus=u8(focus) zoom=u8(zoom) prism=enum(prism) prism_rotation=u8(prism_rotation) iris=u8(iris) frost=u8(frost) macro=enum(macro) pan_tilt_macro_speed=u8(pan_tilt_macro_speed) preset_color=enum(preset_color) color_macro=enum(color_macro) reset=enum(reset)
            # scanner, 8-bit mode
            Contest/Contest-PSC-930.qxf | Movement 8 bits | moving_head | color_wheel:0 gobo:1 gobo_rotation:2 shutter:3 pan:4 tilt:5 speed:6 macro:7 prism_rotation_speed:8 reset:9 \
            | color_wheel=enum(color_wheel) gobo=enum(gobo) gobo_rotation=u8(gobo_rotation) shutter=u8(shutter) pan=u8(pan) tilt=u8(tilt) speed=u8(speed) macro=enum(macro) prism_rotation_speed=u8(prism_rotation_speed) reset=enum(reset)
            # the same scanner, 16-bit mode: the fine bytes come last and still pair with pan and tilt
            Contest/Contest-PSC-930.qxf | Movement 16 bits | moving_head | color_wheel:0 gobo:1 gobo_rotation:2 shutter:3 pan_msb:4 tilt_msb:5 speed:6 macro:7 prism_rotation_speed:8 reset:9 pan_lsb:10 tilt_lsb:11 \
            | color_wheel=enum(color_wheel) gobo=enum(gobo) gobo_rotation=u8(gobo_rotation) shutter=u8(shutter) pan=u16(pan_msb,pan_lsb) tilt=u16(tilt_msb,tilt_lsb) speed=u8(speed) macro=enum(macro) prism_rotation_speed=u8(prism_rotation_speed) reset=enum(reset)
            # LED bar with three RGB heads
            Stairville/Stairville-LED-BAR-RGB-252.qxf | Mode 1 | led_bar_pixels | macro:0 shutter_speed:1 red_1:2 green_1:3 blue_1:4 red_2:5 green_2:6 blue_2:7 red_3:8 green_3:9 blue_3:10 \
            | macro=enum(macro) shutter_speed=u8(shutter_speed) rgb_1=rgb(red_1,green_1,blue_1) rgb_2=rgb(red_2,green_2,blue_2) rgb_3=rgb(red_3,green_3,blue_3)
            # moving bar: four heads with their own pan, tilt and dimmer, and a master dimmer
            American_DJ/American-DJ-Event-Bar-Pro.qxf | 22 Channel | moving_head | pan_msb_1:0 pan_lsb_1:1 tilt_msb_1:2 tilt_lsb_1:3 dim_1:4 pan_msb_2:5 pan_lsb_2:6 tilt_msb_2:7 tilt_lsb_2:8 dim_2:9 pan_msb_3:10 pan_lsb_3:11 tilt_msb_3:12 tilt_lsb_3:13 dim_3:14 pan_msb_4:15 pan_lsb_4:16 tilt_msb_4:17 tilt_lsb_4:18 dim_4:19 dim:20 strobe:21 \
            | pan_1=u16(pan_msb_1,pan_lsb_1) tilt_1=u16(tilt_msb_1,tilt_lsb_1) dim_1=u8(dim_1) pan_2=u16(pan_msb_2,pan_lsb_2) tilt_2=u16(tilt_msb_2,tilt_lsb_2) dim_2=u8(dim_2) pan_3=u16(pan_msb_3,pan_lsb_3) tilt_3=u16(tilt_msb_3,tilt_lsb_3) dim_3=u8(dim_3) pan_4=u16(pan_msb_4,pan_lsb_4) tilt_4=u16(tilt_msb_4,tilt_lsb_4) dim_4=u8(dim_4) dim=u8(dim) strobe=u8(strobe)
            # dimmer pack
            Botex/Botex-DPX-620-III.qxf | Normal | dimmer | dim:0 dim_2:1 dim_3:2 dim_4:3 dim_5:4 dim_6:5 \
            | dim=u8(dim) dim_2=u8(dim_2) dim_3=u8(dim_3) dim_4=u8(dim_4) dim_5=u8(dim_5) dim_6=u8(dim_6)
            # strobe
            Cameo/Cameo-Strobe-6x10W.qxf | 2-Channel Mode | strobe | strobe:0 dim:1 \
            | strobe=u8(strobe) dim=u8(dim)
            # fogger
            Stairville/Stairville-M-Fog-1000-DMX.qxf | Standard | smoke | dim:0 delay:1 duration:2 \
            | dim=u8(dim) delay=u8(delay) duration=u8(duration)
            """)
    void goldenChannelMaps(String file, String mode, String type, String channelMap, String controls)
            throws Exception {
        ImportedTemplate t = mode(file, mode);
        assertThat(channels(t)).isEqualTo(channelMap.strip());
        assertThat(metas(t)).isEqualTo(controls.strip());
        assertThat(t.template().path("type").asText()).isEqualTo(type);
        assertThat(t.fileName()).startsWith("fixture." + type + ".").endsWith(".json");
        assertThat(t.footprint()).isEqualTo(t.template().path("channels").size());
        FixtureTemplate parsed = Templates.parsed(t);
        assertThat(parsed.channels()).hasSize(t.footprint());
    }

    @Test
    void aParWithRgbAndDimmerGetsTheParEffects() throws Exception {
        ImportedTemplate par = mode("Cameo/Cameo-LED-Mini-PAR-CAN-RGB-7x3W.qxf", "6-Channel");
        assertThat(effects(par, RenderVersion.V2)).containsExactly("blackout", "color_fade", "fade_in", "fade_out",
                "flash", "full", "set_channels", "strobe");
        assertThat(effects(par, RenderVersion.V1)).containsExactly("fade_in", "flash", "full", "set_channels",
                "strobe");
        JsonNode dim = par.template().path("meta_channels").path("dim");
        // with colour mixing the colour is the level: the dimmer is armed full, as in the bundled par templates
        assertThat(dim.path("arm").asInt()).isEqualTo(255);
        assertThat(par.template().path("mappings").path("color").path("red").asText()).isEqualTo("FF0000");
        assertThat(par.unmapped()).isEmpty();
        assertThat(par.template().path("source").path("library_id").asText())
                .isEqualTo("qlc:Cameo/LED Mini PAR CAN RGB 7x3W");
    }

    @Test
    void aHeadWith16BitPanAndTiltGetsTheMoves() throws Exception {
        ImportedTemplate head = mode("Cameo/Cameo-Auro-Spot-300.qxf", "15 Channel");
        assertThat(effects(head, RenderVersion.V2)).contains("move_to", "move_to_poi", "seek", "sweep", "orbit",
                "circle", "blackout", "full", "flash", "strobe").doesNotContain("color_fade");
        // the seed's moving-head set (data-contracts §3)
        assertThat(effects(head, RenderVersion.V1)).containsExactly("flash", "full", "move_to", "move_to_poi", "seek",
                "set_channels", "strobe", "sweep");
        JsonNode metas = head.template().path("meta_channels");
        assertThat(metas.path("pan").path("label").asText()).isEqualTo("Pan");
        assertThat(metas.path("tilt").path("label").asText()).isEqualTo("Tilt");
        assertThat(Templates.parsed(head).metaChannels().get("pan").isPanTiltAxis()).isTrue();
        // QLC+ gives 540° pan and 230° tilt: the travel times at the movement effects' default speed
        assertThat(head.template().path("physical_movement").toString()).isEqualTo(
                "{\"pan_degrees\":540.0,\"pan_full_travel_seconds\":2.0,\"tilt_degrees\":230.0,"
                        + "\"tilt_full_travel_seconds\":0.77}");
        // 255 on "Strobe functions" is a shutter-open range, so effects may open it: it is the shutter
        assertThat(head.template().path("mappings").path("shutter").toString()).isEqualTo("{\"0\":\"Strobe open\","
                + "\"6\":\"Strobe closed\",\"11\":\"Pulse Random, slow -> fast\",\"34\":\"Ramp up Random, slow -> "
                + "fast\",\"57\":\"Ramp down Random, slow -> fast\",\"80\":\"Random Strobe Effect, slow -> fast\","
                + "\"103\":\"Strobe Break Effekt, 5s…..1s (Short burst with break)\",\"128\":\"Strobe slow -> fast "
                + "<1Hz - 20Hz\",\"251\":\"Strobe open (251)\"}");
        assertThat(metas.path("reset").path("hidden").asBoolean()).isTrue();
        assertThat(metas.path("gobo").path("step").asBoolean()).isTrue();
    }

    @Test
    void colourWheelsBecomeEnumsWithTheirNamesAndSwatches() throws Exception {
        ImportedTemplate scanner = mode("Contest/Contest-PSC-930.qxf", "Movement 16 bits");
        JsonNode mappings = scanner.template().path("mappings");
        assertThat(mappings.path("color_wheel").toString()).isEqualTo("{\"0\":\"White\",\"14\":\"Red\",\"28\":"
                + "\"Blue\",\"42\":\"Green\",\"56\":\"Yellow\",\"70\":\"Magenta\",\"84\":\"Orange\",\"98\":\"Purple\","
                + "\"112\":\"Pink\",\"128\":\"Rainbow CW\",\"188\":\"Stop\",\"194\":\"Rainbow CCW\"}");
        assertThat(mappings.path("color_wheel_swatches").toString()).isEqualTo("{\"0\":\"FFFFFF\",\"14\":\"FF0000\","
                + "\"28\":\"0000FF\",\"42\":\"00FF00\",\"56\":\"FFFF00\",\"70\":\"FF00FF\",\"84\":\"FF5500\",\"98\":"
                + "\"AA00FF\",\"112\":\"FF557F\"}");
        // the shutter is closed at 0: armed at the first open value so the scanner is not dark at power-on
        assertThat(scanner.template().path("meta_channels").path("shutter").path("arm").asInt()).isEqualTo(96);
        assertThat(effects(scanner, RenderVersion.V2)).contains("move_to", "seek", "blackout", "full");
    }

    @Test
    void eightBitPanAndTiltAreU8AxesThatGetTheMoves() throws Exception {
        ImportedTemplate scanner = mode("Contest/Contest-PSC-930.qxf", "Movement 8 bits");
        assertThat(scanner.unmapped()).isEmpty();
        JsonNode metas = scanner.template().path("meta_channels");
        assertThat(metas.path("pan").path("kind").asText()).isEqualTo("u8");
        assertThat(metas.path("pan").path("label").asText()).isEqualTo("Pan");
        assertThat(metas.path("tilt").path("kind").asText()).isEqualTo("u8");
        assertThat(metas.path("tilt").path("label").asText()).isEqualTo("Tilt");
        // the state's pan_tilt capability, and the moves: they compute in 16 bits and send the nearest byte
        assertThat(Templates.parsed(scanner).metaChannels().get("pan").isPanTiltAxis()).isTrue();
        assertThat(effects(scanner, RenderVersion.V2)).contains("move_to", "move_to_poi", "seek", "sweep", "orbit",
                "orbit_out", "circle");
        assertThat(effects(scanner, RenderVersion.V1)).contains("move_to", "move_to_poi", "seek", "sweep");
    }

    @Test
    void cmyMixingIsASubtractiveRgbControl() throws Exception {
        ImportedTemplate head = mode("Chauvet/Chauvet-Legend-330SR-Spot.qxf", "27 channel");
        assertThat(head.unmapped()).containsExactly(
                "fine bytes kept at 0, their controls are 8-bit: 'Fine Dimmer' (channel 7)");
        // the channels keep their names; the control is an additive colour that the renderer inverts per flag
        assertThat(head.template().path("meta_channels").path("rgb").toString()).isEqualTo("{\"label\":\"Color\","
                + "\"kind\":\"rgb\",\"mapping\":\"color\",\"channels\":[\"cyan\",\"magenta\",\"yellow\"],"
                + "\"subtractive\":true}");
        assertThat(head.template().path("mappings").path("color").path("red").asText()).isEqualTo("FF0000");
        assertThat(Templates.parsed(head).metaChannels().get("rgb").subtractive()).isTrue();
        assertThat(effects(head, RenderVersion.V2)).contains("color_fade", "fade_in", "flash", "move_to");
        // a head with CMY has no additive emitters: its dimmer is not armed, it stays dark at power-on
        assertThat(head.template().path("meta_channels").path("dim").has("arm")).isFalse();
    }

    @Test
    void multiHeadModesAreOneFixtureWithNumberedControls() throws Exception {
        ImportedTemplate bar = mode("Stairville/Stairville-LED-BAR-RGB-252.qxf", "Mode 1");
        assertThat(bar.unmapped()).containsExactly("3 heads: one fixture with numbered controls per head (rgb_1, "
                + "dim_1…); colour effects need a whole-fixture 'rgb' control, so they do not apply");
        assertThat(bar.template().path("meta_channels").path("rgb_2").path("label").asText()).isEqualTo("Color 2");
        assertThat(effects(bar, RenderVersion.V2)).containsExactly("set_channels");
        ImportedTemplate movingBar = mode("American_DJ/American-DJ-Event-Bar-Pro.qxf", "22 Channel");
        // the master dimmer keeps the plain id, so the dimmer effects drive the whole bar
        assertThat(effects(movingBar, RenderVersion.V2)).contains("blackout", "flash", "full", "strobe")
                .doesNotContain("move_to");
    }

    @Test
    void aStrobeAndAFoggerGetTheirIntensityEffects() throws Exception {
        ImportedTemplate strobe = mode("Cameo/Cameo-Strobe-6x10W.qxf", "2-Channel Mode");
        assertThat(effects(strobe, RenderVersion.V2)).containsExactly("blackout", "fade_in", "fade_out", "flash",
                "full", "set_channels", "strobe");
        ImportedTemplate fogger = mode("Stairville/Stairville-M-Fog-1000-DMX.qxf", "Standard");
        assertThat(fogger.template().path("meta_channels").path("dim").path("label").asText()).isEqualTo("Volume");
    }

    @Test
    void everyModeOfAFileIsATemplateOfItsOwn() throws Exception {
        LibraryFixture fixture = FixtureFiles.read(qlc("Cameo/Cameo-LED-Mini-PAR-CAN-RGBW-7x8W.qxf"));
        assertThat(fixture.id()).isEqualTo("qlc:Cameo/LED Mini PAR CAN RGBW 7x8W");
        assertThat(fixture.type()).isEqualTo("Color Changer");
        assertThat(fixture.modes()).extracting(ImportedTemplate::mode, ImportedTemplate::footprint).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2-Channel", 2), org.assertj.core.groups.Tuple.tuple(
                        "3-Channel Mode 1", 3), org.assertj.core.groups.Tuple.tuple("3-Channel Mode 2", 3),
                org.assertj.core.groups.Tuple.tuple("4-Channel", 4), org.assertj.core.groups.Tuple.tuple(
                        "7-Channel", 7));
        assertThat(fixture.modes()).extracting(ImportedTemplate::fileName).doesNotHaveDuplicates();
        assertThat(fixture.mode("7-channel")).isPresent();
        assertThat(fixture.mode(" 7-CHANNEL ")).isPresent();
    }
}
