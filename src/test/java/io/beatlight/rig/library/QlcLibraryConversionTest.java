package io.beatlight.rig.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.RenderVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every QLC+ definition Debian ships converts without an exception, at least 95 % of them to a fixture, and every
 * template made is one the rig loader accepts. The figures (time, refusals by reason) are in
 * {@code bench/run FixtureLibraryBenchmark}.
 */
class QlcLibraryConversionTest {
    @Test
    void everyQxfOfQlcplusDataConverts() throws IOException {
        assertThat(Templates.QLC).as("QLC+ fixture definitions: install Debian's qlcplus-data (.ci/run does)")
                .isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Templates.QLC)) {
            files = walk.filter(p -> p.toString().endsWith(".qxf")).sorted().toList();
        }
        assertThat(files).as("qlcplus-data ships about 1,400 definitions").hasSizeGreaterThan(1000);
        int converted = 0;
        Map<String, Integer> refused = new TreeMap<>();
        List<String> exceptions = new ArrayList<>();
        List<String> headsWithoutMoves = new ArrayList<>();
        List<String> cmyWithoutColour = new ArrayList<>();
        int eightBitHeads = 0;
        int cmyModes = 0;
        List<String> partialCmy = new ArrayList<>();
        for (Path file : files) {
            try {
                LibraryFixture fixture = FixtureFiles.read(file);
                converted++;
                // the index lists the modes without converting them: the same ones
                assertThat(FixtureFiles.entry(file)).isEqualTo(fixture.entry());
                assertThat(fixture.modes()).extracting(ImportedTemplate::fileName).as(file.toString())
                        .doesNotHaveDuplicates();
                for (ImportedTemplate mode : fixture.modes()) {
                    Templates.parsed(mode);
                    JsonNode metas = mode.template().path("meta_channels");
                    String pan = metas.path("pan").path("kind").asText();
                    String tilt = metas.path("tilt").path("kind").asText();
                    boolean axes = List.of("u8", "u16").contains(pan) && List.of("u8", "u16").contains(tilt);
                    if (axes && !Templates.effects(mode, RenderVersion.V2).contains("move_to")) {
                        headsWithoutMoves.add(file + " / " + mode.mode());
                    }
                    eightBitHeads += axes && (pan.equals("u8") || tilt.equals("u8")) ? 1 : 0;
                    // CMY mixing becomes the subtractive colour control the colour effects drive
                    if (metas.path("rgb").path("subtractive").asBoolean(false)) {
                        cmyModes++;
                        if (!Templates.effects(mode, RenderVersion.V2).contains("color_fade")) {
                            cmyWithoutColour.add(file + " / " + mode.mode());
                        }
                    }
                    mode.unmapped().stream().filter(line -> line.startsWith("CMY"))
                            .forEach(line -> partialCmy.add(file + " / " + mode.mode() + ": " + line));
                }
            } catch (FixtureImportException e) {
                refused.merge(e.reason(), 1, Integer::sum);
            } catch (RuntimeException e) {
                exceptions.add(file + ": " + e);
            }
        }
        assertThat(exceptions).as("exceptions while converting").isEmpty();
        assertThat(converted).as("converted of %d, refused %s", files.size(), refused)
                .isGreaterThanOrEqualTo((int) Math.ceil(files.size() * 0.95));
        assertThat(headsWithoutMoves).as("pan and tilt without the movement effects").isEmpty();
        assertThat(eightBitHeads).as("modes with 8-bit pan or tilt (scanners)").isGreaterThan(100);
        assertThat(cmyWithoutColour).as("CMY mixing without a colour control").isEmpty();
        assertThat(cmyModes).as("modes with CMY mixing").isGreaterThan(50);
        // a cyan, magenta or yellow LED beside red, green and blue is one more emitter, not a partial CMY set
        assertThat(partialCmy).as("CMY mixing left as sliders").isEmpty();
    }
}
