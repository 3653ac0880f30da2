package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.testutil.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benchmarks start the server as the launcher script does; this keeps the two the same. */
class LauncherScriptTest {
    @Test
    void benchmarksUseTheLaunchersJvmOptions() throws Exception {
        String script = Files.readString(Path.of("beatlight"));
        assertThat(script).contains("${BEATLIGHT_JAVA_OPTS:-" + String.join(" ", ServerProcess.LAUNCHER_JVM_OPTIONS)
                + "}");
    }
}
