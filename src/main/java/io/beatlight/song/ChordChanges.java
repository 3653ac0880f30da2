package io.beatlight.song;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The chord changes of a Moises chords file for the state document's {@code song.analysis.chords}: a row per beat
 * becomes a row per new chord ({@code time_s}, {@code label}, {@code bar} and {@code beat} when given).
 */
final class ChordChanges {
    /** Enough for any song; keeps the state document small. */
    private static final int MAX_CHANGES = 512;
    /** From the simplest chord name to the most detailed. */
    private static final List<String> LABEL_KEYS = List.of("chord_simple_pop", "chord_basic_pop", "prev_chord");

    private final MetaFolder folder;

    ChordChanges(MetaFolder folder) {
        this.folder = folder;
    }

    /** None when the file is missing, unreadable (a problem) or not an array. */
    ArrayNode read(Path file) {
        JsonNode rows = folder.read(file);
        ArrayNode chords = Json.array();
        if (rows == null || !rows.isArray()) {
            return chords;
        }
        String previous = null;
        for (int i = 0; i < rows.size() && chords.size() < MAX_CHANGES; i++) {
            FieldReader row = FieldReader.of(file.getFileName().toString(), "[" + i + "]", rows.get(i),
                    folder::report);
            String label = label(row);
            Double time = row.finiteNumber("curr_beat_time");
            // "N" (no chord) is left out and does not end the chord before it
            if (label == null || label.equalsIgnoreCase("N") || label.equals(previous) || time == null) {
                continue;
            }
            previous = label;
            chords.add(change(row.node(), time, label));
        }
        return chords;
    }

    private static ObjectNode change(JsonNode row, double time, String label) {
        ObjectNode chord = Json.object().put("time_s", time).put("label", label);
        if (row.path("bar_num").isIntegralNumber()) {
            chord.put("bar", row.get("bar_num").asInt());
        }
        if (row.path("beat_num").isIntegralNumber()) {
            chord.put("beat", row.get("beat_num").asInt());
        }
        return chord;
    }

    /** The simplest chord name the row gives. */
    private static String label(FieldReader row) {
        for (String key : LABEL_KEYS) {
            String v = row.string(key);
            if (v != null && !v.trim().isEmpty()) {
                return v.trim();
            }
        }
        return null;
    }
}
