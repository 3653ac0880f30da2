package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.AudioDuration;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.analysis.SongAnalyzer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ogg Vorbis (oggenc) and FLAC (flac) made from a WAV click track put their clicks where the WAV has them. */
class OggFlacTimebaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "Ogg Vorbis at {0} Hz")
    @ValueSource(ints = {44100, 48000})
    void vorbisClicksAndLengthMatchTheWav(int rate) throws Exception {
        ClickTrack track = new ClickTrack(rate, 120, 0.5, 8);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path ogg = dir.resolve("clicks.ogg");
        assumeThat(Encoders.oggenc(wav, ogg, "-q", "4")).as("oggenc is installed (vorbis-tools)").isTrue();
        assertSameTimebase(track, wav, ogg);
    }

    @ParameterizedTest(name = "FLAC at {0} Hz")
    @ValueSource(ints = {44100, 48000})
    void flacClicksAndLengthMatchTheWav(int rate) throws Exception {
        ClickTrack track = new ClickTrack(rate, 120, 0.5, 8);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path flac = dir.resolve("clicks.flac");
        assumeThat(Encoders.flac(wav, flac)).as("flac is installed").isTrue();
        assertSameTimebase(track, wav, flac);
        // lossless: the very samples of the WAV
        assertThat(Arrays.equals(AudioDecoder.decodeNative(flac).samples(), AudioDecoder.decodeNative(wav).samples()))
                .isTrue();
    }

    private static void assertSameTimebase(ClickTrack track, Path wav, Path encoded) throws Exception {
        AudioDecoder.NativeAudio fromWav = AudioDecoder.decodeNative(wav);
        AudioDecoder.NativeAudio decoded = AudioDecoder.decodeNative(encoded);
        assertThat(decoded.sampleRate()).isEqualTo(track.rate);
        assertThat(decoded.samples().length).isEqualTo(track.lengthSamples());
        List<Double> wavClicks = track.onsets(fromWav.samples(), track.rate);
        List<Double> clicks = track.onsets(decoded.samples(), track.rate);
        assertThat(ClickTrack.maxOffsetMs(wavClicks, clicks)).isLessThan(1.0);
        assertThat(AudioDuration.seconds(encoded)).hasValueSatisfying(
                s -> assertThat(s).isCloseTo(track.lengthSamples() / (double) track.rate, Offset.offset(1e-9)));
    }

    @Test
    void everyListedFormatIsAnalysable() throws Exception {
        ClickTrack track = new ClickTrack(44100, 120, 0.5, 10);
        Path wav = track.writeWav(dir.resolve("song.wav"));
        assumeThat(Encoders.lame(wav, dir.resolve("song.mp3"), "-b", "128")
                && Encoders.oggenc(wav, dir.resolve("song.ogg"))
                && Encoders.flac(wav, dir.resolve("song.flac"))).as("lame, oggenc and flac are installed").isTrue();
        SongAnalyzer.Result reference = SongAnalyzer.analyze(wav, p -> { }, () -> false);
        for (String suffix : SongLibrary.AUDIO_SUFFIXES) {
            Path file = dir.resolve("song" + suffix);
            SongAnalyzer.Result result = SongAnalyzer.analyze(file, p -> { }, () -> false);
            assertThat(result.lengthSeconds()).as(suffix).isCloseTo(reference.lengthSeconds(), Offset.offset(0.001));
            assertThat(result.bpm()).as(suffix).isCloseTo(120, Offset.offset(1.0));
            assertThat(ClickTrack.medianOffsetMs(reference.beats(), result.beats())).as(suffix)
                    .isCloseTo(0, Offset.offset(5.0));
        }
    }
}
