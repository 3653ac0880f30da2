package io.beatlight.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The data schema of every effect, byte for byte. The state document, the browser's parameter form and the
 * assistant's tool definitions all read these schemas, so a change must be deliberate: update
 * {@code effects/schemas.json} together with the effect.
 */
class EffectSchemaSnapshotTest {
    @Test
    void schemasMatchTheSnapshot() throws Exception {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/effects/schemas.json")) {
            expected = Json.MAPPER.readTree(in);
        }
        EffectRegistry registry = new EffectRegistry();
        assertThat(registry.all()).extracting(Effect::id)
                .containsExactlyElementsOf(() -> expected.fieldNames());
        for (Effect effect : registry.all()) {
            // compared as text: key order and integer-versus-decimal numbers are part of what clients see
            assertThat(Json.PRETTY.writeValueAsString(effect.schema()))
                    .as(effect.id())
                    .isEqualTo(Json.PRETTY.writeValueAsString(expected.get(effect.id())));
        }
    }
}
