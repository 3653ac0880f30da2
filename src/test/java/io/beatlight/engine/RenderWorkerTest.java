package io.beatlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Canvas;
import io.beatlight.show.CueRow;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render worker alone: bursts of random edits, each burst coalesced into one render from the earliest change of
 * the jobs it skipped, chained from the worker's last canvas (or from the job's base when the engine installed a
 * canvas the worker did not make). Every canvas it reports equals a full render of its job's input, byte for byte.
 */
class RenderWorkerTest {
    @TempDir
    Path dir;

    private record Result(RenderWorker.Job job, Canvas canvas) {
    }

    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
    private final BlockingQueue<Long> started = new LinkedBlockingQueue<>();
    private final Semaphore permits = new Semaphore(0);

    @Test
    void coalescedBurstsOfRandomEditsGiveTheSameCanvasAsAFullRender() throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        List<JsonNode> pois = new ArrayList<>(PoiBook.load(dir.resolve("fixtures/pois.json")).book().valid());
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/cases/combined_random_150.json")) {
            golden = Json.MAPPER.readTree(in);
        }
        List<CueRow> pool = rows(golden.at("/cue_sheet/entries"));
        double length = golden.get("song_length_s").asDouble();
        Renderer renderer = new Renderer(new EffectRegistry());
        RenderWorker worker = new RenderWorker(renderer, new RenderWorker.Results() {
            @Override
            public void rendered(RenderWorker.Job job, Canvas canvas, long nanos) {
                results.add(new Result(job, canvas));
            }

            @Override
            public void failed(RenderWorker.Job job, Throwable error) {
                results.add(new Result(job, null));
            }
        }, (job, from) -> {
            started.add(job.generation());
            permits.acquire();
        });
        Random random = new Random(11);
        long generation = 0;
        try {
            for (RenderVersion version : RenderVersion.values()) {
                List<CueRow> rows = new ArrayList<>(pool.subList(0, 100));
                Canvas installed = renderer.render(input(rig, pois, rows, length, version));
                long installedGeneration = ++generation;
                int submitted = 0;
                int renders = 0;
                for (int burst = 0; burst < 15; burst++) {
                    if (burst % 5 == 4) {
                        // the engine installs a canvas of its own (a rig change): the chain starts again from it
                        installed = renderer.render(input(rig, pois, rows, length, version));
                        installedGeneration = ++generation;
                    }
                    int jobs = 1 + random.nextInt(4);
                    for (int j = 0; j < jobs; j++) {
                        submitted++;
                        double changed = edit(rows, pool, random, length);
                        worker.submit(new RenderWorker.Job(++generation, input(rig, pois, rows, length, version),
                                installed, installedGeneration, changed));
                        if (j == 0) {
                            // hold the first render until the others are queued behind it
                            assertThat(started.poll(10, TimeUnit.SECONDS)).isEqualTo(generation);
                        }
                    }
                    permits.release(2);
                    Result result;
                    do {
                        result = results.poll(10, TimeUnit.SECONDS);
                        assertThat(result).as("a render result").isNotNull();
                        assertThat(result.canvas()).as("render %d", result.job().generation()).isNotNull();
                        Canvas full = renderer.render(result.job().input());
                        assertThat(Arrays.equals(result.canvas().bytes(), full.bytes())).as(
                                "burst %d render %d (%s) equals a full render", burst, result.job().generation(),
                                version).isTrue();
                        renders++;
                    } while (result.job().generation() != generation);
                    started.clear();
                    permits.drainPermits();
                }
                assertThat(renders).as("coalesced").isLessThan(submitted);
            }
        } finally {
            worker.close();
            worker.awaitStop(5000);
        }
    }

    private static RenderInput input(Rig rig, List<JsonNode> pois, List<CueRow> rows, double length,
                                     RenderVersion version) {
        List<CueRow> indexed = new ArrayList<>();
        for (CueRow r : rows) {
            indexed.add(new CueRow(r.time(), r.fixtureId(), r.effect(), r.duration(), r.data(), indexed.size()));
        }
        return new RenderInput(rig, pois, indexed, length, 60, version);
    }

    /** Adds, moves or removes a row; returns the earliest time the edit touches. */
    private static double edit(List<CueRow> rows, List<CueRow> pool, Random random, double length) {
        int kind = random.nextInt(3);
        if (kind == 0 || rows.isEmpty()) {
            CueRow added = pool.get(random.nextInt(pool.size()));
            added = new CueRow(random.nextDouble() * length, added.fixtureId(), added.effect(), added.duration(),
                    added.data(), 0);
            rows.add(added);
            return added.time();
        }
        if (kind == 1) {
            int i = random.nextInt(rows.size());
            CueRow old = rows.get(i);
            CueRow moved = new CueRow(Math.max(0, old.time() + random.nextGaussian()), old.fixtureId(),
                    old.effect(), old.duration() * random.nextDouble() * 2, old.data(), 0);
            rows.set(i, moved);
            return Math.min(old.time(), moved.time());
        }
        return rows.remove(random.nextInt(rows.size())).time();
    }

    private static List<CueRow> rows(JsonNode entries) {
        List<CueRow> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            JsonNode data = e.get("data");
            rows.add(new CueRow(e.get("time").asDouble(), e.get("fixture_id").asText(), e.get("effect").asText(),
                    e.has("duration") && !e.get("duration").isNull() ? e.get("duration").asDouble() : 0,
                    data == null || data.isNull() ? Json.object() : data, i));
        }
        return rows;
    }
}
