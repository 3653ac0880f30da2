package io.beatlight.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.song} carries the metre and every section of a song whose parts repeat a name. */
class SongStateTest {
    @TempDir
    Path dir;

    @Test
    void aWaltzHasThreeBeatsPerBarAndKeepsBothChoruses() throws Exception {
        TestShow.withReferenceRig(dir).song("Waltz", 30, 90, null);
        Files.writeString(dir.resolve("meta/Waltz.json"), """
                {"filename": "Waltz", "length": 30, "bpm": 90, "time_signature": "3/4",
                 "parts": {"chorus": [0, 10], "verse": [10, 20], "chorus": [20, 30]}}""");
        ShowEngine engine = new ShowEngine(ShowFolders.of(dir), source -> { });
        try {
            JsonNode song = engine.submit(() -> {
                engine.loadRig();
                engine.songLoader().load("Waltz");
                return new StateDocument(f -> Json.array()).build(engine).get("song");
            }).get(10, TimeUnit.SECONDS);
            assertThat(song.get("beats_per_bar").asInt()).isEqualTo(3);
            assertThat(song.get("sections").findValuesAsText("name")).containsExactly("chorus_1", "verse", "chorus_2");
        } finally {
            engine.close();
        }
    }
}
