package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.analysis.MmaTracks.Song;
import io.beatlight.song.analysis.MmaTracks.Track;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The analyser counts the beat a musician would notate, finds the metre and puts its beats on the grid, on short
 * arrangements rendered from MIDI with real instrument samples (mma, fluidsynth and lame must be installed; the
 * tracks are cached in target/mma-set), as WAV and as MP3: a waltz in 3, a 72 BPM ballad that is not read at 144,
 * a 180 BPM country shuffle that is not read at 90, a bossa nova at 136 and a 12/8 doo-wop counted in dotted
 * quarters.
 */
class TempoAndMetreTest {
    static Stream<Song> shortTracks() {
        return MmaTracks.quickSet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shortTracks")
    void theNotatedTempoTheMetreAndTheBeats(Song song) throws Exception {
        Track track = MmaTracks.render(song);
        for (Path audio : List.of(track.wav(), track.mp3())) {
            SongAnalyzer.Result result = SongAnalyzer.analyze(audio, p -> { }, () -> false);
            String name = audio.getFileName().toString();
            assertThat(result.bpm()).as("tempo of %s", name).isBetween(song.bpm() * 0.96, song.bpm() * 1.04);
            assertThat(result.beatsPerBar()).as("beats per bar of %s", name).isEqualTo(song.beatsPerBar());
            assertThat(TrackSynth.fMeasure(result.beats(), track.beats())).as("beat F-measure of %s", name)
                    .isGreaterThanOrEqualTo(0.95);
        }
    }

    @ParameterizedTest(name = "{0} BPM")
    @CsvSource({"100", "128"})
    void aDrumLoopWithoutChordsKeepsItsKickPulse(double bpm) {
        TrackSynth loop = new TrackSynth(bpm, 0.3, 40, 0, 3);
        OnsetEnvelope envelope = OnsetEnvelope.of(loop.samples, AudioDecoder.ANALYSIS_RATE);
        MetreDetector.Metre metre = MetreDetector.detect(envelope);
        assertThat(metre.bpm()).isBetween(bpm * 0.99, bpm * 1.01);
        assertThat(metre.beatsPerBar()).isEqualTo(4);
    }
}
