package io.beatlight.rig.library;

import static io.beatlight.rig.library.Templates.OFL;
import static io.beatlight.rig.library.Templates.channels;
import static io.beatlight.rig.library.Templates.effects;
import static io.beatlight.rig.library.Templates.metas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.RenderVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open Fixture Library fixtures (written in OFL's fixture.json schema, in the test resources) to templates. */
class OflImportTest {
    @TempDir
    Path dir;

    static LibraryFixture read(String name) throws Exception {
        return FixtureFiles.read(OFL.resolve("acme").resolve(name));
    }

    @Test
    void anRgbwParWithStrobeAndColourPresets() throws Exception {
        LibraryFixture par = read("party-par-rgbw.json");
        assertThat(par.id()).isEqualTo("ofl:acme/party-par-rgbw");
        // the name comes from the manufacturers.json one folder up, as in the OFL repository
        assertThat(par.manufacturer()).isEqualTo("ACME Lighting");
        assertThat(par.model()).isEqualTo("Party Par RGBW");
        assertThat(par.type()).isEqualTo("Color Changer");
        assertThat(par.modes()).extracting(ImportedTemplate::mode).containsExactly("4-channel", "7-channel");
        ImportedTemplate full = par.mode("7-channel").orElseThrow();
        assertThat(channels(full)).isEqualTo("dim:0 red:1 green:2 blue:3 white:4 strobe:5 macro:6");
        assertThat(metas(full)).isEqualTo(
                "dim=u8(dim) rgb=rgb(red,green,blue) white=u8(white) strobe=u8(strobe) macro=enum(macro)");
        JsonNode mappings = full.template().path("mappings");
        assertThat(mappings.path("strobe").toString()).isEqualTo("{\"0\":\"Open\",\"10\":\"Strobe 1Hz…20Hz\"}");
        assertThat(mappings.path("macro").toString()).isEqualTo("{\"0\":\"No function\",\"16\":\"Red\",\"32\":"
                + "\"Amber\",\"48\":\"ColorFade slow…fast\"}");
        assertThat(full.fileName()).isEqualTo("fixture.color_changer.acme_lighting_party_par_rgbw_7_channel.json");
        assertThat(effects(full, RenderVersion.V2)).containsExactly("blackout", "color_fade", "fade_in", "fade_out",
                "flash", "full", "set_channels", "strobe");
        ImportedTemplate bare = par.mode("4-channel").orElseThrow();
        assertThat(metas(bare)).isEqualTo("rgb=rgb(red,green,blue) white=u8(white)");
        assertThat(effects(bare, RenderVersion.V2)).contains("color_fade", "fade_in", "flash", "full");
    }

    @Test
    void aMovingHeadWithFineAliasesWheelsAndDefaults() throws Exception {
        LibraryFixture spot = read("spot-250.json");
        ImportedTemplate standard = spot.mode("Standard 14-channel").orElseThrow();
        assertThat(channels(standard)).isEqualTo("pan_msb:0 pan_lsb:1 tilt_msb:2 tilt_lsb:3 speed:4 dim:5 shutter:6 "
                + "color_wheel:7 gobo:8 prism:9 reset:10 unused:11 unused_2:12 unused_3:13");
        assertThat(metas(standard)).isEqualTo("pan=u16(pan_msb,pan_lsb) tilt=u16(tilt_msb,tilt_lsb) speed=u8(speed) "
                + "dim=u8(dim) shutter=u8(shutter) color_wheel=enum(color_wheel) gobo=enum(gobo) prism=enum(prism) "
                + "reset=enum(reset)");
        assertThat(standard.footprint()).isEqualTo(14);
        JsonNode metas = standard.template().path("meta_channels");
        // "50%" of 16 bits (ties to even) and 32768 given as a 16-bit DMX value
        assertThat(metas.path("pan").path("arm").asInt()).isEqualTo(32768);
        assertThat(metas.path("tilt").path("arm").asInt()).isEqualTo(32768);
        // closed at 0, so armed at the first open range
        assertThat(metas.path("shutter").path("arm").asInt()).isEqualTo(8);
        JsonNode mappings = standard.template().path("mappings");
        assertThat(mappings.path("color_wheel").toString()).isEqualTo("{\"0\":\"Open\",\"10\":\"Red\",\"20\":"
                + "\"Deep Blue\",\"30\":\"Color 4\",\"40\":\"Red / Deep Blue\",\"50\":\"Rotation slow CW…fast CW\"}");
        assertThat(mappings.path("color_wheel_swatches").toString())
                .isEqualTo("{\"10\":\"FF0000\",\"20\":\"0000CC\",\"30\":\"00FF00\"}");
        assertThat(mappings.path("gobo").toString()).isEqualTo("{\"0\":\"Open\",\"20\":\"Dots\",\"40\":\"Star\","
                + "\"60\":\"Dots…Star shake slow…fast\",\"160\":\"Rotation slow CW…fast CW\"}");
        assertThat(mappings.path("reset").toString())
                .isEqualTo("{\"0\":\"No function\",\"200\":\"Reset all\",\"210\":\"Lamp off\"}");
        // pan 0..540°, tilt -135..135°
        assertThat(standard.template().path("physical_movement").toString()).isEqualTo("{\"pan_degrees\":540.0,"
                + "\"pan_full_travel_seconds\":2.0,\"tilt_degrees\":270.0,\"tilt_full_travel_seconds\":0.9}");
        assertThat(effects(standard, RenderVersion.V2)).contains("move_to", "seek", "sweep", "blackout", "full");

        ImportedTemplate basic = spot.mode("Basic 9-channel").orElseThrow();
        assertThat(channels(basic)).isEqualTo(
                "pan:0 tilt:1 dim:2 shutter:3 color_wheel:4 gobo:5 prism:6 speed:7 reset:8");
        // without its fine channel, a 16-bit channel's ranges and default are read as their high byte
        assertThat(basic.template().path("meta_channels").path("pan").path("arm").asInt()).isEqualTo(128);
        // 8-bit pan and tilt: u8 axes, which the movement effects drive too
        assertThat(basic.template().path("meta_channels").path("pan").path("kind").asText()).isEqualTo("u8");
        assertThat(basic.unmapped()).isEmpty();
        assertThat(effects(basic, RenderVersion.V2)).contains("move_to", "seek", "sweep", "circle");
    }

    @Test
    void aStrobe() throws Exception {
        ImportedTemplate strobe = read("flash-1000.json").modes().get(0);
        assertThat(channels(strobe)).isEqualTo("dim:0 strobe:1 flash_duration:2");
        assertThat(metas(strobe)).isEqualTo("dim=u8(dim) strobe=u8(strobe) flash_duration=u8(flash_duration)");
        assertThat(strobe.template().path("type").asText()).isEqualTo("strobe");
        assertThat(effects(strobe, RenderVersion.V2)).contains("flash", "strobe", "full", "blackout");
    }

    @Test
    void matrixPixelsBecomeHeads() throws Exception {
        LibraryFixture bar = read("pixel-bar-4.json");
        ImportedTemplate perPixel = bar.mode("14-channel").orElseThrow();
        assertThat(channels(perPixel)).isEqualTo("dim:0 strobe:1 red_1:2 green_1:3 blue_1:4 red_2:5 green_2:6 "
                + "blue_2:7 red_3:8 green_3:9 blue_3:10 red_4:11 green_4:12 blue_4:13");
        assertThat(metas(perPixel)).isEqualTo("dim=u8(dim) strobe=u8(strobe) rgb_1=rgb(red_1,green_1,blue_1) "
                + "rgb_2=rgb(red_2,green_2,blue_2) rgb_3=rgb(red_3,green_3,blue_3) rgb_4=rgb(red_4,green_4,blue_4)");
        assertThat(perPixel.template().path("meta_channels").path("rgb_3").path("label").asText())
                .isEqualTo("Color 3");
        // per channel, pixels in the order the insert block lists them: head numbers follow the DMX order
        ImportedTemplate perColour = bar.mode("13-channel by colour").orElseThrow();
        assertThat(channels(perColour)).isEqualTo("dim:0 red_1:1 red_2:2 red_3:3 red_4:4 green_1:5 green_2:6 "
                + "green_3:7 green_4:8 blue_1:9 blue_2:10 blue_3:11 blue_4:12");
        assertThat(perColour.template().path("source").path("mode").asText()).isEqualTo("13-channel by colour");
        ImportedTemplate single = bar.mode("3-channel").orElseThrow();
        assertThat(metas(single)).isEqualTo("rgb=rgb(red,green,blue)");
    }

    @Test
    void aMatrixOrderNamingAnUnknownAxisKeepsThePixelsInTheFileOrder() throws Exception {
        // found by FixtureImportFuzzTest: "eachPixelXQZ" made the pixel sort index an axis -1
        Path file = dir.resolve("odd-order.json");
        Files.writeString(file, Files.readString(OFL.resolve("acme/pixel-bar-4.json"))
                .replace("\"eachPixelXYZ\"", "\"eachPixelXQZ\""));
        ImportedTemplate perPixel = FixtureFiles.read(file).mode("14-channel").orElseThrow();
        assertThat(perPixel.footprint()).isEqualTo(14);
    }

    @Test
    void whatIsNotAFixtureIsRefusedWithItsReason() throws Exception {
        Path redirect = Files.writeString(dir.resolve("old-name.json"),
                "{\"$schema\": \"https://raw.githubusercontent.com/OpenLightingProject/open-fixture-library/master/"
                        + "schemas/fixture-redirect.json\", \"name\": \"Old\", \"redirectTo\": \"acme/spot-250\", "
                        + "\"reason\": \"FixtureRenamed\"}");
        assertThatThrownBy(() -> FixtureFiles.read(redirect)).isInstanceOf(FixtureImportException.class)
                .extracting(e -> ((FixtureImportException) e).reason()).isEqualTo("not a fixture definition");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"name\": ");
        assertThatThrownBy(() -> FixtureFiles.read(broken)).isInstanceOf(FixtureImportException.class)
                .extracting(e -> ((FixtureImportException) e).reason()).isEqualTo("unreadable file");
        Path unknownChannel = Files.writeString(dir.resolve("typo.json"), """
                {"name": "Typo", "categories": ["Dimmer"], "availableChannels": {"Dimmer": {"capability":
                 {"type": "Intensity"}}}, "modes": [{"name": "1ch", "channels": ["Dimer"]}]}""");
        assertThatThrownBy(() -> FixtureFiles.read(unknownChannel)).isInstanceOf(FixtureImportException.class)
                .hasMessageContaining("'Dimer', which the file does not define")
                .extracting(e -> ((FixtureImportException) e).reason())
                .isEqualTo("no usable mode: mode names an undefined channel");
        // without a manufacturers.json the folder name becomes the manufacturer
        Path plain = Files.createDirectories(dir.resolve("tiny-lights")).resolve("one.json");
        Files.writeString(plain, """
                {"name": "One", "categories": ["Dimmer"], "availableChannels": {"Dimmer": {"capability":
                 {"type": "Intensity"}}}, "modes": [{"name": "1ch", "channels": ["Dimmer"]}]}""");
        LibraryFixture one = FixtureFiles.read(plain);
        assertThat(one.id()).isEqualTo("ofl:tiny-lights/one");
        assertThat(one.manufacturer()).isEqualTo("Tiny Lights");
    }
}
