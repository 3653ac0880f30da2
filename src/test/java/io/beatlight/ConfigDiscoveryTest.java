package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The discovery flags: off unless destinations are given, loopback-only binding for loopback destinations. */
class ConfigDiscoveryTest {

    @Test
    void discoveryIsOffByDefault() {
        Config config = Config.parse();
        assertThat(config.artpollTargets()).isEmpty();
        assertThat(config.artpollIntervalMillis()).isEqualTo(3000);
        assertThat(config.artpollSourcePort()).isZero();
        assertThat(config.nodeStaleAfterMillis()).isEqualTo(10_000);
    }

    @Test
    void destinationsParseLikeArtNetTargets() {
        Config config = Config.parse("--artpoll-targets", "127.0.0.1, 127.0.0.2:7000", "--artpoll-interval", "2500",
                "--node-stale-after", "4");
        assertThat(config.artpollTargets()).containsExactly(new InetSocketAddress("127.0.0.1", 6454),
                new InetSocketAddress("127.0.0.2", 7000));
        assertThat(config.artpollBindHost()).isEqualTo("127.0.0.1");
        assertThat(config.artpollIntervalMillis()).isEqualTo(2500);
        assertThat(config.nodeStaleAfterMillis()).isEqualTo(4000);
    }

    @Test
    void badValuesAreRefusedWithAReadableMessage() {
        assertThatThrownBy(() -> Config.parse("--artpoll-targets", "127.0.0.1:99999"))
                .hasMessage("bad port in ArtPoll target '127.0.0.1:99999'");
        assertThatThrownBy(() -> Config.parse("--artpoll-interval", "10"))
                .hasMessageContaining("--artpoll-interval");
        assertThatThrownBy(() -> Config.parse("--node-stale-after", "0"))
                .hasMessageContaining("--node-stale-after");
        assertThatThrownBy(() -> Config.parse("--artpoll-source-port", "70000"))
                .hasMessageContaining("--artpoll-source-port");
    }
}
