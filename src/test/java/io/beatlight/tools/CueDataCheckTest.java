package io.beatlight.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import org.junit.jupiter.api.Test;

/** The field and message a cue's data gets when it does not fit the effect's parameters. */
class CueDataCheckTest {
    private final EffectRegistry registry = new EffectRegistry();

    private IntentException problem(String effectId, String json) throws Exception {
        Effect effect = registry.byId(effectId).orElseThrow();
        return catchThrowableOfType(IntentException.class,
                () -> CueEdits.checkData(effect, (ObjectNode) Json.MAPPER.readTree(json)));
    }

    private void assertProblem(String effectId, String json, String field, String message) throws Exception {
        IntentException e = problem(effectId, json);
        assertThat(e).as(json).isNotNull();
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void wrongTypes() throws Exception {
        assertProblem("full", "{\"red\": 1.5}", "data.red", "data.red must be an integer");
        assertProblem("strobe", "{\"rate\": \"10\"}", "data.rate", "data.rate must be a number");
        assertProblem("move_to_poi", "{\"target_POI\": 3}", "data.target_POI", "data.target_POI must be a string");
        assertProblem("flash", "{\"channels\": \"red\"}", "data.channels", "data.channels must be a array"); // sic: kept as clients see it today
        assertProblem("set_channels", "{\"channels\": []}", "data.channels", "data.channels must be a object"); // sic
        assertProblem("orbit", "{\"subject_POI\": \"a\", \"start_POI\": \"b\", \"write_dimmer\": 1}",
                "data.write_dimmer", "data.write_dimmer must be a boolean");
    }

    @Test
    void outOfRange() throws Exception {
        assertProblem("full", "{\"blue\": 256}", "data.blue", "data.blue must be between 0 and 255");
        assertProblem("strobe", "{\"rate\": 41}", "data.rate", "data.rate must be between 0.0 and 40.0");
        assertProblem("circle", "{\"target_poi\": \"a\", \"radius\": 0.5, \"orbits\": -1}", "data.orbits",
                "data.orbits must be between 0.0 and null");
        assertProblem("sweep", "{\"subject_POI\": \"a\", \"start_POI\": \"b\", \"arc_strength\": -2}",
                "data.arc_strength", "data.arc_strength must be between -1.0 and 1.0");
    }

    @Test
    void requiredAfterTypes() throws Exception {
        assertProblem("circle", "{}", "data.target_poi", "data.target_poi is required");
        assertProblem("circle", "{\"target_poi\": null}", "data.target_poi", "data.target_poi is required");
        assertProblem("circle", "{\"radius\": 2}", "data.radius", "data.radius must be between 0.0 and 1.0");
        assertProblem("color_fade", "{\"start_color\": \"#000000\"}", "data.end_color",
                "data.end_color is required");
    }

    @Test
    void acceptsUnknownKeysNullsAndGoodValues() throws Exception {
        assertThatCode(() -> CueEdits.checkData(registry.byId("full").orElseThrow(),
                (ObjectNode) Json.MAPPER.readTree("{\"red\": null, \"green\": 3, \"whatever\": [1]}")))
                .doesNotThrowAnyException();
        assertThatCode(() -> CueEdits.checkData(registry.byId("set_channels").orElseThrow(),
                (ObjectNode) Json.MAPPER.readTree("{\"channels\": {\"dim\": 999}}"))).doesNotThrowAnyException();
        assertThatCode(() -> CueEdits.checkData(registry.byId("blackout").orElseThrow(),
                (ObjectNode) Json.MAPPER.readTree("{\"x\": 1}"))).doesNotThrowAnyException();
    }
}
