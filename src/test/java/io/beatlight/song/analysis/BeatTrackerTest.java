package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beatlight.demo.DemoSong;
import io.beatlight.song.AudioDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tempo and beats of synthetic tracks with a known grid. */
class BeatTrackerTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} BPM, offset {1} s, swing {2}")
    @CsvSource({"70, 0.31, 0", "90, 0.5, 0", "100, 1.2, 0.2", "120, 0.37, 0", "128, 0.05, 0", "140, 0.8, 0.3",
            "150, 0.42, 0", "174, 0.6, 0", "180, 0.25, 0"})
    void findsTheTempoAndTheBeats(double bpm, double offset, double swing) {
        TrackSynth track = new TrackSynth(bpm, offset, 30, swing, (long) bpm);
        OnsetEnvelope envelope = OnsetEnvelope.of(track.samples, AudioDecoder.ANALYSIS_RATE);
        double tempo = BeatTracker.tempo(envelope);
        assertThat(Math.abs(tempo - bpm) / bpm).as("tempo %.2f vs %.0f", tempo, bpm).isLessThan(0.01);
        List<Double> beats = BeatTracker.beats(envelope, tempo);
        assertThat(TrackSynth.fMeasure(beats, track.beats)).as("F-measure").isGreaterThanOrEqualTo(0.95);
        List<Double> downbeats = BeatTracker.downbeats(envelope, beats, 4);
        assertThat(TrackSynth.fMeasure(downbeats, track.downbeats)).as("downbeat F").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theDemoSongDecodesAndTracksAt120() throws Exception {
        Path wav = dir.resolve("demo.wav");
        Files.write(wav, DemoSong.wav(DemoSong.render()));
        float[] samples = AudioDecoder.decodeMono(wav);
        assertThat(samples.length / (double) AudioDecoder.ANALYSIS_RATE).isCloseTo(DemoSong.lengthSeconds(),
                Offset.offset(0.05));
        OnsetEnvelope envelope = OnsetEnvelope.of(samples, AudioDecoder.ANALYSIS_RATE);
        double tempo = BeatTracker.tempo(envelope);
        assertThat(tempo).isCloseTo(120, Offset.offset(1.2));
        List<Double> expected = new ArrayList<>();
        for (double b : DemoSong.beats()) {
            if (b < 40 || b >= 48) { // the breakdown has no kick
                expected.add(b);
            }
        }
        List<Double> beats = BeatTracker.beats(envelope, tempo).stream().filter(b -> b < 40 || b >= 48).toList();
        assertThat(TrackSynth.fMeasure(beats, expected)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void corruptAudioIsAClearError() throws Exception {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "RIFF....WAVEnot really");
        assertThatThrownBy(() -> AudioDecoder.decodeMono(bad)).hasMessageContaining("bad.wav");
    }

    @Test
    void followsATempoChange() {
        TrackSynth track = new TrackSynth(new double[] {120, 140}, new double[] {30, 30}, 0.3, 0, 7, 0);
        OnsetEnvelope envelope = OnsetEnvelope.of(track.samples, AudioDecoder.ANALYSIS_RATE);
        List<Double> beats = BeatTracker.beats(envelope, BeatTracker.tempo(envelope));
        assertThat(TrackSynth.fMeasure(beats, track.beats)).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void silenceHasNoTempoNoBeatsAndOneSection() throws Exception {
        float[] silence = new float[AudioDecoder.ANALYSIS_RATE * 20];
        OnsetEnvelope envelope = OnsetEnvelope.of(silence, AudioDecoder.ANALYSIS_RATE);
        double tempo = BeatTracker.tempo(envelope);
        assertThat(BeatTracker.beats(envelope, tempo)).isEmpty();
        assertThat(Sections.find(BeatFeatures.of(silence, AudioDecoder.ANALYSIS_RATE, List.of()), List.of(), List.of(), 20))
                .hasSize(1);
        Path wav = dir.resolve("silence.wav");
        AnalysisIntegrationTest.writeWav(wav, silence);
        SongAnalyzer.Result result = SongAnalyzer.analyze(wav, p -> { }, () -> false);
        assertThat(result.beats()).isEmpty();
        assertThat(result.lengthSeconds()).isCloseTo(20, Offset.offset(0.01));
        assertThatThrownBy(() -> SongAnalyzer.analyze(wav, p -> { }, () -> true))
                .isInstanceOf(CancellationException.class);
    }
}
