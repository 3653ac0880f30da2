package io.beatlight.tools;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Effect;
import io.beatlight.effects.ParameterProblem;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;
import io.beatlight.protocol.Payload;
import io.beatlight.rig.Fixture;
import io.beatlight.show.CueEntries;
import io.beatlight.util.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of a cue sheet edit, shared by the {@code cue.*} intents, the assistant's write tools and MCP: row
 * validation and normalisation, de-duplication of rows with the same identity, addressing a row by index (with an
 * optimistic {@code expect} check) and the save that writes, re-renders and records the edit for undo.
 */
public final class CueEdits {
    /** Rows of the same identity closer than this are one cue: the latest write wins. */
    public static final double DEDUP_SECONDS = 0.1;
    private static final List<String> EFFECT_FIELDS = List.of("fixture_id", "effect", "duration");

    private CueEdits() {
    }

    public static void save(ShowEngine engine, List<JsonNode> rows) throws IntentException {
        save(engine, rows, 0);
    }

    /** Saves rows whose changes all start at or after {@code changedFrom} seconds (only those frames re-render). */
    public static void save(ShowEngine engine, List<JsonNode> rows, double changedFrom)
            throws IntentException {
        try {
            Limits.count("cue rows", engine.session().sheetRows().size(), rows.size(), Limits.MAX_CUE_ROWS);
        } catch (IntentException e) {
            throw e.because("limit_exceeded");
        }
        try {
            engine.session().replaceCueRows(rows, changedFrom);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save the cue sheet: " + e.getMessage())
                    .because("persist_failed");
        }
    }

    public static List<JsonNode> rows(ShowEngine engine) {
        return new ArrayList<>(engine.session().sheetRows());
    }

    /** Validates a new or merged row and returns it normalised (effect lower-cased, defaults filled). */
    public static ObjectNode validRow(ShowEngine engine, ObjectNode row) throws IntentException {
        boolean chaser = isChaserRow(row);
        Payload p = new Payload(row);
        row.put("time", validTime(p));
        requireDataObject(row);
        ObjectNode valid = chaser ? validChaserRow(engine, row, p) : validEffectRow(engine, row, p);
        try {
            Limits.record("the cue row", valid);
        } catch (IntentException e) {
            throw e.because("limit_exceeded");
        }
        return valid;
    }

    /** True for a chaser row, false for an effect row; a row with both shapes or neither is refused. */
    private static boolean isChaserRow(ObjectNode row) throws IntentException {
        boolean chaser = row.has("chaser_id");
        boolean effectForm = row.has("fixture_id") || row.has("effect");
        if (chaser == effectForm) {
            throw IntentException.invalid("", "a cue is either an effect row (fixture_id, effect) or a chaser row "
                    + "(chaser_id)").because("invalid_cue_shape");
        }
        return chaser;
    }

    private static double validTime(Payload p) throws IntentException {
        if (!p.has("time")) {
            throw IntentException.invalid("time", "time is required")
                    .because("missing_time");
        }
        double time = withReason("invalid_time", () -> p.requireNumber("time"));
        if (time < 0) {
            throw IntentException.invalid("time", "time must be >= 0")
                    .because("invalid_time");
        }
        return time;
    }

    /** A missing or null {@code data} becomes an empty object; any other non-object is refused. */
    private static void requireDataObject(ObjectNode row) throws IntentException {
        JsonNode data = row.get("data");
        if (data == null || data.isNull()) {
            row.putObject("data");
        } else if (!data.isObject()) {
            throw IntentException.invalid("data", "data must be an object");
        }
    }

    /** A chaser row: a known chaser (its id as the definition spells it) and a sane repetition count. */
    private static ObjectNode validChaserRow(ShowEngine engine, ObjectNode row, Payload p) throws IntentException {
        String id = p.requireId("chaser_id");
        ObjectNode definition = engine.session().chaser(id).orElseThrow(() -> new IntentException(
                ErrorCode.UNKNOWN_CHASER, "no chaser '" + id + "'", "chaser_id", Json.object().put("chaser_id", id))
                .because("unknown_chaser_id"));
        row.put("chaser_id", definition.get("id").asText());
        new Payload((ObjectNode) row.get("data")).optionalInteger("repetitions", 1, 10_000);
        return row;
    }

    /** An effect row: a patched fixture, an effect it supports, a duration >= 0 and parameters that fit. */
    private static ObjectNode validEffectRow(ShowEngine engine, ObjectNode row, Payload p) throws IntentException {
        String fixtureId = withReason("missing_fixture_id", () -> p.requireId("fixture_id"));
        String effectName = withReason("missing_effect", () -> p.requireId("effect")).toLowerCase(Locale.ROOT);
        double duration = p.optionalNumber("duration").orElse(0.0);
        if (duration < 0) {
            throw IntentException.invalid("duration", "duration must be >= 0");
        }
        Fixture fixture = engine.fixture(fixtureId).orElseThrow(() -> new IntentException(
                ErrorCode.FIXTURE_NOT_FOUND, "no fixture with id '" + fixtureId + "'", "fixture_id",
                Json.object().put("fixture_id", fixtureId))
                .because("fixture_not_found", Json.object().put("fixture_id", fixtureId)));
        checkData(supportedEffect(engine, fixture, effectName), (ObjectNode) row.get("data"));
        row.put("fixture_id", fixtureId);
        row.put("effect", effectName);
        row.put("duration", duration);
        return row;
    }

    /** The effect the fixture renders for {@code effectName}; refused with the list of those it supports. */
    private static Effect supportedEffect(ShowEngine engine, Fixture fixture, String effectName)
            throws IntentException {
        Optional<Effect> effect = engine.effects().forRow(fixture, effectName, engine.session().renderVersion());
        if (effect.isPresent()) {
            return effect.get();
        }
        ArrayNode supported = Json.array();
        engine.session().supportedEffects(fixture).forEach(e -> supported.add(e.id()));
        ObjectNode details = Json.object().put("fixture_id", fixture.id()).put("effect", effectName);
        details.set("supported", supported);
        throw new IntentException(ErrorCode.EFFECT_NOT_SUPPORTED, fixture.id() + " cannot render '" + effectName
                + "'; it supports " + supported, "effect", details)
                .because("effect_not_supported", details);
    }

    /** Checks the types and ranges of the effect's parameters and that the required ones are given. */
    public static void checkData(Effect effect, ObjectNode data) throws IntentException {
        Optional<ParameterProblem> problem = effect.parameters().check(data);
        if (problem.isPresent()) {
            String field = "data." + problem.get().parameter();
            throw IntentException.invalid(field, field + " " + problem.get().complaint());
        }
    }

    /** Same identity (fixture_id + effect, or chaser_id) within 0.1 s. */
    public static boolean sameCue(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject() || !a.path("time").isNumber()) {
            return false;
        }
        if (Math.abs(a.get("time").asDouble() - b.get("time").asDouble()) >= DEDUP_SECONDS + 1e-9) {
            return false;
        }
        if (a.has("chaser_id") || b.has("chaser_id")) {
            return a.path("chaser_id").asText().equalsIgnoreCase(b.path("chaser_id").asText())
                    && a.has("chaser_id") && b.has("chaser_id");
        }
        return a.path("fixture_id").asText().equals(b.path("fixture_id").asText())
                && a.path("effect").asText().equalsIgnoreCase(b.path("effect").asText());
    }

    /** Adds rows with de-duplication; returns how many existing rows they replaced. */
    public static int upsert(List<JsonNode> rows, List<ObjectNode> added) {
        int replaced = 0;
        for (ObjectNode row : added) {
            int before = rows.size();
            rows.removeIf(existing -> sameCue(existing, row));
            replaced += before - rows.size();
            rows.add(row);
        }
        return replaced;
    }

    /** The row and its index in state.cues. */
    public static ObjectNode entryData(ShowEngine engine, JsonNode row) {
        ObjectNode data = Json.object();
        data.set("entry", row.deepCopy());
        List<CueEntries.Entry> order = engine.session().sheetOrder();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).row() == row) {
                data.put("index", i);
            }
        }
        return data;
    }

    /** The row addressed by {@code index} (and checked against {@code expect}) in {@code p}. */
    public static CueEntries.Entry entryAt(ShowEngine engine, Payload p) throws IntentException {
        if (!p.has("index")) {
            throw IntentException.invalid("index", "index is required")
                    .because("missing_index");
        }
        long index = withReason("invalid_index", () -> p.requireInteger("index", 0, Integer.MAX_VALUE));
        List<CueEntries.Entry> order = engine.session().sheetOrder();
        if (index >= order.size()) {
            throw new IntentException(ErrorCode.CUE_INDEX_OUT_OF_RANGE, "there is no cue " + index + " (the sheet has "
                    + order.size() + ")", "index", Json.object().put("index", index).put("count", order.size()))
                    .because("cue_index_out_of_range");
        }
        CueEntries.Entry entry = order.get((int) index);
        if (p.has("expect")) {
            Payload expect = p.requireObject("expect");
            JsonNode row = entry.row();
            boolean matches = true;
            if (expect.has("time")) {
                matches = Math.abs(expect.requireNumber("time") - row.get("time").asDouble()) < 1e-9;
            }
            for (String key : List.of("fixture_id", "chaser_id", "effect")) {
                if (expect.has(key)) {
                    matches &= expect.get(key).asText().equals(row.path(key).asText());
                }
            }
            if (!matches) {
                ObjectNode details = Json.object().put("index", index);
                details.set("current", row.deepCopy());
                throw new IntentException(ErrorCode.CUE_CONFLICT, "cue " + index + " changed since you saw it; "
                        + "refresh and try again", "expect", details);
            }
        }
        return entry;
    }

    /** Merges {@code patch} into the row at {@code index} (checked against {@code expect}), saves; the new row. */
    public static ObjectNode update(ShowEngine engine, Payload payload) throws IntentException {
        CueEntries.Entry entry = entryAt(engine, payload);
        if (!payload.has("patch")) {
            throw IntentException.invalid("patch", "patch is required").because("missing_patch");
        }
        Payload patch = payload.requireObject("patch");
        if (patch.raw().isEmpty()) {
            throw IntentException.invalid("patch", "patch must not be empty").because("missing_patch");
        }
        ObjectNode merged = ((ObjectNode) entry.row()).deepCopy();
        if (patch.has("chaser_id")) {
            EFFECT_FIELDS.forEach(merged::remove);
        } else if (patch.has("fixture_id") || patch.has("effect")) {
            merged.remove("chaser_id");
        }
        merged.setAll(patch.raw().deepCopy());
        merged = validRow(engine, merged);
        List<JsonNode> rows = rows(engine);
        rows.set(entry.fileIndex(), merged);
        save(engine, rows, Math.min(entry.time(), merged.get("time").asDouble()));
        return merged;
    }
}
