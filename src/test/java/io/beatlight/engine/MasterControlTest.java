package io.beatlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.playback.MasterOutput;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.testutil.TestShow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterControlTest {
    @TempDir
    Path dir;

    @Test
    void intensityIsTheDimmerChannelOrElseTheColourChannels() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir);
        Path fixtures = show.fixtures();
        Files.writeString(fixtures.resolve("fixture.parcan.rgbw_nodim.json"), """
                {"id": "rgbw_nodim", "type": "parcan", "channels": {"Red": 0, "green": 1, "blue": 2, "white": 3, "macro": 4},
                 "meta_channels": {}, "mappings": {}}""");
        Files.writeString(fixtures.resolve("fixtures.json"), """
                [{"id": "par", "name": "Par", "fixture": "fixture.parcan.rgb_gen", "base_channel": 10},
                 {"id": "head", "name": "Head", "fixture": "fixture.moving_head.head_el150", "base_channel": 1, "universe": 2},
                 {"id": "bar", "name": "Bar", "fixture": "fixture.parcan.rgbw_nodim", "base_channel": 100}]""");
        Rig rig = RigLoader.load(fixtures).rig();
        assertThat(rig.fixtures()).hasSize(3);
        Map<Integer, int[]> channels = MasterControl.intensityChannels(rig);
        // the par's dim (10) only; the bar has no dimmer: its colour channels 100..103, not its macro (104)
        assertThat(channels.get(0)).containsExactlyInAnyOrder(10, 100, 101, 102, 103);
        assertThat(channels.get(2)).containsExactly(6); // the head's dim, not its shutter (7)

        List<MasterOutput> published = new ArrayList<>();
        MasterControl master = new MasterControl();
        master.publishTo(published::add);
        master.rigChanged(rig);
        assertThat(master.setDimmerPercent(150)).isFalse(); // clamped to 100, where it is
        assertThat(master.dimmerPercent()).isEqualTo(100);
        assertThat(master.setDimmerPercent(50)).isTrue();
        assertThat(master.setDimmerPercent(50)).isFalse();
        assertThat(master.setBlackout(true)).isTrue();
        byte[] universe = new byte[512];
        universe[9] = (byte) 255;
        universe[10] = (byte) 255;
        published.get(published.size() - 1).apply(0, universe, 0);
        assertThat(universe[9]).isZero();
        assertThat(universe[10] & 0xFF).isEqualTo(255); // the par's red: it has a dimmer, so colour is not scaled
        assertThat(master.setBlackout(false)).isTrue();
        assertThat(published.get(published.size() - 1).isFull()).isFalse();
    }
}
