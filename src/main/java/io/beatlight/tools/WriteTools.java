package io.beatlight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheet;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The assistant's and MCP's write tools, applied with the cue intents' own validation, de-duplication and save:
 * each call is one atomic sheet edit (all rows valid or nothing changes), saved, re-rendered, broadcast and undoable
 * like any other. Runs on the engine thread.
 */
public final class WriteTools {

    private WriteTools() {
    }

    /** Applies a write tool; returns a one-line summary of what changed. */
    public static String apply(ShowEngine engine, String tool, ObjectNode arguments) throws IntentException {
        CueSheet sheet = engine.session().sheet();
        if (engine.session().song() == null || sheet == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first");
        }
        if (sheet.readOnly()) {
            throw new IntentException(ErrorCode.CUE_SHEET_UNREADABLE, "the cue sheet could not be read ("
                    + sheet.unreadable() + ")");
        }
        Payload args = new Payload(arguments == null ? Json.object() : arguments);
        return switch (tool) {
            case "add_cues" -> addCues(engine, args);
            case "update_cue" -> {
                ObjectNode row = CueEdits.update(engine, args);
                yield "Updated " + describe(row) + ".";
            }
            case "delete_cue" -> {
                CueEntries.Entry entry = CueEdits.entryAt(engine, args);
                List<JsonNode> rows = CueEdits.rows(engine);
                rows.remove(entry.fileIndex());
                CueEdits.save(engine, rows, entry.time());
                yield "Deleted " + describe(entry.row()) + ".";
            }
            case "replace_cues_in_window" -> replaceWindow(engine, args);
            case "apply_chaser" -> applyChaser(engine, args);
            case "draft_show" -> {
                Proposal draft = ShowDrafter.draft(
                        ShowView.of(engine));
                yield replaceWindow(engine, new Payload(draft.arguments()));
            }
            default -> throw IntentException.invalid("tool_name", "unknown write tool '" + tool + "'");
        };
    }

    private static List<ObjectNode> validEntries(ShowEngine engine, Payload args) throws IntentException {
        JsonNode list = args.get("entries");
        if (list == null || !list.isArray()) {
            throw IntentException.invalid("entries", "entries must be an array of cue rows");
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw IntentException.invalid("entries[" + i + "]", "entries[" + i + "] must be an object");
            }
            ObjectNode row = ((ObjectNode) list.get(i)).deepCopy();
            if (!row.path("created_by").isTextual()) {
                row.put("created_by", "assistant");
            }
            try {
                rows.add(CueEdits.validRow(engine, row));
            } catch (IntentException e) {
                throw new IntentException(e.code(), "entries[" + i + "]: " + e.getMessage(), "entries[" + i + "]"
                        + (e.field() == null || e.field().isEmpty() ? "" : "." + e.field()), e.details());
            }
        }
        return rows;
    }

    private static String addCues(ShowEngine engine, Payload args) throws IntentException {
        List<ObjectNode> added = validEntries(engine, args);
        if (added.isEmpty()) {
            throw IntentException.invalid("entries", "entries must not be empty");
        }
        List<JsonNode> rows = CueEdits.rows(engine);
        double earliest = added.stream().mapToDouble(r -> r.get("time").asDouble()).min().orElse(0);
        for (JsonNode existing : rows) {
            for (ObjectNode row : added) {
                if (CueEdits.sameCue(existing, row)) {
                    earliest = Math.min(earliest, existing.get("time").asDouble());
                }
            }
        }
        int replaced = CueEdits.upsert(rows, added);
        CueEdits.save(engine, rows, earliest);
        return added.size() == 1 ? "Added " + describe(added.get(0)) + "."
                : String.format(Locale.ROOT, "Added %d cues from %.3fs to %.3fs%s.", added.size(), earliest,
                added.stream().mapToDouble(r -> r.get("time").asDouble()).max().orElse(0),
                replaced > 0 ? " (replacing " + replaced + " close duplicates)" : "");
    }

    private static String replaceWindow(ShowEngine engine, Payload args) throws IntentException {
        double start = args.requireNumber("start_time");
        double end = args.requireNumber("end_time");
        if (start < 0 || end < start) {
            throw IntentException.invalid("end_time", "the window must have 0 <= start_time <= end_time");
        }
        Set<String> only = null;
        if (args.has("fixture_ids") && !args.get("fixture_ids").isNull()) {
            JsonNode ids = args.get("fixture_ids");
            if (!ids.isArray()) {
                throw IntentException.invalid("fixture_ids", "fixture_ids must be an array of fixture ids");
            }
            only = new HashSet<>();
            for (JsonNode id : ids) {
                if (engine.fixture(id.asText()).isEmpty()) {
                    throw new IntentException(ErrorCode.FIXTURE_NOT_FOUND, "no fixture '" + id.asText() + "'",
                            "fixture_ids", Json.object().put("fixture_id", id.asText()));
                }
                only.add(id.asText());
            }
        }
        List<ObjectNode> added = args.has("entries") ? validEntries(engine, args) : List.of();
        // the window is [start, end), and includes the song's end when it reaches it
        boolean toEnd = end >= engine.session().songLengthSeconds() - 1e-9;
        Set<String> filter = only;
        List<JsonNode> valid = engine.session().validRows();
        List<JsonNode> rows = CueEdits.rows(engine);
        int before = rows.size();
        rows.removeIf(row -> {
            if (!valid.contains(row)) {
                return false;
            }
            double t = row.get("time").asDouble();
            boolean inside = t >= start - 1e-9 && (t < end - 1e-9 || (toEnd && t <= end + 1e-9));
            boolean chosen = filter == null || filter.contains(row.path("fixture_id").asText());
            return inside && chosen;
        });
        int removed = before - rows.size();
        CueEdits.upsert(rows, added);
        if (removed == 0 && added.isEmpty()) {
            return String.format(Locale.ROOT, "No cues between %.3fs and %.3fs; nothing changed.", start, end);
        }
        CueEdits.save(engine, rows, start);
        return String.format(Locale.ROOT, "Removed %d and added %d cues between %.3fs and %.3fs.", removed,
                added.size(), start, end);
    }

    private static String applyChaser(ShowEngine engine, Payload args) throws IntentException {
        ObjectNode row = Json.object().put("time", args.requireNumber("start_time"))
                .put("chaser_id", args.requireId("chaser_id"));
        row.putObject("data").put("repetitions", args.optionalInteger("repetitions", 1, 10_000).orElse(1L));
        row.put("created_by", "assistant");
        row = CueEdits.validRow(engine, row);
        List<JsonNode> rows = CueEdits.rows(engine);
        CueEdits.upsert(rows, List.of(row));
        CueEdits.save(engine, rows, row.get("time").asDouble());
        return "Applied chaser " + row.get("chaser_id").asText() + " at "
                + String.format(Locale.ROOT, "%.3fs", row.get("time").asDouble()) + ".";
    }

    private static String describe(JsonNode row) {
        if (row.has("chaser_id")) {
            return String.format(Locale.ROOT, "chaser %s at %.3fs", row.get("chaser_id").asText(),
                    row.get("time").asDouble());
        }
        return String.format(Locale.ROOT, "%s to %s at %.3fs", row.path("effect").asText(),
                row.path("fixture_id").asText(), row.get("time").asDouble());
    }
}
