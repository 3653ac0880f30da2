package io.beatlight.song.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.song.PartKeys;
import io.beatlight.song.Section;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FolderBounds;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an analysis in the reference's metadata layout (data-contracts §8.1), so both systems read it:
 * {@code meta/<id>/<id>.json} with {@code filename}, {@code length}, {@code bpm}, {@code beats_per_bar}, {@code parts},
 * {@code artifacts}; {@code meta/<id>/beats.json} (object shape) and {@code loudness.json}. Every section gets its
 * own key in {@code parts} ({@link PartKeys}: {@code chorus_1}, {@code chorus_2}). The reference ignores the keys it
 * does not know ({@code beats_per_bar}, {@code generated_by}).
 */
public final class AnalysisWriter {
    private AnalysisWriter() {
    }

    /** The files written, atomically; an existing file is kept as {@code .bak}. The metadata file is written last. */
    public static List<Path> write(Path metaRoot, String id, SongAnalyzer.Result result) throws IOException {
        Path dir = metaRoot.resolve(id);
        Path beatsFile = dir.resolve("beats.json");
        Path loudnessFile = dir.resolve("loudness.json");
        Path metaFile = dir.resolve(id + ".json");
        for (Path file : List.of(beatsFile, loudnessFile, metaFile)) {
            FolderBounds.requireInside(metaRoot, file);
        }
        AtomicFiles.writeJson(beatsFile, beats(result), true);
        AtomicFiles.writeJson(loudnessFile, loudness(result), true);
        AtomicFiles.writeJson(metaFile, metadata(id, result), true);
        return List.of(metaFile, beatsFile, loudnessFile);
    }

    static ObjectNode metadata(String id, SongAnalyzer.Result result) {
        ObjectNode meta = Json.object();
        meta.put("filename", id);
        meta.put("length", round(result.lengthSeconds()));
        meta.put("bpm", round(result.bpm()));
        meta.put("beats_per_bar", result.beatsPerBar());
        ObjectNode parts = meta.putObject("parts");
        List<Section> sections = result.sections();
        List<String> keys = PartKeys.of(sections);
        for (int i = 0; i < sections.size(); i++) {
            parts.putArray(keys.get(i)).add(round(sections.get(i).startS())).add(round(sections.get(i).endS()));
        }
        meta.putObject("artifacts").put("beats_file", "beats.json").put("loudness_file", "loudness.json");
        meta.put("generated_by", "beatlight analyzer");
        return meta;
    }

    private static ObjectNode beats(SongAnalyzer.Result result) {
        ObjectNode beats = Json.object();
        ArrayNode b = beats.putArray("beats");
        result.beats().forEach(t -> b.add(round(t)));
        ArrayNode d = beats.putArray("downbeats");
        result.downbeats().forEach(t -> d.add(round(t)));
        return beats;
    }

    private static ObjectNode loudness(SongAnalyzer.Result result) {
        ObjectNode loudness = Json.object().put("hop_s", 0.1);
        ArrayNode l = loudness.putArray("rms");
        for (double v : result.loudness()) {
            l.add(Math.rint(v * 10000) / 10000);
        }
        return loudness;
    }

    /** Milliseconds, ties to even. */
    static double round(double seconds) {
        return Math.rint(seconds * 1000) / 1000;
    }
}
