package io.beatlight.rig.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.rig.RigLoader;
import io.beatlight.rig.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index over real folders: what it finds, skips and ranks, and the templates it hands out. */
class FixtureLibraryTest {
    @TempDir
    Path dir;
    Path extra;
    Path show;

    @BeforeEach
    void folders() throws Exception {
        extra = Files.createDirectories(dir.resolve("extra"));
        Path qlc = Files.createDirectories(extra.resolve("qlc/Cameo"));
        for (String name : List.of("Cameo-Auro-Spot-300.qxf", "Cameo-LED-Mini-PAR-CAN-RGBW-7x8W.qxf",
                "Cameo-Strobe-6x10W.qxf")) {
            Files.copy(Templates.qlc("Cameo/" + name), qlc.resolve(name));
        }
        Path ofl = Files.createDirectories(extra.resolve("ofl/acme"));
        Files.copy(Templates.OFL.resolve("manufacturers.json"), extra.resolve("ofl/manufacturers.json"));
        for (String name : List.of("party-par-rgbw.json", "spot-250.json", "flash-1000.json", "pixel-bar-4.json")) {
            Files.copy(Templates.OFL.resolve("acme").resolve(name), ofl.resolve(name));
        }
        Files.writeString(extra.resolve("broken.qxf"), "<FixtureDefinition><Manufacturer>");
        Files.writeString(extra.resolve("notes.json"), "{\"todo\": \"buy more pars\"}");
        Files.writeString(extra.resolve("readme.txt"), "not a definition");
        show = Files.createDirectories(dir.resolve("show/fixtures"));
    }

    @Test
    void indexesQlcAndOflFilesAndCountsWhatItSkips() {
        FixtureLibrary library = FixtureLibrary.index(List.of(extra, dir.resolve("missing")));
        assertThat(library.size()).isEqualTo(7);
        assertThat(library.skipped()).isEqualTo(Map.of("unreadable file", 1, "not a fixture definition", 1,
                "folder not found", 1));
        assertThat(library.search("", 100)).extracting(LibraryEntry::id).containsExactly(
                "ofl:acme/flash-1000", "ofl:acme/party-par-rgbw", "ofl:acme/pixel-bar-4", "ofl:acme/spot-250",
                "qlc:Cameo/Auro Spot 300", "qlc:Cameo/LED Mini PAR CAN RGBW 7x8W", "qlc:Cameo/Strobe 6x10W");
        LibraryEntry spot = library.entry("qlc:Cameo/Auro Spot 300").orElseThrow();
        assertThat(spot.manufacturer()).isEqualTo("Cameo");
        assertThat(spot.type()).isEqualTo("Moving Head");
        assertThat(spot.modes()).containsExactly(new ModeSummary("5 Channel", 5), new ModeSummary("15 Channel", 15),
                new ModeSummary("24 Channel", 24));
    }

    @Test
    void searchMatchesWordStartsInAnyFieldAndRanksTheModelFirst() {
        FixtureLibrary library = FixtureLibrary.index(List.of(extra));
        assertThat(ids(library.search("spot", 10))).containsExactly("ofl:acme/spot-250", "qlc:Cameo/Auro Spot 300");
        assertThat(ids(library.search("CAMEO rgbw", 10))).containsExactly("qlc:Cameo/LED Mini PAR CAN RGBW 7x8W");
        // a type word matches too, after the model matches
        assertThat(ids(library.search("strobe", 10))).containsExactly("qlc:Cameo/Strobe 6x10W", "ofl:acme/flash-1000");
        assertThat(ids(library.search("moving head", 10))).containsExactlyInAnyOrder("qlc:Cameo/Auro Spot 300",
                "ofl:acme/spot-250");
        assertThat(ids(library.search("acme pix", 10))).containsExactly("ofl:acme/pixel-bar-4");
        // a word must match: nothing matches both
        assertThat(library.search("acme cameo", 10)).isEmpty();
        assertThat(library.search("par", 1)).hasSize(1);
        assertThat(library.search("par", 0)).isEmpty();
        assertThat(library.search(null, 3)).hasSize(3);
    }

    @Test
    void getGivesATemplatePerModeThatTheRigLoads() throws Exception {
        FixtureLibrary library = FixtureLibrary.index(List.of(extra));
        LibraryFixture par = library.get("qlc:Cameo/LED Mini PAR CAN RGBW 7x8W").orElseThrow();
        assertThat(par.modes()).hasSize(5);
        ImportedTemplate sevenChannels = par.mode("7-Channel").orElseThrow();
        Path written = sevenChannels.writeTo(show);
        assertThat(written.getFileName().toString()).isEqualTo(sevenChannels.fileName());
        Files.writeString(show.resolve("fixtures.json"), "[{\"id\": \"par1\", \"name\": \"Par 1\", \"fixture\": \""
                + sevenChannels.templateKey() + "\", \"base_channel\": 10}]");
        RigLoader.Result loaded = RigLoader.load(show);
        assertThat(loaded.problems()).isEmpty();
        Fixture fixture = loaded.rig().fixture("par1").orElseThrow();
        assertThat(fixture.addressOf("red")).isEqualTo(12);
        assertThat(fixture.lastChannel()).isEqualTo(16);
        // a second write keeps the first as .bak
        sevenChannels.writeTo(show);
        assertThat(show.resolve(sevenChannels.fileName() + ".bak")).exists();
        assertThat(library.get("qlc:Nobody/Nothing")).isEmpty();
        assertThat(library.get(null)).isEmpty();
    }

    @Test
    void theShowsOwnLibraryWinsOverTheOtherFolders() throws Exception {
        Path own = Files.createDirectories(show.resolve("library"));
        // the show's copy of the spot, with one mode renamed
        String edited = Files.readString(extra.resolve("ofl/acme/spot-250.json"))
                .replace("Basic 9-channel", "Club 9-channel");
        Files.createDirectories(own.resolve("acme"));
        Files.writeString(own.resolve("acme/spot-250.json"), edited);
        List<Path> roots = FixtureLibrary.defaultRoots(show, extra);
        // the show's library, the --fixture-library folder, then qlcplus-data
        assertThat(roots).containsExactly(own, extra, FixtureLibrary.QLCPLUS_SYSTEM_DIR);
        FixtureLibrary library = FixtureLibrary.index(roots.subList(0, 2));
        LibraryEntry spot = library.entry("ofl:acme/spot-250").orElseThrow();
        assertThat(spot.modes()).extracting(ModeSummary::name).contains("Club 9-channel");
        assertThat(library.skipped()).containsEntry("duplicate id", 1);
        assertThat(library.get("ofl:acme/spot-250").orElseThrow().source())
                .isEqualTo(own.resolve("acme/spot-250.json"));
    }

    @Test
    void aFileThatChangedSinceIndexingIsNotHandedOut() throws Exception {
        FixtureLibrary library = FixtureLibrary.index(List.of(extra));
        Files.copy(extra.resolve("broken.qxf"), extra.resolve("qlc/Cameo/Cameo-Strobe-6x10W.qxf"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(library.get("qlc:Cameo/Strobe 6x10W")).isEmpty();
    }

    @Test
    void anEmptyLibrary() {
        assertThat(FixtureLibrary.empty().size()).isZero();
        assertThat(FixtureLibrary.empty().search("par", 10)).isEmpty();
        assertThat(FixtureLibrary.index(List.of()).size()).isZero();
    }

    private static List<String> ids(List<LibraryEntry> entries) {
        return entries.stream().map(LibraryEntry::id).toList();
    }
}
