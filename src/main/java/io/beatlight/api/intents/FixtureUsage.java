package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.SongWatcher;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a fixture is used before it is removed: the loaded song's cue rows (with their index in {@code state.cues}),
 * the rows of every other song's cue sheet on disk, and the chasers whose steps name it. Removing the fixture leaves
 * those rows in their files, invalid (and out of rendering) until a fixture with that id is patched again.
 *
 * @param rows       the loaded song's valid rows that name the fixture, with their index in state.cues
 * @param otherSongs song id to the number of rows of its sheet that name the fixture
 * @param chasers    ids of chasers with a step for the fixture
 */
record FixtureUsage(String song, List<Row> rows, Map<String, Integer> otherSongs, List<String> chasers) {

    /** A row of the loaded sheet: its index in state.cues, time and effect. */
    record Row(int index, double time, String effect) {
    }

    static FixtureUsage of(ShowEngine engine, String fixtureId) {
        String loaded = engine.session().songId();
        List<Row> rows = new ArrayList<>();
        List<CueEntries.Entry> order = engine.session().sheetOrder();
        for (int i = 0; i < order.size(); i++) {
            CueEntries.Entry entry = order.get(i);
            if (!entry.chaser() && entry.target().equals(fixtureId)) {
                rows.add(new Row(i, entry.time(), entry.effect()));
            }
        }
        Map<String, Integer> others = new LinkedHashMap<>();
        for (SongWatcher.SongEntry song : engine.songs().catalog()) {
            if (song.id().equals(loaded)) {
                continue;
            }
            int count = count(CueSheetFiles.load(engine.folders().cues(), song.id()).sheet().rows(), fixtureId);
            if (count > 0) {
                others.put(song.id(), count);
            }
        }
        List<String> chasers = new ArrayList<>();
        for (ObjectNode chaser : engine.session().chaserDefinitions()) {
            for (JsonNode step : chaser.path("effects")) {
                if (fixtureId.equals(step.path("fixture_id").asText(null))) {
                    chasers.add(chaser.path("id").asText());
                    break;
                }
            }
        }
        return new FixtureUsage(loaded, rows, others, chasers);
    }

    private static int count(List<JsonNode> rows, String fixtureId) {
        int n = 0;
        for (JsonNode row : rows) {
            if (fixtureId.equals(row.path("fixture_id").asText(null))) {
                n++;
            }
        }
        return n;
    }

    /** Cue rows in every song that name the fixture. */
    int cueRows() {
        return rows.size() + otherSongs.values().stream().mapToInt(Integer::intValue).sum();
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        if (!rows.isEmpty()) {
            parts.add(rows.size() + " cue row" + (rows.size() == 1 ? "" : "s") + " of " + song);
        }
        otherSongs.forEach((id, n) -> parts.add(n + " cue row" + (n == 1 ? "" : "s") + " of " + id));
        return String.join(", ", parts);
    }

    /** {@code {fixture_id, song, rows: [{index, time, effect}], other_songs: {id: count}, chasers: [id]}}. */
    ObjectNode json(String fixtureId) {
        ObjectNode data = Json.object().put("fixture_id", fixtureId).put("song", song);
        ArrayNode list = data.putArray("invalid_rows");
        for (Row row : rows) {
            ObjectNode node = list.addObject().put("index", row.index());
            node.set("time", Json.number(row.time()));
            node.put("effect", row.effect());
        }
        ObjectNode others = data.putObject("other_songs");
        otherSongs.forEach(others::put);
        ArrayNode chaserIds = data.putArray("chasers");
        chasers.forEach(chaserIds::add);
        data.put("cue_rows", cueRows());
        return data;
    }
}
