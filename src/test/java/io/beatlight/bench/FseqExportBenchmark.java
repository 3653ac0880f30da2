package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Canvas;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.show.fseq.FseqCompression;
import io.beatlight.show.fseq.FseqExport;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.FileSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code .fseq} export figures for a 6-minute show on 64 fixtures over 4 universes (20,000 mixed rows, as
 * {@link RenderBenchmark}'s dense sheet): export time (resample, compress, atomic write with fsync) and file size, for
 * both compressions at 20 and 25 ms. The first export of each kind is cold (JIT, zstd's native library); the median
 * of the following ones is warm. {@code bench/run FseqExportBenchmark [runs]}.
 */
public final class FseqExportBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("beatlight-fseq-bench");
        try {
            Canvas canvas = denseShow(dir);
            System.out.printf("canvas: %d universes, %d frames at 60 FPS, %.1f MB%n", canvas.layout().count(),
                    canvas.frameCount(), canvas.bytes().length / 1e6);
            for (int stepMs : new int[] {20, 25}) {
                for (FseqCompression compression : FseqCompression.values()) {
                    measure(dir, canvas, stepMs, compression, runs);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Canvas denseShow(Path dir) throws Exception {
        TestShow.withReferenceRig(dir.resolve("show"));
        Path dense = dir.resolve("dense/fixtures");
        Files.createDirectories(dense);
        for (String template : List.of("fixture.parcan.rgb_proton.json", "fixture.moving_head.mini_beam_prism.json")) {
            Files.copy(dir.resolve("show/fixtures").resolve(template), dense.resolve(template));
        }
        List<String> pars = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> pois = new ArrayList<>();
        Sheets.denseRig(dense, 4, 16, pars, heads, pois);
        Rig rig = RigLoader.load(dense).rig();
        List<JsonNode> poiRecords = new ArrayList<>(PoiBook.load(dense.resolve("pois.json")).book().valid());
        long started = System.nanoTime();
        Canvas canvas = new Renderer(new EffectRegistry()).render(new RenderInput(rig, poiRecords,
                RenderBenchmark.rows(Sheets.mixed(20000, 360, pars, heads, pois, 43)), 360, 60, RenderVersion.V1));
        System.out.printf("rendered %d fixtures, 20000 rows, 360 s in %.0f ms%n", rig.fixtures().size(),
                (System.nanoTime() - started) / 1e6);
        return canvas;
    }

    private static void measure(Path dir, Canvas canvas, int stepMs, FseqCompression compression, int runs)
            throws Exception {
        Path target = dir.resolve("exports/Show-" + stepMs + "-" + compression.wireName() + ".fseq");
        double[] millis = new double[runs];
        FseqExport.Result result = null;
        for (int i = 0; i < runs; i++) {
            result = FseqExport.write(target, new FseqExport.Request(canvas, 360, "Show.mp3", stepMs, compression,
                    FseqExport.uniqueIdNow()), FileSync.FORCE);
            millis[i] = result.elapsedNanos() / 1e6;
        }
        double cold = millis[0];
        double[] warm = Arrays.copyOfRange(millis, Math.min(1, runs - 1), runs);
        Arrays.sort(warm);
        System.out.printf("fseq %2d ms %-4s: %,11d bytes (%5.1f%% of uncompressed), %5d frames, %3d blocks; "
                        + "export cold %6.0f ms, warm median %6.0f ms (%d runs)%n", stepMs, compression.wireName(),
                result.bytes(), 100.0 * result.bytes() / ((long) result.timing().frameCount()
                        * result.channels().channelCount()), result.timing().frameCount(), result.blocks(), cold,
                warm[warm.length / 2], runs);
    }
}
