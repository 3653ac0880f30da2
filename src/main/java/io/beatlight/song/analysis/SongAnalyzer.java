package io.beatlight.song.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.song.Section;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.Json;
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
        double bpm = metre.bpm();
        List<Double> beats = metre.beats() != null ? metre.beats() : BeatTracker.beats(envelope, bpm);
        check(cancelled);
        progress.accept(80);
        int beatsPerBar = metre.beatsPerBar();
        List<Double> downbeats = BeatTracker.downbeats(envelope, beats, beatsPerBar);
        List<Section> sections = Sections.find(envelope, downbeats, length);
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

    /**
     * Writes {@code meta/<id>/<id>.json} (filename, length, bpm, parts, artifacts) and {@code meta/<id>/beats.json}
     * plus {@code loudness.json}, atomically; an existing metadata file is kept as {@code .bak}.
     */
    public static void write(Path metaRoot, String id, Result result) throws IOException {
        Path dir = metaRoot.resolve(id);
        ObjectNode meta = Json.object();
        meta.put("filename", id);
        meta.put("length", round(result.lengthSeconds()));
        meta.put("bpm", round(result.bpm()));
        ObjectNode parts = meta.putObject("parts");
        for (Section s : result.sections()) {
            parts.putArray(s.name()).add(round(s.startS())).add(round(s.endS()));
        }
        meta.putObject("artifacts").put("beats_file", "beats.json").put("loudness_file", "loudness.json");
        meta.put("generated_by", "beatlight analyzer");
        ObjectNode beats = Json.object();
        ArrayNode b = beats.putArray("beats");
        result.beats().forEach(t -> b.add(round(t)));
        ArrayNode d = beats.putArray("downbeats");
        result.downbeats().forEach(t -> d.add(round(t)));
        ObjectNode loudness = Json.object().put("hop_s", 0.1);
        ArrayNode l = loudness.putArray("rms");
        for (double v : result.loudness()) {
            l.add(Math.rint(v * 10000) / 10000);
        }
        AtomicFiles.writeJson(dir.resolve("beats.json"), beats, true);
        AtomicFiles.writeJson(dir.resolve("loudness.json"), loudness, true);
        AtomicFiles.writeJson(dir.resolve(id + ".json"), meta, true);
    }

    private static double round(double seconds) {
        return Math.rint(seconds * 1000) / 1000;
    }
}
