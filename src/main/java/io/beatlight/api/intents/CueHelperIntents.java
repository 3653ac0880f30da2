package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.tools.CueEdits;
import io.beatlight.tools.cuehelpers.CueHelper;
import io.beatlight.tools.cuehelpers.CueHelpers;
import io.beatlight.util.Json;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cue.apply_helper {helper_id, params?}}: runs one of {@link CueHelpers}, validates every row it made like a
 * {@code cue.add} row, tags them {@code created_by: <helper_id>} and upserts them by (time, fixture_id): a row at the
 * same time for the same fixture is replaced, as is a row the cue-edit rules see as the same cue (same fixture and
 * effect within 0.1 s). One write, one re-render, one undo step. Nothing changes when any row is refused.
 */
final class CueHelperIntents {
    /** Rows this close in time are "at the same time". */
    private static final double SAME_TIME_S = 0.0005;

    private CueHelperIntents() {
    }

    static IntentOutcome apply(IntentContext ctx) throws IntentException {
        String id = withReason("missing_helper_id", () -> ctx.payload().requireId("helper_id"));
        ObjectNode tag = Json.object().put("helper_id", id);
        try {
            return apply(ctx, id);
        } catch (IntentException e) {
            ObjectNode data = e.reasonData() == null ? Json.object() : e.reasonData().deepCopy();
            throw e.because(e.reason() == null ? "helper_failed" : e.reason(), data.setAll(tag));
        }
    }

    private static IntentOutcome apply(IntentContext ctx, String id) throws IntentException {
        CueHelper helper = CueHelpers.find(id).orElseThrow(() -> new IntentException(ErrorCode.UNKNOWN_HELPER_ID,
                "no cue helper '" + id + "'", "helper_id", Json.object().put("helper_id", id))
                .because("unknown_helper_id"));
        Payload params = withReason("invalid_helper_params", () -> ctx.payload().optionalObject("params"))
                .orElse(Payload.empty());
        ShowEngine engine = CueIntents.editable(ctx);
        List<ObjectNode> generated = helper.generate(CueHelpers.input(engine), params);
        // the last row a helper made for a (time, fixture) wins; the earlier ones are skipped
        Map<String, ObjectNode> unique = new LinkedHashMap<>();
        for (ObjectNode row : generated) {
            row.put("created_by", id);
            ObjectNode valid = withReason("invalid_generated_row", () -> CueEdits.validRow(engine, row));
            unique.put(key(valid), valid);
        }
        int skipped = generated.size() - unique.size();
        List<JsonNode> rows = CueEdits.rows(engine);
        // rows of this run, and whether each replaced an existing row
        Map<JsonNode, Boolean> added = new IdentityHashMap<>();
        int replaced = 0;
        int fresh = 0;
        double earliest = Double.MAX_VALUE;
        for (ObjectNode row : unique.values()) {
            boolean replacedExisting = false;
            for (Iterator<JsonNode> it = rows.iterator(); it.hasNext(); ) {
                JsonNode existing = it.next();
                if (sameSlot(existing, row) || CueEdits.sameCue(existing, row)) {
                    it.remove();
                    earliest = Math.min(earliest, existing.get("time").asDouble());
                    Boolean earlierReplaced = added.remove(existing);
                    if (earlierReplaced != null) {
                        skipped++; // an earlier row of this run, one cue with this one under the 0.1 s rule
                        if (earlierReplaced) {
                            replaced--;
                            replacedExisting = true;
                        } else {
                            fresh--;
                        }
                    } else {
                        replacedExisting = true;
                    }
                }
            }
            if (replacedExisting) {
                replaced++;
            } else {
                fresh++;
            }
            rows.add(row);
            added.put(row, replacedExisting);
            earliest = Math.min(earliest, row.get("time").asDouble());
        }
        if (!unique.isEmpty()) {
            CueEdits.save(engine, rows, earliest);
        }
        ObjectNode data = Json.object().put("helper_id", id).put("generated", fresh)
                .put("replaced", replaced).put("skipped", skipped);
        ctx.eventToAll("info", "cue_helper_applied", data.deepCopy());
        return unique.isEmpty() ? IntentOutcome.unchanged(data) : IntentOutcome.changed(data);
    }

    private static String key(ObjectNode row) {
        return Math.round(row.get("time").asDouble() / SAME_TIME_S) + "\u0000" + row.path("fixture_id").asText();
    }

    private static boolean sameSlot(JsonNode existing, ObjectNode row) {
        return existing.isObject() && existing.path("time").isNumber()
                && Math.abs(existing.get("time").asDouble() - row.get("time").asDouble()) < SAME_TIME_S
                && existing.path("fixture_id").asText().equals(row.path("fixture_id").asText())
                && row.has("fixture_id");
    }
}
