package io.beatlight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.util.Json;
import org.junit.jupiter.api.Test;

class PayloadTest {
    @Test
    void idsForgiveSurroundingSpacesButRefuseControlCharacters() throws Exception {
        assertThat(new Payload(Json.object().put("song", "  Song A ")).requireId("song")).isEqualTo("Song A");
        for (String bad : new String[] {"S\u0000", "\u0000S", "S\u001b[31m", "a\nb"}) {
            assertThatThrownBy(() -> new Payload(Json.object().put("song", bad)).requireId("song"))
                    .isInstanceOf(IntentException.class).hasMessageContaining("control characters");
        }
        assertThatThrownBy(() -> new Payload(Json.object().put("song", " \t ")).requireId("song"))
                .isInstanceOf(IntentException.class).hasMessageContaining("non-empty");
    }
}
