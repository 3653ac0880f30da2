package io.beatlight.song.analysis;

import io.beatlight.song.Section;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import io.beatlight.song.AudioDecoder;

/**
 * The whole analysis of one song: decode, onset envelope, the counted beat and metre, beats, downbeats, sections and
 * a loudness envelope; written in the reference's metadata layout so both systems read it.
 */
public final class SongAnalyzer {
    private SongAnalyzer() {
    }

    /**
     * What the analysis found. {@code beatsPerBar} is the metre's beat count per bar (3 for a waltz, 4 for common
     * time); {@code loudness} is RMS per 100 ms.
     */
    public record Result(double lengthSeconds, double bpm, int beatsPerBar, List<Double> beats,
                         List<Double> downbeats, List<Section> sections, double[] loudness) {
    }

    /**
     * Analyses a song file, reporting progress (0..100) and stopping with a CancellationException when
     * {@code cancelled} turns true.
     */
    public static Result analyze(Path audio, IntConsumer progress, BooleanSupplier cancelled) throws IOException {
        progress.accept(0);
        float[] samples = AudioDecoder.decodeMono(audio);
        check(cancelled);
        progress.accept(40);
        OnsetEnvelope envelope = OnsetEnvelope.of(samples, AudioDecoder.ANALYSIS_RATE);
        check(cancelled);
        progress.accept(60);
        double length = samples.length / (double) AudioDecoder.ANALYSIS_RATE;
        MetreDetector.Metre metre = MetreDetector.detect(envelope);
        List<Double> beats = metre.beats() != null ? metre.beats() : BeatTracker.beats(envelope, metre.bpm());
        double bpm = BeatTracker.tempoOfBeats(beats, metre.bpm());
        check(cancelled);
        progress.accept(80);
        int beatsPerBar = metre.beatsPerBar();
        BeatFeatures features = BeatFeatures.of(samples, AudioDecoder.ANALYSIS_RATE, beats);
        check(cancelled);
        List<Double> downbeats = Downbeats.find(features, beats, beatsPerBar);
        List<Section> sections = Sections.find(features, beats, downbeats, length);
        double[] loudness = loudness(samples);
        progress.accept(100);
        return new Result(length, bpm, beatsPerBar, beats, downbeats, sections, loudness);
    }

    private static void check(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("analysis cancelled");
        }
    }

    static double[] loudness(float[] samples) {
        int window = AudioDecoder.ANALYSIS_RATE / 10;
        double[] out = new double[samples.length / window + 1];
        for (int w = 0; w < out.length; w++) {
            double sum = 0;
            int n = 0;
            for (int i = w * window; i < Math.min(samples.length, (w + 1) * window); i++) {
                sum += samples[i] * samples[i];
                n++;
            }
            out[w] = n == 0 ? 0 : Math.sqrt(sum / n);
        }
        return out;
    }
}
