package io.beatlight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.engine.ShowFolders;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaKind;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.CueRow;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled demo show and the first-run bootstrap. */
class DemoShowTest {
    @TempDir
    Path dir;

    @Test
    void bootstrapCreatesEveryFileAndASecondRunChangesNothing() throws Exception {
        Path show = dir.resolve("show");
        List<Path> created = DemoShow.bootstrapIfEmpty(show);
        assertThat(created).isNotEmpty();
        for (String name : DemoShow.index()) {
            assertThat(show.resolve(name)).isRegularFile();
        }
        ShowFolders folders = ShowFolders.of(show);
        assertThat(folders.songs().resolve(DemoSong.ID + ".wav")).isRegularFile();
        Map<Path, FileTime> before = snapshot(show);
        assertThat(DemoShow.bootstrapIfEmpty(show)).isEmpty();
        assertThat(DemoShow.install(show)).isEmpty();
        assertThat(snapshot(show)).isEqualTo(before);
    }

    @Test
    void anExistingUserFileIsNeverOverwritten() throws Exception {
        Path show = dir.resolve("show");
        Files.createDirectories(show.resolve("fixtures"));
        Files.writeString(show.resolve("fixtures/fixtures.json"), "[]");
        DemoShow.install(show);
        assertThat(Files.readString(show.resolve("fixtures/fixtures.json"))).isEqualTo("[]");
        assertThat(show.resolve("fixtures/pois.json")).isRegularFile();
    }

    @Test
    void aNonEmptyFolderIsLeftAlone() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertThat(DemoShow.bootstrapIfEmpty(dir)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void theIndexListsEveryBundledFile() throws Exception {
        Path bundled = Path.of("src/main/resources/demo-show");
        try (Stream<Path> files = Files.walk(bundled)) {
            Set<String> present = files.filter(Files::isRegularFile)
                    .map(p -> bundled.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("index.txt")).collect(Collectors.toSet());
            assertThat(new HashSet<>(DemoShow.index())).isEqualTo(present);
        }
    }

    @Test
    void theDemoRigLoadsCleanlyWithParsAndSixteenBitHeads() throws Exception {
        Path show = dir.resolve("show");
        DemoShow.install(show);
        RigLoader.Result result = RigLoader.load(ShowFolders.of(show).fixtures());
        assertThat(result.problems()).isEmpty();
        List<Fixture> fixtures = result.rig().fixtures();
        long pars = fixtures.stream().filter(f -> !f.isMovingHead()
                && f.template().metaChannels().values().stream().anyMatch(m -> m.kind() == MetaKind.RGB)).count();
        List<Fixture> heads = fixtures.stream().filter(Fixture::isMovingHead).toList();
        assertThat(pars).isGreaterThanOrEqualTo(4);
        assertThat(heads).hasSizeGreaterThanOrEqualTo(2);
        for (Fixture head : heads) {
            assertThat(head.template().metaChannels().get("pan").kind()).isEqualTo(MetaKind.U16);
            assertThat(head.template().metaChannels().get("tilt").kind()).isEqualTo(MetaKind.U16);
            assertThat(head.template().physicalMovement()).isNotNull();
        }
        Set<String> ids = fixtures.stream().map(Fixture::id).collect(Collectors.toSet());
        JsonNode pois = JsonFiles.read(ShowFolders.of(show).fixtures().resolve("pois.json"));
        Set<String> poiIds = new HashSet<>();
        for (JsonNode poi : pois) {
            poiIds.add(poi.get("id").asText());
            poi.get("fixtures").fieldNames().forEachRemaining(f -> assertThat(ids).contains(f));
        }
        assertThat(poiIds.stream().filter(p -> p.startsWith("ref_")).count()).isGreaterThanOrEqualTo(4);

        Set<String> chasers = new HashSet<>();
        try (Stream<Path> files = Files.list(ShowFolders.of(show).chasers())) {
            for (Path file : files.toList()) {
                JsonNode chaser = JsonFiles.read(file);
                chasers.add(chaser.get("id").asText());
                chaser.get("effects").forEach(row -> assertThat(ids).contains(row.get("fixture_id").asText()));
            }
        }
        JsonNode cues = JsonFiles.read(ShowFolders.of(show).cues().resolve(DemoSong.ID + ".json"));
        assertThat(cues.isArray()).isTrue();
        Set<String> parEffects = Set.of("set_channels", "flash", "strobe", "fade_in", "full", "blackout", "fade_out",
                "color_fade");
        Set<String> headEffects = Set.of("set_channels", "move_to", "move_to_poi", "seek", "strobe", "full", "flash",
                "sweep", "fade_in", "fade_out", "blackout", "orbit", "circle");
        for (JsonNode row : cues) {
            assertThat(row.get("time").asDouble()).isBetween(0.0, DemoSong.lengthSeconds());
            if (row.has("chaser_id")) {
                assertThat(chasers).contains(row.get("chaser_id").asText());
                continue;
            }
            Fixture fixture = result.rig().fixture(row.get("fixture_id").asText()).orElseThrow();
            assertThat(fixture.isMovingHead() ? headEffects : parEffects).contains(row.get("effect").asText());
            for (String key : List.of("target_POI", "subject_POI", "start_POI", "end_POI")) {
                if (row.path("data").has(key)) {
                    assertThat(poiIds).contains(row.get("data").get(key).asText());
                }
            }
        }
    }

    @Test
    void theSongMatchesItsMetadataAndHasABeatWhereTheMetadataSays() throws Exception {
        Path show = dir.resolve("show");
        DemoShow.install(show);
        ShowFolders folders = ShowFolders.of(show);
        Path wav = folders.songs().resolve(DemoSong.ID + ".wav");
        AudioInputStream audio = AudioSystem.getAudioInputStream(wav.toFile());
        AudioFormat format = audio.getFormat();
        double seconds = audio.getFrameLength() / format.getFrameRate();
        assertThat(seconds).isGreaterThanOrEqualTo(60).isCloseTo(DemoSong.lengthSeconds(),
                Offset.offset(0.01));
        byte[] bytes = audio.readAllBytes();
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);

        SongMetadata meta = MetadataLoader.load(folders.meta(), DemoSong.ID, wav);
        assertThat(meta.problems()).isEmpty();
        assertThat(meta.bpm()).isEqualTo(120.0);
        assertThat(meta.lengthSeconds()).isEqualTo(DemoSong.lengthSeconds());
        assertThat(meta.sections()).extracting(s -> s.name()).contains("intro", "verse", "chorus_1", "breakdown");
        assertThat(meta.downbeats()).hasSize(DemoSong.totalBars());
        for (int i = 1; i < meta.beats().size(); i++) {
            assertThat(meta.beats().get(i) - meta.beats().get(i - 1)).isCloseTo(0.5,
                    Offset.offset(1e-9));
        }
        // onsets: where the kick plays, the 20 ms after a beat are much louder than the 20 ms before it
        int rate = (int) format.getSampleRate();
        int louder = 0;
        int checked = 0;
        for (double beat : meta.beats()) {
            if (beat < 0.1 || (beat >= 40 && beat < 48)) {
                continue; // the breakdown has no kick
            }
            int at = (int) Math.round(beat * rate);
            double after = rms(pcm, at, at + rate / 50);
            double before = rms(pcm, at - rate / 50, at);
            checked++;
            if (after > 2 * before) {
                louder++;
            }
        }
        assertThat(louder).isGreaterThanOrEqualTo((int) (checked * 0.95));
    }

    @Test
    void synthesisIsDeterministicAndDoesNotClip() {
        short[] a = DemoSong.render();
        short[] b = DemoSong.render();
        assertThat(a).isEqualTo(b);
        int peak = 0;
        for (short s : a) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).isLessThan(Short.MAX_VALUE).isGreaterThan(Short.MAX_VALUE / 2);
        assertThat(DemoSong.wav(a).length).isLessThan(6_000_000);
        assertThat(new ByteArrayInputStream(DemoSong.wav(a)).available()).isPositive();
    }

    private static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = Math.max(0, from); i < Math.min(pcm.length, to); i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    private static Map<Path, FileTime> snapshot(Path root) throws Exception {
        Map<Path, FileTime> times = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                times.put(p, Files.getLastModifiedTime(p));
            }
        }
        return times;
    }

    @Test
    void aCircleOnTheDemoRigMovesTheHeadAroundThePoi() throws Exception {
        Path show = dir.resolve("show");
        DemoShow.install(show);
        var rig = RigLoader.load(ShowFolders.of(show).fixtures()).rig();
        var pois = new ArrayList<JsonNode>(PoiBook.load(ShowFolders.of(show).fixtures()
                .resolve("pois.json")).book().valid());
        var row = new CueRow(0, "head_l", "circle", 4,
                Json.MAPPER.readTree("{\"target_poi\": \"singer\", \"radius\": 0.2}"), 0);
        var canvas = new Renderer(new EffectRegistry()).render(new RenderInput(rig, pois,
                List.of(row), 5, 60, RenderVersion.V2));
        Set<Integer> pans = new HashSet<>();
        for (int f = 60; f <= 240; f += 10) {
            pans.add(canvas.frame(f).get(0, 1) << 8 | canvas.frame(f).get(0, 2));
        }
        assertThat(pans.size()).isGreaterThan(5);
    }
}
