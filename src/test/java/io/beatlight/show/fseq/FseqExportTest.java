package io.beatlight.show.fseq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.engine.OfflineSongRender;
import io.beatlight.engine.ShowFolders;
import io.beatlight.show.Canvas;
import io.beatlight.util.FileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The .fseq file read back with {@link FseqReader}: every header field, every block, every frame vs the canvas. */
class FseqExportTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "step {0} ms, {1}")
    @CsvSource({"20, NONE", "20, ZSTD", "25, NONE", "25, ZSTD", "16, NONE", "16, ZSTD", "17, NONE", "17, ZSTD"})
    void everyFrameIsTheCanvasFrameForItsTime(int stepMs, FseqCompression compression) throws Exception {
        FseqChecks.writeShow(dir, false);
        OfflineSongRender.Rendered song = OfflineSongRender.render(ShowFolders.of(dir), "Song");
        assertThat(song.problems()).isEmpty();
        assertThat(song.cues()).isEqualTo(4);
        Path target = dir.resolve("exports/Song.fseq");
        FseqExport.Result result = FseqExport.write(target, new FseqExport.Request(song.canvas(), 10.0, "Song.wav",
                stepMs, compression, 1234567890123L), FileSync.FORCE);
        byte[] file = Files.readAllBytes(target);
        FseqReader fseq = FseqChecks.checkAgainstCanvas(file, song.canvas(), 10.0, stepMs, compression, "Song.wav");
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
        FseqChecks.writeShow(dir, true);
        OfflineSongRender.Rendered song = OfflineSongRender.render(ShowFolders.of(dir), "Song");
        assertThat(song.canvas().layout().universes()).containsExactly(0, 5);
        Path target = dir.resolve("out/Song.fseq");
        FseqExport.Request request = new FseqExport.Request(song.canvas(), 10.0, "Song.wav", 25,
                FseqCompression.ZSTD, 7L);
        FseqExport.write(target, request, FileSync.FORCE);
        byte[] first = Files.readAllBytes(target);
        FseqReader fseq = FseqChecks.checkAgainstCanvas(first, song.canvas(), 10.0, 25, FseqCompression.ZSTD,
                "Song.wav");
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
        FseqChecks.writeShow(dir, false);
        Canvas canvas = OfflineSongRender.render(ShowFolders.of(dir), "Song").canvas();
        assertThat(FseqTiming.of(canvas, 0, 20).frameCount()).isEqualTo(1);
        assertThat(FseqTiming.of(canvas, 4.15, 25).frameCount()).isEqualTo(166);
        assertThatThrownBy(() -> FseqTiming.of(canvas, 10, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FseqTiming.of(canvas, 10, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FseqCompression.named(" ZSTD ")).contains(FseqCompression.ZSTD);
        assertThat(FseqCompression.named("zlib")).isEmpty();
    }
}
