package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CueEntriesTest {
    @TempDir
    Path dir;

    @Test
    void rowsPutInSheetOrderAreCheckedAsIfCheckedAgain() throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        EffectRegistry effects = new EffectRegistry();
        List<JsonNode> rows = List.of(
                Json.MAPPER.readTree("{\"time\": 3, \"fixture_id\": \"parcan_r\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": -1, \"fixture_id\": \"parcan_r\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 1, \"fixture_id\": \"parcan_r\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 1, \"fixture_id\": \"parcan_l\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 2, \"fixture_id\": \"ghost\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 1, \"fixture_id\": \"parcan_l\", \"effect\": \"fade_in\"}"));
        CueEntries ordered = CueEntries.check(rows, rig, effects, Chasers.empty(), RenderVersion.V2).inSheetOrder();
        CueEntries checkedAgain = CueEntries.check(ordered.rows(), rig, effects, Chasers.empty(), RenderVersion.V2);

        assertThat(ordered.entries()).isEqualTo(checkedAgain.entries());
        assertThat(ordered.sheetOrder()).isEqualTo(checkedAgain.sheetOrder());
        assertThat(ordered.rows()).containsExactly(rows.get(5), rows.get(3), rows.get(2), rows.get(0), rows.get(1),
                rows.get(4));
        assertThat(ordered.invalid()).extracting(CueEntries.Entry::fileIndex).containsExactly(4, 5);
    }

    @Test
    void aRecheckAfterAnEditEqualsAFullCheck() throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        EffectRegistry effects = new EffectRegistry();
        List<JsonNode> rows = new java.util.ArrayList<>(List.of(
                Json.MAPPER.readTree("{\"time\": 1, \"fixture_id\": \"parcan_r\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 2, \"fixture_id\": \"ghost\", \"effect\": \"flash\"}"),
                Json.MAPPER.readTree("{\"time\": 3, \"fixture_id\": \"parcan_l\", \"effect\": \"flash\"}")));
        CueEntries before = CueEntries.check(rows, rig, effects, Chasers.empty(), RenderVersion.V2);
        // one row replaced by a new node (an edit), one turned invalid, one unchanged
        rows.set(0, Json.MAPPER.readTree("{\"time\": 1, \"fixture_id\": \"nobody\", \"effect\": \"flash\"}"));
        rows.add(Json.MAPPER.readTree("{\"time\": 4, \"fixture_id\": \"parcan_r\", \"effect\": \"fade_in\"}"));
        CueEntries rechecked = CueEntries.recheck(rows, before, rig, effects, Chasers.empty(), RenderVersion.V2);
        CueEntries full = CueEntries.check(rows, rig, effects, Chasers.empty(), RenderVersion.V2);

        assertThat(rechecked.entries()).isEqualTo(full.entries());
        assertThat(rechecked.sheetOrder()).isEqualTo(full.sheetOrder());
        assertThat(rechecked.invalid()).extracting(CueEntries.Entry::fileIndex).containsExactly(0, 1);
    }
}
