package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.song.analysis.SongAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The analyser's beats on a WAV click track sit on the clicks: no systematic offset anywhere in the pipeline. */
class BeatTimebaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} BPM")
    @ValueSource(ints = {96, 128})
    void beatsAreOnTheClicks(int bpm) throws Exception {
        ClickTrack track = new ClickTrack(44100, bpm, 0.5, 20);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        SongAnalyzer.Result result = SongAnalyzer.analyze(wav, p -> { }, () -> false);
        List<Double> nearestClick = new ArrayList<>();
        List<Double> matched = new ArrayList<>();
        for (double beat : result.beats()) {
            double nearest = track.clicks.get(0);
            for (double click : track.clicks) {
                if (Math.abs(click - beat) < Math.abs(nearest - beat)) {
                    nearest = click;
                }
            }
            if (Math.abs(nearest - beat) < 0.07) {
                nearestClick.add(nearest);
                matched.add(beat);
            }
        }
        assertThat(matched.size()).isGreaterThan(track.clicks.size() * 3 / 4);
        assertThat(ClickTrack.medianOffsetMs(nearestClick, matched)).isCloseTo(0, Offset.offset(5.0));
    }
}
