package io.beatlight.effects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Every effect describes itself: id, name, description, vocabulary tags and an object schema. */
class EffectMetadataTest {
    @Test
    void everyEffectHasCompleteMetadata() {
        EffectRegistry registry = new EffectRegistry();
        assertThat(registry.all()).extracting(Effect::id).contains("set_channels", "move_to", "move_to_poi", "seek",
                "strobe", "full", "flash", "sweep", "fade_in", "blackout", "fade_out", "color_fade", "orbit",
                "orbit_out", "circle");
        for (Effect effect : registry.all()) {
            assertThat(effect.displayName()).isNotBlank();
            assertThat(effect.description()).isNotBlank();
            assertThat(effect.tags()).isNotEmpty().allMatch(EffectRegistry.TAGS::contains);
            ObjectNode schema = effect.schema();
            assertThat(schema.get("type").asText()).isEqualTo("object");
            assertThat(schema.get("properties").isObject()).isTrue();
        }
    }
}
