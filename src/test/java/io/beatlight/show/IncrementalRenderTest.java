package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.beatlight.effects.RenderVersion;

/** An edit re-renders only from where it matters, and the result is identical to a full render. */
class IncrementalRenderTest {
    @TempDir
    Path dir;

    @Test
    void randomEditsGiveTheSameCanvasAsAFullRender() throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        List<JsonNode> pois = new ArrayList<>(PoiBook.load(dir.resolve("fixtures/pois.json")).book().valid());
        JsonNode golden = GoldenRenderTest.read("/golden/cases/combined_random_150.json");
        List<CueRow> pool = GoldenRenderTest.rows(golden.at("/cue_sheet/entries"));
        double length = golden.get("song_length_s").asDouble();
        Renderer renderer = new Renderer(new EffectRegistry());
        Random random = new Random(7);
        for (RenderVersion version : RenderVersion.values()) {
            List<CueRow> rows = new ArrayList<>(pool.subList(0, 100));
            Canvas canvas = renderer.render(new RenderInput(rig, pois, reindex(rows), length, 60, version));
            for (int edit = 0; edit < 60; edit++) {
                double changed;
                int kind = random.nextInt(3);
                if (kind == 0 || rows.isEmpty()) {
                    CueRow added = pool.get(random.nextInt(pool.size()));
                    added = new CueRow(random.nextDouble() * length, added.fixtureId(), added.effect(),
                            added.duration(), added.data(), 0);
                    rows.add(added);
                    changed = added.time();
                } else if (kind == 1) {
                    int i = random.nextInt(rows.size());
                    CueRow old = rows.get(i);
                    CueRow moved = new CueRow(Math.max(0, old.time() + random.nextGaussian()), old.fixtureId(),
                            old.effect(), old.duration() * random.nextDouble() * 2, old.data(), 0);
                    rows.set(i, moved);
                    changed = Math.min(old.time(), moved.time());
                } else {
                    changed = rows.remove(random.nextInt(rows.size())).time();
                }
                List<CueRow> indexed = reindex(rows);
                canvas = renderer.rerender(canvas, changed,
                        new RenderInput(rig, pois, indexed, length, 60, version));
                Canvas full = renderer.render(new RenderInput(rig, pois, indexed, length, 60, version));
                assertThat(canvas.bytes()).as("edit %d (%s)", edit, version).isEqualTo(full.bytes());
            }
        }
    }

    @Test
    void aV2EditAfterSweepsRestartsBeforeTheirTravelNotFromTheTopAndShowsTheFramesAtThePlayheadEarly()
            throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        List<JsonNode> pois = new ArrayList<>(PoiBook.load(dir.resolve("fixtures/pois.json")).book().valid());
        JsonNode golden = GoldenRenderTest.read("/golden/cases/combined_random_150.json");
        List<CueRow> rows = new ArrayList<>(GoldenRenderTest.rows(golden.at("/cue_sheet/entries")));
        double length = golden.get("song_length_s").asDouble();
        Renderer renderer = new Renderer(new EffectRegistry());
        Canvas before = renderer.render(new RenderInput(rig, pois, reindex(rows), length, 60, RenderVersion.V2));
        CueRow sweep = rows.stream().filter(r -> r.effect().equals("sweep")).findFirst().orElseThrow();
        rows.add(new CueRow(15.0, sweep.fixtureId(), sweep.effect(), 2.0, sweep.data(), 0));
        RenderInput input = new RenderInput(rig, pois, reindex(rows), length, 60, RenderVersion.V2);

        java.util.concurrent.atomic.AtomicReference<PartialCanvas> look = new java.util.concurrent.atomic.AtomicReference<>();
        Canvas after = renderer.rerender(before, 15.0, input, new EarlyLook(16.0, look::set));

        assertThat(after.bytes()).isEqualTo(renderer.render(input).bytes());
        // only a pass that continues the previous canvas shows a look: the sweep's travel did not force a full render
        assertThat(look.get()).isNotNull();
        assertThat(look.get().readyUntil()).isEqualTo(960);
        assertThat(look.get().frame(960).toBytes()).isEqualTo(after.frame(960).toBytes());
        assertThat(look.get().frame(961).toBytes()).isEqualTo(before.frame(961).toBytes());
    }

    static List<CueRow> reindex(List<CueRow> rows) {
        List<CueRow> out = new ArrayList<>();
        for (CueRow r : rows) {
            out.add(new CueRow(r.time(), r.fixtureId(), r.effect(), r.duration(), r.data(), out.size()));
        }
        return out;
    }
}
