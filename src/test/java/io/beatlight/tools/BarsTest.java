package io.beatlight.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.song.Section;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bars come from the downbeats where the song has them, and from the metre where it has none. */
class BarsTest {
    @TempDir
    Path dir;

    private static final double BEAT = 60 / 90.0;

    private static ShowView view(int beatsPerBar, List<Double> beats, List<Double> downbeats, List<Section> sections) {
        return new ShowView("Song", 60, 90, beatsPerBar, beats, downbeats, sections, List.of(), List.of(), List.of(),
                0);
    }

    private static List<Double> grid(double first, double step, int count) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(first + i * step);
        }
        return times;
    }

    @Test
    void withoutDownbeatsEveryThirdBeatStartsABarOfAWaltz() {
        ShowView beatsOnly = view(3, grid(0.5, BEAT, 60), List.of(), List.of());
        assertThat(beatsOnly.barGrid()).hasSize(20);
        assertThat(beatsOnly.barStart(9)).isCloseTo(0.5 + 24 * BEAT, offset(1e-9));
        assertThat(beatsOnly.barSeconds()).isCloseTo(2.0, offset(1e-9));
        ShowView bpmOnly = view(3, List.of(), List.of(), List.of());
        assertThat(bpmOnly.barStart(9)).isCloseTo(16.0, offset(1e-9));
        assertThat(bpmOnly.barAt(16.1)).isEqualTo(9);
        assertThat(bpmOnly.barsFrom(5.0, 2)).isCloseTo(9.0, offset(1e-9));
    }

    @Test
    void barsFollowTheDownbeatsAndTheMetrePastThem() {
        // bar 2 is short (a tempo change): bars are counted on the downbeats, not in seconds
        ShowView view = view(3, List.of(), List.of(0.0, 2.0, 3.0, 5.0), List.of());
        assertThat(view.barStart(3)).isEqualTo(3.0);
        assertThat(view.barsFrom(1.0, 1)).as("the middle of bar 1 → of bar 2").isCloseTo(2.5, offset(1e-9));
        assertThat(view.barsFrom(4.0, -2)).as("the middle of bar 3 → of bar 1").isCloseTo(1.0, offset(1e-9));
        assertThat(view.barStart(6)).as("past the last downbeat: 3-beat bars").isCloseTo(9.0, offset(1e-9));
        assertThat(view.barStart(0)).isCloseTo(-2.0, offset(1e-9));
        assertThat(view.barsFrom(-1.0, 1)).isCloseTo(1.0, offset(1e-9));
    }

    private <T> T onEngine(ShowEngine engine, Callable<T> task) throws Exception {
        return engine.submit(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theReadToolsCountWaltzBars() throws Exception {
        TestShow.withReferenceRig(dir).song("Partial", 60, 90, null);
        // beats for 60 s, downbeats for the first 10 bars only
        List<Double> beats = grid(0.5, BEAT, 89);
        ObjectNode meta = Json.object().put("filename", "Partial").put("length", 60).put("bpm", 90)
                .put("time_signature", "3/4");
        meta.putObject("parts").putArray("all").add(0).add(60);
        ObjectNode hints = meta.putObject("hints");
        beats.forEach(hints.putArray("beats")::add);
        grid(0.5, 3 * BEAT, 10).forEach(hints.putArray("downbeats")::add);
        Files.writeString(dir.resolve("meta/Partial.json"), Json.write(meta));
        ShowEngine engine = new ShowEngine(ShowFolders.of(dir), source -> { });
        try {
            onEngine(engine, () -> {
                engine.loadRig();
                engine.songLoader().load("Partial");
                return null;
            });
            JsonNode overview = onEngine(engine, () -> ShowTools.read(engine, "song_overview", null));
            assertThat(overview.get("beats_per_bar").asInt()).isEqualTo(3);
            assertThat(overview.get("bar_s").asDouble()).isCloseTo(2.0, offset(1e-9));
            JsonNode nine = onEngine(engine, () -> ShowTools.read(engine, "bar_to_time",
                    Json.object().put("bar", 9).put("beat", 2)));
            assertThat(nine.get("time").asDouble()).isEqualTo(CueRows.round(beats.get(25)));
            JsonNode fifteen = onEngine(engine, () -> ShowTools.read(engine, "bar_to_time",
                    Json.object().put("bar", 15)));
            assertThat(fifteen.get("time").asDouble()).as("past the known downbeats: 3 beats a bar")
                    .isEqualTo(CueRows.round(beats.get(42)));
            JsonNode at = onEngine(engine, () -> ShowTools.read(engine, "time_to_bar",
                    Json.object().put("time", beats.get(25) + 0.1)));
            assertThat(at.get("bar").asInt()).isEqualTo(9);
            assertThat(at.get("beat").asInt()).isEqualTo(2);
            JsonNode window = onEngine(engine, () -> ShowTools.read(engine, "beats_in_window",
                    Json.object().put("start_time", 0).put("end_time", 10)));
            assertThat(window.get("downbeats")).hasSize(5);
        } finally {
            engine.close();
        }
    }

    @Test
    void theDraftBuildsIntoAChorusOverTwoWaltzBars() {
        List<Section> sections = List.of(new Section("verse", 0.5, 16.5), new Section("chorus", 16.5, 32.5));
        ShowView.FixtureInfo head = new ShowView.FixtureInfo("head", "Head", "moving_head", 0.5, false, true,
                List.of("strobe"));
        ShowView waltz = new ShowView("Waltz", 40, 90, 3, grid(0.5, BEAT, 58), grid(0.5, 3 * BEAT, 20), sections,
                List.of(head), List.of(), List.of(), 0);
        JsonNode rows = ShowDrafter.draft(waltz).arguments().get("entries");
        List<JsonNode> strobes = new ArrayList<>();
        rows.forEach(r -> {
            if (r.get("effect").asText().equals("strobe")) {
                strobes.add(r);
            }
        });
        assertThat(strobes).hasSize(1);
        assertThat(strobes.get(0).get("time").asDouble()).isEqualTo(12.5);
        assertThat(strobes.get(0).get("duration").asDouble()).isEqualTo(4.0);
    }
}
