package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --osc-port and --osc-host: off and on loopback unless asked. */
class OscFlagsTest {
    @TempDir
    Path dir;

    private Config parse(String... extra) {
        String[] args = new String[extra.length + 2];
        args[0] = "--show-dir";
        args[1] = dir.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return Config.parse(args);
    }

    @Test
    void oscIsOffAndOnLoopbackByDefault() {
        Config config = parse();
        if (System.getenv("BEATLIGHT_OSC_PORT") == null) {
            assertThat(config.oscPort()).isEmpty();
        }
        if (System.getenv("BEATLIGHT_OSC_HOST") == null) {
            assertThat(config.oscHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void portsAndHostsAreReadAndCheckedAtStart() {
        assertThat(parse("--osc-port", "9000").oscPort()).hasValue(9000);
        assertThat(parse("--osc-port", "0").oscPort()).hasValue(0);
        assertThat(parse("--osc-port", "off").oscPort()).isEmpty();
        assertThat(parse("--osc-host", "0.0.0.0").oscHost()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> parse("--osc-port", "70000")).hasMessageContaining("--osc-port");
        assertThatThrownBy(() -> parse("--osc-port", "nine")).hasMessageContaining("--osc-port");
    }
}
