package io.beatlight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Canvas;
import io.beatlight.show.CueRow;
import io.beatlight.effects.RenderVersion;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.testutil.TestShow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Render figures: a real-show-sized sheet (1,200 mixed rows, 7 fixtures, 122 s) and a dense one (20,000 rows,
 * 64 fixtures over 4 universes, 6 min): cold (first render in this JVM) and warm times, canvas memory, peak heap.
 * Run in a fresh JVM for the cold figure: {@code bench/run RenderBenchmark}.
 */
public final class RenderBenchmark {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("beatlight-render-bench");
        Renderer renderer = new Renderer(new EffectRegistry());

        TestShow.withReferenceRig(dir.resolve("show"));
        Rig small = RigLoader.load(dir.resolve("show/fixtures")).rig();
        List<JsonNode> smallPois = new ArrayList<>(PoiBook.load(dir.resolve("show/fixtures/pois.json")).book().valid());
        List<CueRow> showRows = rows(Sheets.mixed(1200, 122, List.of("parcan_l", "parcan_r", "parcan_pl",
                "parcan_pr"), List.of("head_el150", "mini_beam_prism_l", "mini_beam_prism_r"),
                List.of("piano", "table", "sofa", "dark_desk", "wall"), 42));

        Path dense = dir.resolve("dense/fixtures");
        Files.createDirectories(dense);
        for (String template : List.of("fixture.parcan.rgb_proton.json", "fixture.moving_head.mini_beam_prism.json")) {
            Files.copy(dir.resolve("show/fixtures").resolve(template), dense.resolve(template));
        }
        List<String> pars = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> pois = new ArrayList<>();
        Sheets.denseRig(dense, 4, 16, pars, heads, pois);
        Rig big = RigLoader.load(dense).rig();
        List<JsonNode> bigPois = new ArrayList<>(PoiBook.load(dense.resolve("pois.json")).book().valid());
        List<CueRow> denseRows = rows(Sheets.mixed(20000, 360, pars, heads, pois, 43));
        System.out.printf("rigs: %d fixtures / %d universe(s); %d fixtures / %d universes%n", small.fixtures().size(),
                small.layout().count(), big.fixtures().size(), big.layout().count());

        long coldStart = System.nanoTime();
        Canvas first = renderer.render(new RenderInput(small, smallPois, showRows, 122, 60, RenderVersion.V1));
        double coldShow = (System.nanoTime() - coldStart) / 1e6;
        coldStart = System.nanoTime();
        Canvas firstDense = renderer.render(new RenderInput(big, bigPois, denseRows, 360, 60, RenderVersion.V1));
        double coldDense = (System.nanoTime() - coldStart) / 1e6;
        System.out.printf("cold (first render in a fresh JVM): show sheet %.1f ms, dense sheet %.1f ms%n", coldShow,
                coldDense);

        for (RenderVersion version : RenderVersion.values()) {
            RenderInput showInput = new RenderInput(small, smallPois, showRows, 122, 60, version);
            RenderInput denseInput = new RenderInput(big, bigPois, denseRows, 360, 60, version);
            Stats show = time(() -> renderer.render(showInput), 200);
            Stats heavy = time(() -> renderer.render(denseInput), 15);
            System.out.printf("warm %s: show sheet (1,200 rows, 7 fixtures, 122 s) %s%n", version, show.summary(" ms"));
            System.out.printf("warm %s: dense sheet (20,000 rows, 64 fixtures, 4 universes, 6 min) %s%n", version,
                    heavy.summary(" ms"));
        }
        Stats incremental = time(() -> renderer.rerender(firstDense, 180,
                new RenderInput(big, bigPois, denseRows, 360, 60, RenderVersion.V1)), 10);
        System.out.printf("incremental re-render of the dense sheet from the middle: %s%n",
                incremental.summary(" ms"));

        double minutes = 360 / 60.0;
        System.out.printf("canvas: %d frames x %d B = %.1f MB for 6 min x 4 universes = %.3f MB per minute per "
                + "universe; show sheet canvas %.1f MB%n", firstDense.frameCount(), firstDense.layout().frameBytes(),
                firstDense.bytes().length / 1e6, firstDense.bytes().length / 1e6 / minutes / 4,
                first.bytes().length / 1e6);
        System.out.printf("peak heap while rendering the dense sheet: %.1f MB above the idle heap%n",
                peakHeapMb(() -> renderer.render(new RenderInput(big, bigPois, denseRows, 360, 60,
                        RenderVersion.V1))));
    }

    static List<CueRow> rows(ArrayNode entries) {
        List<CueRow> rows = new ArrayList<>();
        for (JsonNode e : entries) {
            rows.add(new CueRow(e.get("time").asDouble(), e.get("fixture_id").asText(), e.get("effect").asText(),
                    e.get("duration").asDouble(), e.get("data"), rows.size()));
        }
        return rows;
    }

    static Stats time(Runnable render, int iterations) {
        for (int i = 0; i < iterations; i++) {
            render.run();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            render.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        return new Stats(times);
    }

    static double peakHeapMb(Runnable render) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long idle = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(idle);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                Thread.onSpinWait();
            }
        });
        sampler.start();
        render.run();
        running.set(false);
        sampler.join();
        return (peak.get() - idle) / 1e6;
    }
}
