package io.beatlight.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.util.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The --client-profile setting and what a hello or an intent says about the client. */
class ClientProfileTest {
    @Test
    void theSettingIsAutoSeedOrLatestAndNothingElse() {
        assertThat(ClientProfile.Setting.parse("auto")).isEqualTo(ClientProfile.Setting.AUTO);
        assertThat(ClientProfile.Setting.parse(" Latest ")).isEqualTo(ClientProfile.Setting.LATEST);
        assertThat(ClientProfile.Setting.parse("seed").initial()).isEqualTo(ClientProfile.SEED);
        assertThat(ClientProfile.Setting.AUTO.initial()).isEqualTo(ClientProfile.SEED);
        assertThatThrownBy(() -> ClientProfile.Setting.parse("newest")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAnExplicitProfileFieldInHelloChoosesAProfile() {
        var referenceHello = Json.object().put("type", "hello").put("client", "uix-ui").put("version", "0.1");
        assertThat(ClientProfile.fromHello(referenceHello)).isEmpty();
        assertThat(ClientProfile.fromHello(referenceHello.deepCopy().put("profile", "latest")))
                .isEqualTo(Optional.of(ClientProfile.LATEST));
        assertThat(ClientProfile.fromHello(Json.object().put("profile", "SEED"))).contains(ClientProfile.SEED);
        assertThat(ClientProfile.fromHello(Json.object().put("profile", 2))).isEmpty();
        assertThat(ClientProfile.fromHello(Json.object().put("profile", "future"))).isEmpty();
    }

    @Test
    void hintsAndHelpersAreLatestOnlyButTheAssistantAndSyncAreNot() {
        assertThat(ClientProfile.isLatestOnly("song.hints.create")).isTrue();
        assertThat(ClientProfile.isLatestOnly("cue.apply_helper")).isTrue();
        assertThat(ClientProfile.isLatestOnly("llm.confirm_action")).isFalse(); // Beatlight's own page sends it
        assertThat(ClientProfile.isLatestOnly("transport.jump_to_time")).isFalse();
        assertThat(ClientProfile.isLatestOnly(null)).isFalse();
    }
}
