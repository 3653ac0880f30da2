package io.beatlight.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;
import org.junit.jupiter.api.Test;

/** Typed reads keep the reference's lenient coercions; the edit check stays strict. */
class ParamTest {
    static JsonNode j(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void integersReadLikePythonInt() throws Exception {
        IntegerParam red = Param.byteValue("red", "Red.");
        assertThat(red.read(j("{\"red\": \"50\"}"))).isEqualTo(50);
        assertThat(red.read(j("{\"red\": 25.9}"))).isEqualTo(25);
        assertThat(red.read(j("{\"red\": true}"))).isEqualTo(1);
        assertThat(red.read(j("{\"red\": 300}"))).isEqualTo(255);
        assertThat(red.read(j("{\"red\": \"x\"}"))).isZero();
        assertThat(red.read(j("{}"))).isZero();
        assertThat(red.problem(j("\"50\""))).get().extracting(ParameterProblem::complaint)
                .isEqualTo("must be an integer");
    }

    @Test
    void numbersFallBackToTheirDefault() throws Exception {
        NumberParam orbits = Param.number("orbits", "Turns.", 0.0, null, 1.0).orFrom("cycles");
        assertThat(orbits.read(j("{}"))).isEqualTo(1.0);
        assertThat(orbits.read(j("{\"orbits\": \"2.5\"}"))).isEqualTo(2.5);
        assertThat(orbits.read(j("{\"cycles\": 3}"))).isEqualTo(3.0);
        assertThat(orbits.read(j("{\"orbits\": \"x\", \"cycles\": 3}"))).isEqualTo(1.0);
        assertThat(Param.number("duration", "Seconds.", 0.0, null, null).read(j("{}"))).isZero();
        assertThat(orbits.problem(j("-1"))).get().extracting(ParameterProblem::complaint)
                .isEqualTo("must be between 0.0 and null");
    }

    @Test
    void poisTakeTheFirstTruthySpelling() throws Exception {
        PoiParam target = Param.poi("target_POI", "Target.").orFrom("poi", "POI");
        assertThat(target.read(j("{\"target_POI\": \"\", \"poi\": \" Piano \"}"))).isEqualTo("Piano");
        assertThat(target.read(j("{\"POI\": 7}"))).isEqualTo("7");
        assertThat(target.read(j("{}"))).isEmpty();
    }

    @Test
    void flagsTextAndNames() throws Exception {
        FlagParam dimmer = Param.flag("write_dimmer", "Dimmer.", true, "dimmer");
        assertThat(dimmer.read(j("{}"))).isTrue();
        assertThat(dimmer.read(j("{\"dimmer\": \"Off\"}"))).isFalse();
        assertThat(dimmer.read(j("{\"write_dimmer\": 0}"))).isFalse();
        assertThat(dimmer.read(j("{\"write_dimmer\": \"yes\", \"dimmer\": false}"))).isTrue();
        TextParam easing = Param.text("easing", "Easing.", "linear", "linear", "ease-in");
        assertThat(easing.read(j("{\"easing\": \" Ease-In \"}"))).isEqualTo("ease-in");
        assertThat(easing.read(j("{\"easing\": 3}"))).isEqualTo("linear");
        assertThat(Param.names("channels", "Names.").read(j("{\"channels\": [\"red\", 1, true]}")))
                .containsExactly("red", "1", "True");
    }
}
