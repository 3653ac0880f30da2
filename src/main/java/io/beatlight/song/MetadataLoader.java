package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a song's metadata from every layout song analysis leaves in the meta folder ({@link SongMetaFiles} says
 * where each one lives) and merges them into one {@link SongMetadata}. This class keeps only the order in which the
 * layouts are read; each concern has its reader: {@link SectionsReader}, {@link BeatGridReader} (with
 * {@link BeatsFile}), {@link TempoAndLength}, {@link EssentiaPlots} and {@link ChordChanges}. Problems never fail
 * the load; they are collected, in the order found, for a {@code song_metadata_warnings} event.
 */
public final class MetadataLoader {
    private MetadataLoader() {
    }

    /** Loads the metadata of song {@code id}; {@code audioFile} (may be null) gives the length as a fallback. */
    public static SongMetadata load(Path metaRoot, String id, Path audioFile) {
        MetaFolder folder = new MetaFolder(metaRoot);
        SongMetaFiles files = new SongMetaFiles(metaRoot, id);
        Path seedFile = files.seed();
        FieldReader seed = seedFile == null ? null : folder.readObject(seedFile);
        FieldReader info = folder.readObject(files.info());
        Double bpm = TempoAndLength.bpm(seed, info);
        List<Section> sections = new SectionsReader(folder).read(seed, seedFile, files.sections());
        BeatGrid grid = new BeatGridReader(folder).read(seed, seedFile, info, files);
        double length = TempoAndLength.length(seed, info, audioFile, grid, sections, folder);
        JsonNode analysis = analysis(folder, info, files);
        return new SongMetadata(id, length, bpm, grid.beatsPerBar(), sections, grid.beats(), grid.downbeats(),
                analysis, folder.problems());
    }

    /** The state document's {@code song.analysis}: plots and chord changes, or null when there are neither. */
    private static JsonNode analysis(MetaFolder folder, FieldReader info, SongMetaFiles files) {
        ArrayNode plots = new EssentiaPlots(folder).read(info, files.songDir());
        ArrayNode chords = new ChordChanges(folder).read(files.chords());
        if (plots.isEmpty() && chords.isEmpty()) {
            return null;
        }
        ObjectNode analysis = Json.object();
        analysis.set("plots", plots);
        analysis.set("chords", chords);
        return analysis;
    }
}
