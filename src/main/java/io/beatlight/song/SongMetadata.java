package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the show needs to know about a song, normalised from whichever metadata layout was found.
 *
 * @param lengthSeconds the song (and canvas) length
 * @param bpm           null when unknown
 * @param beatsPerBar   the metre: beats in a bar (3 for a waltz, 4 when nothing tells)
 * @param sections      sorted by start
 * @param analysis      the state document's {@code song.analysis} object, or null
 * @param problems      what could not be read, for {@code song_metadata_warnings}
 */
public record SongMetadata(String id, double lengthSeconds, Double bpm, int beatsPerBar, List<Section> sections,
                           List<Double> beats, List<Double> downbeats, JsonNode analysis, List<String> problems) {

    /** The first section, in stored order, with start ≤ t ≤ end. */
    public Section sectionAt(double t) {
        for (Section section : sections) {
            if (section.contains(t)) {
                return section;
            }
        }
        return null;
    }
}
