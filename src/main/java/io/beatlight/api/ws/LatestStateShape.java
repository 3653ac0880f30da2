package io.beatlight.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.HintIntents;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaChannel;
import io.beatlight.rig.MetaKind;
import io.beatlight.rig.Rig;
import io.beatlight.song.CountedBeats;
import io.beatlight.song.HumanHints;
import io.beatlight.song.SongMetadata;
import io.beatlight.tools.cuehelpers.CueHelpers;
import io.beatlight.util.Json;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state document as the latest reference client reads it, made from the seed-shaped document
 * (docs/protocol.md#client-profiles): {@code song.beats} as {@code {time, bar, beat, type, chord?}} objects (no
 * {@code downbeats}), {@code song.analysis} always an object with {@code events}, {@code patterns},
 * {@code human_hints} and {@code human_hints_status}, enum values as the mapping's DMX value key (the string its
 * dropdowns select by) instead of the label, and {@code cue_helpers}. The seed document's nodes are shared, never
 * changed. Engine thread only.
 */
final class LatestStateShape {
    /** A chord change this close after a beat's time still belongs to that beat. */
    private static final double CHORD_TOLERANCE_S = 0.05;

    private final HintIntents hints;
    /** Seed fixture entry → its latest entry; entries of fixtures that did not change are the same nodes. */
    private Map<JsonNode, ObjectNode> fixtureEntries = new IdentityHashMap<>();
    private SongMetadata beatsFor;
    private JsonNode beatsChords;
    private ArrayNode beats;

    LatestStateShape(HintIntents hints) {
        this.hints = hints;
    }

    ObjectNode shape(ObjectNode seed, ShowEngine engine) {
        ObjectNode latest = Json.object();
        latest.setAll(seed);
        latest.set("fixtures", fixtures((ObjectNode) seed.get("fixtures"), engine.rig()));
        latest.set("song", song(seed.get("song"), engine));
        latest.set("cue_helpers", CueHelpers.definitionsNode());
        return latest;
    }

    // ---- fixtures ---------------------------------------------------------------------------------------------

    private ObjectNode fixtures(ObjectNode seed, Rig rig) {
        Map<JsonNode, ObjectNode> next = new IdentityHashMap<>();
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> field : seed.properties()) {
            JsonNode entry = field.getValue();
            ObjectNode shaped = fixtureEntries.get(entry);
            if (shaped == null) {
                shaped = rig.fixture(field.getKey()).map(f -> withValueKeys((ObjectNode) entry, f))
                        .orElse((ObjectNode) entry);
            }
            next.put(entry, shaped);
            out.set(field.getKey(), shaped);
        }
        fixtureEntries = next;
        return out;
    }

    /** The entry with each enum value that is a mapping label turned into the key of that label. */
    private static ObjectNode withValueKeys(ObjectNode entry, Fixture fixture) {
        ObjectNode values = null;
        for (MetaChannel meta : fixture.template().metaChannels().values()) {
            JsonNode value = entry.path("values").get(meta.id());
            Map<String, String> table = meta.kind() == MetaKind.ENUM
                    ? fixture.template().mappings().get(meta.mapping()) : null;
            if (table == null || value == null || !value.isTextual()) {
                continue;
            }
            Optional<String> key = table.entrySet().stream().filter(e -> e.getValue().equals(value.asText()))
                    .map(Map.Entry::getKey).findFirst();
            if (key.isPresent()) {
                if (values == null) {
                    values = ((ObjectNode) entry.get("values")).deepCopy();
                }
                values.put(meta.id(), key.get());
            }
        }
        if (values == null) {
            return entry;
        }
        ObjectNode shaped = Json.object();
        shaped.setAll(entry);
        shaped.set("values", values);
        return shaped;
    }

    // ---- song -------------------------------------------------------------------------------------------------

    private JsonNode song(JsonNode seed, ShowEngine engine) {
        SongMetadata meta = engine.session().song();
        if (seed == null || !seed.isObject() || meta == null) {
            return seed;
        }
        ObjectNode song = Json.object();
        song.setAll((ObjectNode) seed);
        song.remove("downbeats");
        JsonNode chords = seed.path("analysis").path("chords");
        song.set("beats", beats(meta, chords));
        song.set("analysis", analysis(seed.get("analysis"), hints.current(engine)));
        return song;
    }

    /** Counted once per loaded song (the list is shared by every build until the song changes). */
    private ArrayNode beats(SongMetadata meta, JsonNode chords) {
        if (meta != beatsFor || !chords.equals(beatsChords)) {
            ArrayNode list = Json.array();
            List<CountedBeats.Beat> counted = CountedBeats.of(meta);
            int chord = -1;
            for (CountedBeats.Beat b : counted) {
                ObjectNode row = list.addObject();
                row.set("time", Json.number(b.time()));
                row.put("bar", b.bar()).put("beat", b.beat()).put("type", b.type());
                while (chords.isArray() && chord + 1 < chords.size()
                        && chords.get(chord + 1).path("time_s").asDouble() <= b.time() + CHORD_TOLERANCE_S) {
                    chord++;
                }
                if (chord >= 0 && chords.get(chord).path("label").isTextual()) {
                    row.put("chord", chords.get(chord).get("label").asText());
                }
            }
            beats = list;
            beatsFor = meta;
            beatsChords = chords;
        }
        return beats;
    }

    private static ObjectNode analysis(JsonNode seed, Optional<HumanHints> hints) {
        ObjectNode analysis = Json.object();
        if (seed != null && seed.isObject()) {
            analysis.setAll((ObjectNode) seed);
        }
        for (String list : List.of("plots", "chords", "events", "patterns")) {
            if (!analysis.path(list).isArray()) {
                analysis.set(list, Json.array());
            }
        }
        analysis.set("human_hints", HintIntents.rows(hints));
        analysis.set("human_hints_status", HintIntents.status(hints));
        return analysis;
    }
}
