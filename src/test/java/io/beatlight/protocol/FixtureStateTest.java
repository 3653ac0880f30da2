package io.beatlight.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.engine.PlaybackControl.ChannelWrite;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowFolders;
import io.beatlight.rig.Fixture;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.fixtures}: entries of fixtures whose channels did not change are the same nodes as before. */
class FixtureStateTest {
    @TempDir
    Path dir;

    @Test
    void onlyTheFixtureAnEditTouchedGetsANewEntry() throws Exception {
        TestShow.withReferenceRig(dir);
        ShowEngine engine = new ShowEngine(ShowFolders.of(dir), source -> { });
        try {
            List<JsonNode> states = engine.submit(() -> {
                engine.loadRig();
                StateDocument document = new StateDocument(f -> Json.array());
                JsonNode first = document.build(engine).get("fixtures");
                Fixture par = engine.fixture("parcan_l").orElseThrow();
                engine.playback().applyEdits(List.of(new ChannelWrite(par.universe(), par.baseChannel(), 77)));
                JsonNode second = document.build(engine).get("fixtures");
                engine.playback().setArmed("parcan_r", !engine.playback().isArmed("parcan_r"));
                JsonNode third = document.build(engine).get("fixtures");
                return List.of(first, second, third);
            }).get(10, TimeUnit.SECONDS);
            JsonNode first = states.get(0);
            JsonNode second = states.get(1);
            JsonNode third = states.get(2);
            assertThat(second.get("parcan_l")).isNotSameAs(first.get("parcan_l")).isNotEqualTo(first.get("parcan_l"));
            assertThat(second.get("head_el150")).isSameAs(first.get("head_el150"));
            assertThat(second.get("parcan_r")).isSameAs(first.get("parcan_r"));
            assertThat(third.get("parcan_r")).isNotSameAs(second.get("parcan_r"));
            assertThat(third.at("/parcan_r/armed").asBoolean()).isNotEqualTo(second.at("/parcan_r/armed").asBoolean());
            assertThat(third.get("parcan_l")).isSameAs(second.get("parcan_l"));
        } finally {
            engine.close();
        }
    }
}
