package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The sACN and Art-Net port flags, parsed and validated. */
class OutputFlagsTest {

    @Test
    void sacnIsOffByDefaultAndTargetsDefaultToPort5568() {
        Config none = Config.parse();
        assertThat(none.sacnEnabled()).isFalse();
        assertThat(none.sacnPriority()).isEqualTo(100);
        assertThat(none.sacnSyncUniverse()).isZero();

        Config two = Config.parse("--sacn-targets", "127.0.0.1, 127.0.0.1:6000", "--sacn-priority", "150",
                "--sacn-sync-universe", "7000");
        assertThat(two.sacnEnabled()).isTrue();
        assertThat(two.sacnTargets()).containsExactly(new InetSocketAddress("127.0.0.1", 5568),
                new InetSocketAddress("127.0.0.1", 6000));
        assertThat(two.sacnPriority()).isEqualTo(150);
        assertThat(two.sacnSyncUniverse()).isEqualTo(7000);
        assertThat(Config.parse("--sacn-multicast").sacnEnabled()).isTrue();
    }

    @Test
    void badSacnValuesAreRejectedWithAReadableMessage() {
        assertThatThrownBy(() -> Config.parse("--sacn-priority", "201")).hasMessageContaining("--sacn-priority");
        assertThatThrownBy(() -> Config.parse("--sacn-sync-universe", "64000"))
                .hasMessageContaining("--sacn-sync-universe");
        assertThatThrownBy(() -> Config.parse("--sacn-targets", "127.0.0.1:99999"))
                .hasMessageContaining("sACN target");
    }
}
