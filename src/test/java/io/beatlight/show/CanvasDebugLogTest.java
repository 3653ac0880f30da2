package io.beatlight.show;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.beatlight.effects.RenderVersion;

class CanvasDebugLogTest {
    @TempDir
    Path dir;

    @Test
    void oneLinePerLitFrameWithThreeDecimalsAndUpperCaseHex() throws Exception {
        TestShow.withReferenceRig(dir);
        Rig rig = RigLoader.load(dir.resolve("fixtures")).rig();
        Canvas canvas = new Renderer(new EffectRegistry()).render(new RenderInput(rig, List.of(),
                List.of(new CueRow(0.025, "parcan_l", "full", 0, Json.object(), 0)), 0.05, 60, RenderVersion.V1));
        String[] lines = CanvasDebugLog.format(canvas, rig).split("\n");
        assertThat(lines).hasSize(canvas.frameCount());
        assertThat(lines[0]).startsWith("[0.000] 00.00.00.00.00.00.FF.");
        assertThat(lines[0].substring(8).split("\\.")).hasSize(65);
        assertThat(lines[2]).startsWith("[0.033] ");
        assertThat(lines[2]).contains(".FF.FF.FF.FF.");
        Path written = CanvasDebugLog.write(dir, "Song", canvas, rig);
        assertThat(written.getFileName().toString()).isEqualTo("Song.dmx.log");
    }
}
