package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChasersTest {
    @TempDir
    Path dir;

    Chasers load() throws Exception {
        Files.writeString(dir.resolve("a.json"), """
                {"id": "parcan_left_to_right", "name": "L to R", "description": "d",
                 "effects": [{"beat": 0, "fixture_id": "parcan_l", "effect": "flash", "duration": 1, "data": {}},
                             {"beat": 1, "fixture_id": "parcan_r", "effect": "flash", "duration": 1, "data": {}},
                             {"beat": 2, "fixture_id": "parcan_pl", "effect": "flash", "duration": 1, "data": {}},
                             {"beat": 3, "fixture_id": "parcan_pr", "effect": "flash", "duration": 1, "data": {}}]}""");
        Files.writeString(dir.resolve("b.json"), "{broken");
        Files.writeString(dir.resolve("c.json"), "{\"id\": \"PARCAN_left_to_right\", \"effects\": []}");
        return Chasers.load(dir);
    }

    @Test
    void oneBadFileDoesNotDropTheOthersAndDuplicatesKeepTheFirst() throws Exception {
        Chasers chasers = load();
        assertThat(chasers.all()).hasSize(1);
        assertThat(chasers.problems()).hasSize(2);
        assertThat(chasers.find("Parcan_Left_To_Right")).isPresent();
    }

    @Test
    void expansionAtTwoTempos() throws Exception {
        Chasers chasers = load();
        List<ObjectNode> at120 = chasers.expand("parcan_left_to_right", 0.2, Json.object().put("repetitions", 2),
                120.0);
        assertThat(at120).extracting(r -> r.get("time").asDouble())
                .containsExactly(0.2, 0.7, 1.2, 1.7, 2.2, 2.7, 3.2, 3.7);
        assertThat(at120).allMatch(r -> r.get("duration").asDouble() == 0.5);
        assertThat(at120.get(5).get("fixture_id").asText()).isEqualTo("parcan_r");
        List<ObjectNode> at90 = chasers.expand("parcan_left_to_right", 0, Json.object(), 90.0);
        assertThat(at90).hasSize(4);
        assertThat(at90.get(1).get("time").asDouble()).isEqualTo(1 * (60000 / 90.0) / 1000);
        assertThat(at90.get(3).get("duration").asDouble()).isEqualTo(60000 / 90.0 / 1000);
        assertThat(chasers.expand("parcan_left_to_right", 0, Json.object(), 0.0)).isEmpty();
        assertThat(chasers.expand("parcan_left_to_right", 0, Json.object(), null)).isEmpty();
        assertThat(chasers.expand("nope", 0, Json.object(), 120.0)).isEmpty();
    }

    @Test
    void theDynamicWaveGeneratorUsesItsDefaultCycleAndMergedParameters() throws Exception {
        Files.writeString(dir.resolve("wave.json"), """
                {"id": "wave", "name": "Wave", "description": "d", "type": "dynamic",
                 "generator_id": "dynamic_wave_generator",
                 "default_params": {"duration_beats": 2, "step_size": 0.5, "fixtures": ["a", "b"]}}""");
        Chasers chasers = Chasers.load(dir);
        List<ObjectNode> rows = chasers.expand("wave", 0, Json.object().put("repetitions", 2)
                .put("duration_beats", 1), 120.0);
        // the override shortens the generated rows (2 per fixture) but not the 2-beat cycle
        assertThat(rows).hasSize(8);
        assertThat(rows.get(4).get("time").asDouble()).isEqualTo(1.0);
        assertThat(rows.get(0).get("effect").asText()).isEqualTo("set_channels");
        assertThat(rows.get(0).at("/data/red").isIntegralNumber()).isTrue();
        assertThat(rows.get(0).at("/data/green").asInt()).isZero(); // env 0 at beat 0
        assertThat(rows.get(2).at("/data/blue").asInt()).isPositive();
    }
}
