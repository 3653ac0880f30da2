package io.beatlight.show.fseq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.engine.OfflineSongRender;
import io.beatlight.engine.ShowFolders;
import io.beatlight.show.Canvas;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The .fseq file read back with {@link FseqReader}: every header field, every block, every frame against the canvas. */
class FseqExportTest {
    @TempDir
    Path dir;

    /** A 10 s song whose sheet changes the look often: a flash, a fade, a strobe and a full on two universes. */
    static void writeShow(Path root, boolean secondUniverse) throws Exception {
        TestShow.withReferenceRig(root).song("Song", 10, 120, null);
        if (secondUniverse) {
            Path fixtures = root.resolve("fixtures/fixtures.json");
            ArrayNode rows = (ArrayNode) Json.MAPPER.readTree(Files.readString(fixtures));
            rows.forEach(row -> {
                if (row.get("id").asText().equals("parcan_pr")) {
                    ((ObjectNode) row).put("universe", 5).put("base_channel", 1);
                }
            });
            Files.writeString(fixtures, Json.write(rows));
        }
        ArrayNode entries = Json.array();
        entries.add(row(1.0, "parcan_l", "flash", 0.5));
        entries.add(row(2.0, "parcan_r", "fade_in", 3.0));
        entries.add(row(5.5, "parcan_l", "strobe", 2.0).set("data", Json.object().put("rate", 7)));
        entries.add(row(7.0, "parcan_pr", "full", 2.5));
        ObjectNode sheet = Json.object().put("song_filename", "Song");
        sheet.set("entries", entries);
        Files.createDirectories(root.resolve("cues"));
        Files.writeString(root.resolve("cues/Song.cue.json"), Json.write(sheet));
    }

    private static ObjectNode row(double time, String fixture, String effect, double duration) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", fixture).put("effect", effect)
                .put("duration", duration);
        row.putObject("data");
        return row;
    }

    /**
     * Checks every header field of {@code file} and that frame n holds the canvas's frame for song time n × step,
     * universe by universe at the documented channels.
     */
    static FseqReader checkAgainstCanvas(byte[] file, Canvas canvas, double songLength, int stepMs,
                                         FseqCompression compression, String mediaFile) throws Exception {
        FseqReader fseq = FseqReader.read(file);
        UniverseLayout layout = canvas.layout();
        assertThat(fseq.magic).isEqualTo("PSEQ");
        assertThat(fseq.majorVersion).isEqualTo(2);
        assertThat(fseq.minorVersion).isZero();
        assertThat(fseq.channelCount).isEqualTo(layout.count() * 512L);
        long expectedFrames = Math.max(1, (long) Math.ceil(Math.round(songLength * 1000) / (double) stepMs));
        assertThat(fseq.frameCount).isEqualTo(expectedFrames);
        assertThat(fseq.stepMs).isEqualTo(stepMs);
        assertThat(fseq.flags).isZero();
        assertThat(fseq.flags2).isZero();
        assertThat(fseq.compressionType).isEqualTo(compression == FseqCompression.NONE ? 0 : 1);
        assertThat(fseq.sparseRangeCount).isZero();
        assertThat(fseq.headerLength).isEqualTo(32 + 8 * fseq.blockCount);
        assertThat(fseq.dataOffset % 4).isZero();
        assertThat(fseq.dataOffset).isGreaterThanOrEqualTo(fseq.headerLength);
        assertThat(fseq.uniqueId).isNotZero();
        assertThat(fseq.variableHeaders).containsEntry("mf", mediaFile);
        assertThat(fseq.variableHeaders.get("sp")).startsWith("Beatlight");
        if (compression == FseqCompression.NONE) {
            assertThat(fseq.blockCount).isZero();
            assertThat(file.length).isEqualTo(fseq.dataOffset + fseq.channelCount * fseq.frameCount);
        } else {
            assertThat(fseq.blockCount).isBetween(1, 255);
            assertThat(fseq.blocks.get(0).firstFrame()).isZero();
            for (int b = 1; b < fseq.blocks.size(); b++) {
                assertThat(fseq.blocks.get(b).firstFrame()).isGreaterThan(fseq.blocks.get(b - 1).firstFrame());
                assertThat(fseq.blocks.get(b).length()).isPositive();
            }
            if (fseq.frameCount > 10) {
                assertThat(fseq.blocks.get(1).firstFrame()).isEqualTo(10); // a small first block to start fast
            }
        }
        byte[] universe = new byte[512];
        for (int n = 0; n < fseq.frameCount; n++) {
            double songTime = n * stepMs / 1000.0;
            DmxFrame expected = canvas.frameAt(songTime);
            byte[] actual = fseq.frame(n);
            for (int k = 0; k < layout.count(); k++) {
                expected.copyUniverse(k, universe, 0);
                for (int c = 0; c < 512; c++) {
                    if (actual[k * 512 + c] != universe[c]) {
                        throw new AssertionError("frame " + n + " (" + songTime + " s), universe "
                                + layout.universeAt(k) + " channel " + (c + 1) + ": " + (actual[k * 512 + c] & 0xFF)
                                + " in the file, " + (universe[c] & 0xFF) + " on the canvas");
                    }
                }
            }
        }
        return fseq;
    }

    @ParameterizedTest(name = "step {0} ms, {1}")
    @CsvSource({"20, NONE", "20, ZSTD", "25, NONE", "25, ZSTD", "16, NONE", "16, ZSTD", "17, NONE", "17, ZSTD"})
    void everyFrameIsTheCanvasFrameForItsTime(int stepMs, FseqCompression compression) throws Exception {
        writeShow(dir, false);
        OfflineSongRender.Rendered song = OfflineSongRender.render(ShowFolders.of(dir), "Song");
        assertThat(song.problems()).isEmpty();
        assertThat(song.cues()).isEqualTo(4);
        Path target = dir.resolve("exports/Song.fseq");
        FseqExport.Result result = FseqExport.write(target, new FseqExport.Request(song.canvas(), 10.0, "Song.wav",
                stepMs, compression, 1234567890123L), FileSync.FORCE);
        byte[] file = Files.readAllBytes(target);
        FseqReader fseq = checkAgainstCanvas(file, song.canvas(), 10.0, stepMs, compression, "Song.wav");
        assertThat(fseq.uniqueId).isEqualTo(1234567890123L);
        assertThat(result.bytes()).isEqualTo(file.length);
        assertThat(result.blocks()).isEqualTo(fseq.blockCount);
        assertThat(result.replaced()).isFalse();

        // the looks are really there: the flash at 1 s, full white, on parcan_l (channels 17-19)
        int flash = 1000 / stepMs + (1000 % stepMs == 0 ? 0 : 1);
        assertThat(fseq.channel(flash, 17)).isEqualTo(song.canvas().frameAt(flash * stepMs / 1000.0).get(0, 17))
                .isGreaterThan(200);
        assertThat(fseq.channel(0, 17)).isZero();

        FseqTiming timing = result.timing();
        assertThat(timing.coveredSeconds()).isEqualTo(fseq.frameCount * stepMs / 1000.0);
        assertThat(timing.endDriftMs()).isEqualTo(fseq.frameCount * stepMs - 10_000.0).isBetween(0.0, stepMs - 0.0);
        assertThat(timing.maxOffsetMs()).isLessThanOrEqualTo(1000 / 60.0 / 2 + 1e-9);
        if (stepMs == 16) {
            assertThat(timing.canvasFramesRepeated()).as("62.5 FPS shows some 60 FPS frames twice").isPositive();
            assertThat(timing.endDriftMs()).isZero();
        } else {
            assertThat(timing.canvasFramesRepeated()).isZero();
            assertThat(timing.canvasFramesSkipped()).isPositive();
        }
        if (stepMs == 17) {
            assertThat(timing.endDriftMs()).isEqualTo(13.0); // 589 frames × 17 ms = 10.013 s
        }
        assertThat(result.summary()).contains("Step " + stepMs + " ms").contains("universe 0 at 1-512");
    }

    @Test
    void nonContiguousUniversesArePackedInOrderAndTheBackupKept() throws Exception {
        writeShow(dir, true);
        OfflineSongRender.Rendered song = OfflineSongRender.render(ShowFolders.of(dir), "Song");
        assertThat(song.canvas().layout().universes()).containsExactly(0, 5);
        Path target = dir.resolve("out/Song.fseq");
        FseqExport.Request request = new FseqExport.Request(song.canvas(), 10.0, "Song.wav", 25,
                FseqCompression.ZSTD, 7L);
        FseqExport.write(target, request, FileSync.FORCE);
        byte[] first = Files.readAllBytes(target);
        FseqReader fseq = checkAgainstCanvas(first, song.canvas(), 10.0, 25, FseqCompression.ZSTD, "Song.wav");
        assertThat(fseq.channelCount).isEqualTo(1024);
        // parcan_pr (universe 5, address 1) is full from 7 s: its channels are 513 onwards
        int at8s = 8000 / 25;
        assertThat(song.canvas().frameAt(8.0).get(5, 1)).isPositive();
        assertThat(fseq.channel(at8s, 513)).isEqualTo(song.canvas().frameAt(8.0).get(5, 1));
        FseqChannelMap map = new FseqChannelMap(song.canvas().layout());
        assertThat(map.spans()).containsExactly(new FseqChannelMap.Span(0, 1, 512),
                new FseqChannelMap.Span(5, 513, 1024));

        FseqExport.Result again = FseqExport.write(target, new FseqExport.Request(song.canvas(), 10.0, "Song.wav", 20,
                FseqCompression.NONE, 8L), FileSync.FORCE);
        assertThat(again.replaced()).isTrue();
        assertThat(Files.readAllBytes(target.resolveSibling("Song.fseq.bak"))).isEqualTo(first);
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("Song.fseq", "Song.fseq.bak");
        }
    }

    @Test
    void blocksStayWithinTheHeaderAndSmallFirst() {
        List<Integer> sixMinutes = FseqBlocks.starts(18_000, 4 * 512);
        assertThat(sixMinutes).hasSizeLessThanOrEqualTo(255).startsWith(0, 10);
        assertThat(sixMinutes).isSorted().doesNotHaveDuplicates();
        assertThat(FseqBlocks.starts(5, 512)).containsExactly(0);
        List<Integer> small = FseqBlocks.starts(1000, 512); // 64 KiB blocks: 128 frames of one universe
        assertThat(small.get(2) - small.get(1)).isEqualTo(128);
        assertThat(FseqBlocks.starts(10_000_000, 512)).hasSize(255);
    }

    @Test
    void aSongOfNoLengthIsOneFrameAndStepsAreBounded() throws Exception {
        writeShow(dir, false);
        Canvas canvas = OfflineSongRender.render(ShowFolders.of(dir), "Song").canvas();
        assertThat(FseqTiming.of(canvas, 0, 20).frameCount()).isEqualTo(1);
        assertThat(FseqTiming.of(canvas, 4.15, 25).frameCount()).isEqualTo(166);
        assertThatThrownBy(() -> FseqTiming.of(canvas, 10, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FseqTiming.of(canvas, 10, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FseqCompression.named(" ZSTD ")).contains(FseqCompression.ZSTD);
        assertThat(FseqCompression.named("zlib")).isEmpty();
    }
}
