package io.beatlight.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.testutil.TestShow;
import io.beatlight.tools.ShowView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline assistant on a waltz (3/4, 90 BPM: a beat every 2/3 s, a bar every 2 s, the first downbeat at 0.5 s):
 * bars are three beats long and counted on the song's downbeats.
 */
class WaltzRequestsTest {
    @TempDir
    static Path dir;
    static ShowView waltz;

    /** 45 s: intro bars 1–4, verse bars 5–12, chorus bars 13–20, outro. */
    static void writeWaltz(Path show) throws Exception {
        TestShow.withReferenceRig(show).song("Waltz", 45, 90, null);
        StringBuilder beats = new StringBuilder();
        StringBuilder downbeats = new StringBuilder();
        for (int i = 0; 0.5 + i * 2 / 3.0 < 45; i++) {
            double t = Math.rint((0.5 + i * 2 / 3.0) * 1000) / 1000;
            beats.append(beats.length() == 0 ? "" : ", ").append(t);
            if (i % 3 == 0) {
                downbeats.append(downbeats.length() == 0 ? "" : ", ").append(t);
            }
        }
        Files.writeString(show.resolve("meta/Waltz.json"), "{\"filename\": \"Waltz\", \"length\": 45, \"bpm\": 90,"
                + " \"time_signature\": \"3/4\", \"parts\": {\"intro\": [0.5, 8.5], \"verse\": [8.5, 24.5],"
                + " \"chorus\": [24.5, 40.5], \"outro\": [40.5, 45]},"
                + " \"hints\": {\"beats\": [" + beats + "], \"downbeats\": [" + downbeats + "]}}");
        Files.createDirectories(show.resolve("chasers"));
        Files.writeString(show.resolve("chasers/pars_ping_pong.json"), "{\"id\": \"pars_ping_pong\", \"effects\":"
                + " [{\"beat\": 0, \"fixture_id\": \"par_1\", \"effect\": \"flash\", \"duration\": 0.5}]}");
    }

    @BeforeAll
    static void loadTheWaltz() throws Exception {
        writeWaltz(dir);
        ShowEngine engine = new ShowEngine(ShowFolders.of(dir), source -> { });
        try {
            waltz = engine.submit(() -> {
                engine.loadRig();
                engine.songLoader().load("Waltz");
                return ShowView.of(engine);
            }).get(10, TimeUnit.SECONDS);
        } finally {
            engine.close();
        }
        assertThat(waltz.beatsPerBar()).isEqualTo(3);
    }

    @AfterAll
    static void forget() {
        waltz = null;
    }

    private static JsonNode entries(String prompt) {
        Interpretation result = CommandInterpreter.interpret(waltz, prompt);
        assertThat(result.proposal()).as("a proposal for '%s'; reply: %s", prompt, result.reply()).isNotNull();
        return result.proposal().arguments().get("entries");
    }

    private static TreeSet<Double> times(JsonNode entries) {
        TreeSet<Double> times = new TreeSet<>();
        entries.forEach(e -> times.add(e.get("time").asDouble()));
        return times;
    }

    @Test
    void barNineIsTheNinthDownbeat() {
        assertThat(waltz.downbeats().get(8)).isEqualTo(16.5);
        assertThat(times(entries("flash the pars at bar 9"))).containsExactly(16.5);
        Interpretation chaser = CommandInterpreter.interpret(waltz, "apply the pars ping pong chaser at bar 9");
        assertThat(chaser.proposal().arguments().get("start_time").asDouble()).isEqualTo(16.5);
    }

    @Test
    void barsAreThreeBeatsLong() {
        JsonNode strobe = entries("strobe everything for the last 2 bars before the chorus");
        assertThat(times(strobe)).containsExactly(20.5);
        assertThat(strobe.get(0).get("duration").asDouble()).isEqualTo(4.0);
        JsonNode heads = entries("strobe the heads at 12 hz for 2 bars at bar 5");
        assertThat(times(heads)).containsExactly(8.5);
        assertThat(heads.get(0).get("duration").asDouble()).isEqualTo(4.0);
        JsonNode first = entries("strobe everything for the first 2 bars of the chorus");
        assertThat(times(first)).containsExactly(24.5);
        assertThat(first.get(0).get("duration").asDouble()).isEqualTo(4.0);
    }

    @Test
    void everyBarOfTheVerseIsEveryThirdBeat() {
        List<Double> expected = new ArrayList<>();
        for (double t = 8.5; t < 24.5; t += 2) {
            expected.add(t);
        }
        assertThat(times(entries("flash the pars on every bar of the verse"))).containsExactlyElementsOf(expected);
    }

    @Test
    void answersNameTheMetre() {
        assertThat(CommandInterpreter.interpret(waltz, "what is the bpm?").reply())
                .isEqualTo("Waltz is at 90 BPM (a beat every 0.667 s, 3 beats to the bar, a bar every 2.000 s).");
        assertThat(CommandInterpreter.interpret(waltz, "how long is the song?").reply()).contains("(23 bars)");
        assertThat(CommandInterpreter.interpret(waltz, "where is the chorus?").reply()).contains("bars 13–20");
    }
}
