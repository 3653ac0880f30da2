package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.RenderVersion;
import io.beatlight.engine.CueSession;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.Fixture;
import io.beatlight.show.Canvas;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheet;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.show.DmxExport;
import io.beatlight.song.SongMetadata;
import io.beatlight.tools.CueEdits;
import io.beatlight.tools.CueRows;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;

/**
 * {@code cue.*}: every edit is validated whole, written to the cue file (atomically, with a backup)
 * before it is applied, re-renders the canvas and is announced to every client.
 */
public final class CueIntents {

    private CueIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("cue.add", CueIntents::add);
        registry.register("cue.update", CueIntents::update);
        registry.register("cue.delete", CueIntents::delete);
        registry.register("cue.clear", CueIntents::clear);
        registry.register("cue.clear_all", CueIntents::clearAll);
        registry.register("cue.reload", CueIntents::reload);
        registry.register("cue.export_dmx", CueIntents::exportDmx);
        registry.register("cue.record", CueIntents::record);
        registry.register("cue.set_render_version", CueIntents::setRenderVersion);
        registry.register("cue.apply_helper", CueHelperIntents::apply);
        registry.register("cue.undo", ctx -> history(ctx, true));
        registry.register("cue.redo", ctx -> history(ctx, false));
    }

    /** cue.undo / cue.redo: steps through the shared history of sheet edits (any kind, by any client). */
    private static IntentOutcome history(IntentContext ctx, boolean back) throws IntentException {
        CueSession session = editable(ctx).session();
        Optional<String> label;
        try {
            label = back ? session.undo() : session.redo();
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save the cue sheet: " + e.getMessage());
        }
        if (label.isEmpty()) {
            throw new IntentException(back ? ErrorCode.NOTHING_TO_UNDO : ErrorCode.NOTHING_TO_REDO,
                    back ? "there is no cue edit to undo" : "there is no undone cue edit to redo");
        }
        ObjectNode data = Json.object().put("label", label.get()).put("cues", session.sheetRows().size());
        ctx.eventToAll("info", back ? "cue_undone" : "cue_redone", data.deepCopy());
        return IntentOutcome.changed(data);
    }

    // ---- preconditions ----------------------------------------------------------------------------------------

    static ShowEngine editable(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        CueSheet sheet = engine.session().sheet();
        if (engine.session().song() == null || sheet == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first")
                    .because("no_cue_sheet");
        }
        if (sheet.readOnly()) {
            throw new IntentException(ErrorCode.CUE_SHEET_UNREADABLE, "the cue sheet could not be read ("
                    + sheet.unreadable() + "); fix the file and send cue.reload")
                    .because("no_cue_sheet");
        }
        return engine;
    }

    // ---- row validation ---------------------------------------------------------------------------------------

    // ---- intents ----------------------------------------------------------------------------------------------

    private static IntentOutcome add(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        ObjectNode row = ctx.payload().raw().deepCopy();
        row.remove("expect");
        if (!row.has("created_by") || !row.get("created_by").isTextual()) {
            row.put("created_by", "user");
        }
        row = CueEdits.validRow(engine, row);
        List<JsonNode> rows = CueEdits.rows(engine);
        double earliest = row.get("time").asDouble();
        for (JsonNode existing : rows) {
            if (CueEdits.sameCue(existing, row)) {
                earliest = Math.min(earliest, existing.get("time").asDouble());
            }
        }
        int replaced = CueEdits.upsert(rows, List.of(row));
        CueEdits.save(engine, rows, earliest);
        ctx.eventToAll("info", "cue_added", (ObjectNode) Json.object().put("ok", true).set("entry", row.deepCopy()));
        return IntentOutcome.changed(CueEdits.entryData(engine, row).put("replaced", replaced));
    }

    private static CueEntries.Entry entryAt(IntentContext ctx) throws IntentException {
        return CueEdits.entryAt(ctx.engine(), ctx.payload());
    }

    private static IntentOutcome update(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        ObjectNode merged = CueEdits.update(engine, ctx.payload());
        ctx.eventToAll("info", "cue_updated", (ObjectNode) Json.object().put("ok", true).set("entry",
                merged.deepCopy()));
        return IntentOutcome.changed(CueEdits.entryData(engine, merged));
    }

    private static IntentOutcome delete(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        CueEntries.Entry entry = entryAt(ctx);
        List<JsonNode> rows = CueEdits.rows(engine);
        rows.remove(entry.fileIndex());
        CueEdits.save(engine, rows, entry.time());
        ctx.eventToAll("info", "cue_deleted", (ObjectNode) Json.object().put("ok", true).set("entry",
                entry.row().deepCopy()));
        return IntentOutcome.changed((ObjectNode) Json.object().set("entry", entry.row().deepCopy()));
    }

    private static IntentOutcome clear(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        double from = withReason("invalid_from_time", () -> ctx.payload().optionalNumber("from_time").orElse(0.0));
        Double to = withReason("invalid_to_time", () -> ctx.payload().optionalNumber("to_time").orElse(null));
        if (to != null && to < from) {
            throw IntentException.invalid("to_time", "to_time must not be before from_time")
                    .because("invalid_time_range");
        }
        return clearRange(ctx, engine, from, to);
    }

    private static IntentOutcome clearAll(IntentContext ctx) throws IntentException {
        return clearRange(ctx, editable(ctx), 0, null);
    }

    private static IntentOutcome clearRange(IntentContext ctx, ShowEngine engine, double from, Double to)
            throws IntentException {
        List<JsonNode> rows = CueEdits.rows(engine);
        List<JsonNode> validRows = engine.session().validRows();
        int before = rows.size();
        rows.removeIf(row -> validRows.contains(row) && row.get("time").asDouble() >= from
                && (to == null || row.get("time").asDouble() <= to));
        int removed = before - rows.size();
        if (removed > 0) {
            CueEdits.save(engine, rows);
        }
        int remaining = engine.session().sheetOrder().size();
        ctx.eventToAll("info", "cue_cleared", Json.object().put("ok", true).put("removed", removed)
                .put("remaining", remaining));
        ObjectNode data = Json.object().put("removed", removed).put("remaining", remaining);
        return removed > 0 ? IntentOutcome.changed(data) : IntentOutcome.unchanged(data);
    }

    private static IntentOutcome reload(IntentContext ctx) throws IntentException {
        CueSession session = ctx.engine().session();
        if (session.song() == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first").because("no_song_loaded");
        }
        CueSheetFiles.Loaded loaded = session.reload();
        String songId = session.song().id();
        if (loaded.sheet().readOnly()) {
            String reason = loaded.sheet().unreadable();
            throw new IntentException(ErrorCode.CUE_SHEET_UNREADABLE, "the cue sheet could not be read: " + reason)
                    .because(reason, Json.object().put("song_filename", songId));
        }
        ArrayNode entries = Json.array();
        CueEntries cues = session.cues();
        cues.sheetOrder().forEach(e -> entries.add(CueEntries.stateRow(e.row())));
        ObjectNode event = Json.object().put("ok", true).put("song_filename", songId)
                .put("count", entries.size());
        event.set("entries", entries);
        ctx.eventToAll("info", "cue_reloaded", event);
        if (!cues.invalid().isEmpty() || !loaded.warnings().isEmpty()) {
            ArrayNode problems = Json.array();
            loaded.warnings().forEach(w -> problems.add(Json.object().putNull("index").put("reason", w)));
            cues.invalid().forEach(e -> problems.add(Json.object().put("index", e.fileIndex())
                    .put("reason", e.problem())));
            ctx.eventToAll("warning", "cue_sheet_warnings", (ObjectNode) Json.object()
                    .put("filename", songId).set("problems", problems));
        }
        return IntentOutcome.changed(Json.object().put("count", entries.size())
                .put("invalid", cues.invalid().size()));
    }

    private static IntentOutcome exportDmx(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        SongMetadata song = engine.session().song();
        Canvas canvas = engine.session().upToDateCanvas();
        if (song == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first").because("no_song_loaded");
        }
        if (canvas == null) {
            throw new IntentException(ErrorCode.CANVAS_UNAVAILABLE, "there is no rendered canvas to export")
                    .because("canvas_unavailable");
        }
        Path file;
        try {
            file = DmxExport.write(engine.folders().shows(), song.id(), canvas);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not write the show file: " + e.getMessage());
        }
        ObjectNode event = Json.object().put("ok", true).put("song", song.id())
                .put("fps", (int) canvas.fps()).put("total_frames", canvas.frameCount())
                .put("duration_s", song.lengthSeconds()).put("show_name", file.getFileName().toString())
                .put("dmx_binary_path", file.toString()).putNull("dmx_log_path");
        ctx.eventToAll("info", "cue_dmx_exported", event);
        return IntentOutcome.unchanged(event.deepCopy());
    }

    /** The authoring flow: the editor look of the given fixtures (default all) as set_channels cues at now. */
    private static IntentOutcome record(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        ctx.requireNotPlaying();
        List<String> ids = new ArrayList<>();
        JsonNode list = ctx.payload().get("fixture_ids");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw IntentException.invalid("fixture_ids", "fixture_ids must be an array of fixture ids");
            }
            for (JsonNode id : list) {
                ids.add(FixtureIntents.requireFixture(engine, id.asText()).id());
            }
        } else {
            engine.rig().fixtures().forEach(f -> ids.add(f.id()));
        }
        double time = CueRows.round(engine.playback().timeNow());
        List<ObjectNode> added = new ArrayList<>();
        for (String id : ids) {
            Fixture fixture = engine.fixture(id).orElseThrow();
            ObjectNode row = Json.object().put("time", time).put("fixture_id", id).put("effect", "set_channels")
                    .put("duration", 0.0);
            ObjectNode channels = row.putObject("data").putObject("channels");
            fixture.template().channels().keySet().forEach(name -> channels.put(name,
                    engine.playback().editorValue(fixture.universe(), fixture.addressOf(name))));
            row.put("created_by", "user");
            added.add(row);
        }
        List<JsonNode> rows = CueEdits.rows(engine);
        int replaced = CueEdits.upsert(rows, added);
        CueEdits.save(engine, rows);
        for (ObjectNode row : added) {
            ctx.eventToAll("info", "cue_added", (ObjectNode) Json.object().put("ok", true).set("entry", row));
        }
        return IntentOutcome.changed(Json.object().put("added", added.size()).put("replaced", replaced)
                .put("time", time));
    }

    /** Switches the sheet's render semantics (v1 = the seed renderer, v2 = the later, fixed one); undoable. */
    private static IntentOutcome setRenderVersion(IntentContext ctx) throws IntentException {
        ShowEngine engine = editable(ctx);
        int number = (int) ctx.payload().requireInteger("version", 1, 2);
        RenderVersion version = RenderVersion.of(number).orElseThrow();
        CueSheet sheet = engine.session().sheet();
        if (sheet.container() == CueSheet.Container.ARRAY && version == RenderVersion.V1) {
            throw IntentException.invalid("version", "a flat-array cue sheet cannot record version 1; "
                    + "it always renders with version 2");
        }
        RenderVersion previous = sheet.version();
        if (previous == version) {
            return IntentOutcome.unchanged(Json.object().put("version", number).put("previous", number));
        }
        try {
            engine.session().replaceSheet(sheet.withVersion(version));
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save the cue sheet: " + e.getMessage());
        }
        ctx.eventToAll("info", "cue_render_version_changed", Json.object().put("version", number)
                .put("previous", previous.number()));
        return IntentOutcome.changed(Json.object().put("version", number).put("previous", previous.number()));
    }
}
