package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.AudioDuration;
import io.beatlight.song.analysis.SongAnalyzer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MP3s made by Debian's lame from a WAV click track decode on the WAV's timebase: the LAME tag's encoder delay
 * and padding and the decoder's 529 samples are trimmed, so clicks, beats and length match the original.
 */
class Mp3TimebaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} Hz, lame {1}")
    @CsvSource({"44100, -b 128", "44100, -V 2", "48000, -b 160", "48000, -V 4", "22050, -b 64"})
    void clicksBeatsAndLengthMatchTheWav(int rate, String lameArgs) throws Exception {
        ClickTrack track = new ClickTrack(rate, 120, 0.5, 12);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path mp3 = dir.resolve("clicks.mp3");
        assumeThat(Encoders.lame(wav, mp3, lameArgs.split(" "))).as("lame is installed (CI installs it)").isTrue();

        AudioDecoder.NativeAudio fromWav = AudioDecoder.decodeNative(wav);
        AudioDecoder.NativeAudio fromMp3 = AudioDecoder.decodeNative(mp3);
        assertThat(fromMp3.sampleRate()).isEqualTo(rate);
        assertThat(fromMp3.samples().length).as("gapless length").isEqualTo(track.lengthSamples());
        List<Double> wavClicks = track.onsets(fromWav.samples(), rate);
        List<Double> mp3Clicks = track.onsets(fromMp3.samples(), rate);
        assertThat(ClickTrack.medianOffsetMs(wavClicks, mp3Clicks)).isCloseTo(0, Offset.offset(0.5));
        assertThat(ClickTrack.maxOffsetMs(wavClicks, mp3Clicks)).isLessThan(1.0);

        // the library's length is the decoder's, from the header alone
        assertThat(AudioDuration.seconds(mp3)).hasValueSatisfying(
                s -> assertThat(s).isCloseTo(track.lengthSamples() / (double) rate, Offset.offset(1e-9)));
        float[] analysed = AudioDecoder.decodeMono(mp3);
        assertThat(analysed.length / (double) AudioDecoder.ANALYSIS_RATE).isCloseTo(
                track.lengthSamples() / (double) rate, Offset.offset(1.0 / AudioDecoder.ANALYSIS_RATE));

        SongAnalyzer.Result wavResult = SongAnalyzer.analyze(wav, p -> { }, () -> false);
        SongAnalyzer.Result mp3Result = SongAnalyzer.analyze(mp3, p -> { }, () -> false);
        assertThat(mp3Result.lengthSeconds()).isCloseTo(wavResult.lengthSeconds(), Offset.offset(0.001));
        assertThat(mp3Result.beats()).hasSameSizeAs(wavResult.beats());
        assertThat(ClickTrack.medianOffsetMs(wavResult.beats(), mp3Result.beats())).isCloseTo(0,
                Offset.offset(5.0));
    }

    @Test
    void anMp3WithoutATagKeepsTheDelaysAsBrowsersDo() throws Exception {
        ClickTrack track = new ClickTrack(44100, 120, 0.5, 6);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path mp3 = dir.resolve("untagged.mp3");
        assumeThat(Encoders.lame(wav, mp3, "-t", "-b", "128")).as("lame is installed").isTrue();

        AudioDecoder.NativeAudio fromWav = AudioDecoder.decodeNative(wav);
        AudioDecoder.NativeAudio fromMp3 = AudioDecoder.decodeNative(mp3);
        // every frame is played: a whole number of 1152-sample frames covering delay + audio + padding
        assertThat(fromMp3.samples().length % 1152).isZero();
        assertThat(fromMp3.samples().length).isGreaterThan(track.lengthSamples() + 576 + 529);
        double lateMs = (576 + Mp3Decoder.DECODER_DELAY) * 1000.0 / 44100;
        assertThat(ClickTrack.medianOffsetMs(track.onsets(fromWav.samples(), 44100),
                track.onsets(fromMp3.samples(), 44100))).isCloseTo(lateMs, Offset.offset(0.5));
        assertThat(AudioDuration.seconds(mp3)).hasValue(fromMp3.seconds());
    }

    @Test
    void id3TagsBeforeTheAudioDoNotMoveIt() throws Exception {
        ClickTrack track = new ClickTrack(44100, 120, 0.5, 4);
        Path wav = track.writeWav(dir.resolve("clicks.wav"));
        Path mp3 = dir.resolve("tagged.mp3");
        List<String> args = new ArrayList<>(List.of("-b", "128", "--id3v2-only", "--tt", "A title"));
        assumeThat(Encoders.lame(wav, mp3, args.toArray(String[]::new))).as("lame is installed").isTrue();
        AudioDecoder.NativeAudio fromMp3 = AudioDecoder.decodeNative(mp3);
        assertThat(fromMp3.samples().length).isEqualTo(track.lengthSamples());
        assertThat(ClickTrack.medianOffsetMs(track.clicks, track.onsets(fromMp3.samples(), 44100)))
                .isCloseTo(0, Offset.offset(0.5));
    }
}
