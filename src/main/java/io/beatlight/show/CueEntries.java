package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.Rig;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A cue sheet's rows checked against the rig and the chasers (docs/protocol.md#cue-row-rules): each row is valid or
 * carries the reason it is not. Invalid rows stay in the file untouched but are neither rendered nor shown.
 */
public final class CueEntries {
    /** One row of the file. {@code problem} is null for a valid row. */
    public record Entry(int fileIndex, JsonNode row, String problem, boolean chaser) {
        public boolean valid() {
            return problem == null;
        }

        public double time() {
            return row.get("time").asDouble();
        }

        /** {@code fixture_id} or {@code chaser_id}. */
        public String target() {
            return chaser ? row.get("chaser_id").asText() : row.get("fixture_id").asText();
        }

        public String effect() {
            return chaser ? "" : row.get("effect").asText();
        }
    }

    private final List<Entry> entries;
    private final List<Entry> sheetOrder;

    private CueEntries(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        List<Entry> valid = new ArrayList<>();
        for (Entry e : entries) {
            if (e.valid()) {
                valid.add(e);
            }
        }
        valid.sort(SHEET_ORDER);
        this.sheetOrder = List.copyOf(valid);
    }

    /** Sheet order: time, then fixture or chaser id, then effect; file order on ties (a stable sort). */
    public static final Comparator<Entry> SHEET_ORDER = (a, b) -> {
        if (a.time() != b.time()) {
            return a.time() < b.time() ? -1 : 1;
        }
        int byTarget = a.target().compareTo(b.target());
        return byTarget != 0 ? byTarget : a.effect().compareTo(b.effect());
    };

    public static CueEntries check(List<JsonNode> rows, Rig rig, EffectRegistry registry, Chasers chasers,
                                   RenderVersion version) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            boolean chaser = row.isObject() && row.has("chaser_id");
            entries.add(new Entry(i, row, problem(row, rig, registry, chasers, version), chaser));
        }
        return new CueEntries(entries);
    }

    /**
     * As {@link #check}, after an edit of a sheet whose rows were checked as {@code previous} against the same rig,
     * effects, chasers and render version: a row that is the very same (unchanged, immutable) node keeps its verdict,
     * so editing one row of a 3,600-row sheet checks one row.
     */
    public static CueEntries recheck(List<JsonNode> rows, CueEntries previous, Rig rig, EffectRegistry registry,
                                     Chasers chasers, RenderVersion version) {
        if (previous == null) {
            return check(rows, rig, registry, chasers, version);
        }
        java.util.Map<JsonNode, String> known = new java.util.IdentityHashMap<>();
        for (Entry e : previous.entries) {
            known.put(e.row(), e.problem() == null ? "" : e.problem());
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            boolean chaser = row.isObject() && row.has("chaser_id");
            String verdict = known.get(row);
            String problem = verdict == null ? problem(row, rig, registry, chasers, version)
                    : verdict.isEmpty() ? null : verdict;
            entries.add(new Entry(i, row, problem, chaser));
        }
        return new CueEntries(entries);
    }

    /** Why a row cannot be used, or null. */
    public static String problem(JsonNode row, Rig rig, EffectRegistry registry, Chasers chasers,
                                 RenderVersion version) {
        String shape = shapeProblem(row);
        if (shape != null) {
            return shape;
        }
        return row.has("chaser_id") ? chaserProblem(row, chasers) : effectProblem(row, rig, registry, version);
    }

    /** What every row needs: to be an object with a time >= 0 and, if any, an object as data. */
    private static String shapeProblem(JsonNode row) {
        if (!row.isObject()) {
            return "a cue row must be an object";
        }
        JsonNode time = row.get("time");
        if (time == null || time.isNull()) {
            return "missing time";
        }
        if (!time.isNumber() || !Double.isFinite(time.asDouble()) || time.asDouble() < 0) {
            return "time must be a number of seconds >= 0";
        }
        JsonNode data = row.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            return "data must be an object";
        }
        return null;
    }

    private static String chaserProblem(JsonNode row, Chasers chasers) {
        if (row.has("fixture_id") || row.has("effect") || row.has("duration")) {
            return "a chaser row has no fixture_id, effect or duration";
        }
        JsonNode id = row.get("chaser_id");
        if (!id.isTextual() || id.asText().isBlank()) {
            return "chaser_id must be a non-empty string";
        }
        if (chasers.find(id.asText()).isEmpty()) {
            return "unknown chaser '" + id.asText() + "'";
        }
        JsonNode data = row.get("data");
        JsonNode reps = data == null ? null : data.get("repetitions");
        if (reps != null && !reps.isNull() && (!reps.isIntegralNumber() || reps.asLong() < 1)) {
            return "data.repetitions must be an integer >= 1";
        }
        return null;
    }

    private static String effectProblem(JsonNode row, Rig rig, EffectRegistry registry, RenderVersion version) {
        JsonNode fixtureId = row.get("fixture_id");
        if (fixtureId == null || !fixtureId.isTextual()) {
            return "missing fixture_id";
        }
        JsonNode effect = row.get("effect");
        if (effect == null || !effect.isTextual() || effect.asText().isBlank()) {
            return "missing effect";
        }
        JsonNode duration = row.get("duration");
        if (duration != null && !duration.isNull()
                && (!duration.isNumber() || !Double.isFinite(duration.asDouble()) || duration.asDouble() < 0)) {
            return "duration must be a number of seconds >= 0";
        }
        Fixture fixture = rig.fixture(fixtureId.asText()).orElse(null);
        if (fixture == null) {
            return "unknown fixture '" + fixtureId.asText() + "'";
        }
        if (registry.forRow(fixture, effect.asText(), version).isEmpty()) {
            return "effect '" + effect.asText() + "' is not supported by " + fixture.id();
        }
        return null;
    }

    /**
     * These rows as a saved sheet keeps them: valid rows in sheet order, then the invalid ones in file order, file
     * indexes renumbered. Equal to checking those rows again (a row's problem depends only on the row, the rig, the
     * effects, the chasers and the version), without checking them again.
     */
    public CueEntries inSheetOrder() {
        List<Entry> ordered = new ArrayList<>(entries.size());
        for (Entry e : sheetOrder) {
            ordered.add(new Entry(ordered.size(), e.row(), null, e.chaser()));
        }
        for (Entry e : entries) {
            if (!e.valid()) {
                ordered.add(new Entry(ordered.size(), e.row(), e.problem(), e.chaser()));
            }
        }
        return new CueEntries(ordered);
    }

    /** The rows in file order, valid or not. */
    public List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>(entries.size());
        entries.forEach(e -> rows.add(e.row()));
        return rows;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Valid rows in sheet order: the indexes of state.cues and of cue.update / cue.delete. */
    public List<Entry> sheetOrder() {
        return sheetOrder;
    }

    public List<Entry> invalid() {
        return entries.stream().filter(e -> !e.valid()).toList();
    }

    /**
     * The rows to render, in file order, chaser rows expanded in place (their rows take the chaser row's place;
     * the sheet index is the position in this expanded list).
     */
    public List<CueRow> renderRows(Chasers chasers, Double bpm) {
        List<CueRow> rows = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.valid()) {
                continue;
            }
            JsonNode data = e.row().get("data");
            if (e.chaser()) {
                for (ObjectNode expanded : chasers.expand(e.target(), e.time(), data, bpm)) {
                    rows.add(new CueRow(expanded.get("time").asDouble(), expanded.path("fixture_id").asText(),
                            expanded.path("effect").asText(), expanded.get("duration").asDouble(),
                            expanded.get("data"), rows.size()));
                }
            } else {
                JsonNode duration = e.row().get("duration");
                rows.add(new CueRow(e.time(), e.target(), e.effect(),
                        duration == null || duration.isNull() ? 0 : duration.asDouble(),
                        data == null || data.isNull() ? Json.object() : data, rows.size()));
            }
        }
        return rows;
    }

    /** A row as state.cues shows it: as persisted, null fields left out. */
    public static ObjectNode stateRow(JsonNode row) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            if (!field.getValue().isNull()) {
                out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }
}
