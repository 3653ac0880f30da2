package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.SongLoader;
import io.beatlight.song.Section;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;
import io.beatlight.protocol.Payload;

/** {@code song.*}: list, load, analyse and save sections. */
public final class SongIntents {
    private SongIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("song.list", SongIntents::list);
        registry.register("song.load", SongIntents::load);
        registry.register("song.analyze", SongIntents::analyze);
        registry.register("song.analyze_cancel", SongIntents::cancelAnalysis);
        registry.register("song.save_sections", SongIntents::saveSections);
    }

    /** Replaces the loaded song's sections, saved in the metadata file they come from (same shape). */
    private static IntentOutcome saveSections(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        if (engine.session().song() == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first");
        }
        JsonNode list = ctx.payload().get("sections");
        if (list == null || !list.isArray()) {
            throw IntentException.invalid("sections", "sections must be an array of {name, start_s, end_s}");
        }
        if (list.size() > Limits.MAX_SECTIONS) {
            throw Limits.exceeded("sections", "at most " + Limits.MAX_SECTIONS + " sections are allowed",
                    Limits.MAX_SECTIONS, list.size());
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "sections[" + i + "]";
            if (!list.get(i).isObject()) {
                throw IntentException.invalid(field, field + " must be an object");
            }
            Payload row = new Payload((ObjectNode) list.get(i));
            String name = Limits.name(field + ".name", row.requireId("name"));
            double start = row.requireNumber("start_s");
            double end = row.requireNumber("end_s");
            if (start < 0 || end < start) {
                throw IntentException.invalid(field, field + " needs 0 <= start_s <= end_s");
            }
            sections.add(new Section(name, start, end));
        }
        sections.sort(Comparator.comparingDouble(Section::startS));
        Path file;
        try {
            file = engine.session().saveSections(sections);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save the sections: " + e.getMessage());
        }
        ctx.eventToAll("info", "song_sections_saved", Json.object().put("filename", engine.session().songId())
                .put("count", sections.size()).put("file", file.getFileName().toString()));
        return IntentOutcome.changed(Json.object().put("count", sections.size()).put("file", file.toString()));
    }

    /** Analyses a song (default: the loaded one) in the background; progress and the result arrive as events. */
    private static IntentOutcome analyze(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        SongMetadata loaded = engine.session().song();
        String id = ctx.payload().optionalId("filename").orElse(loaded == null ? null : loaded.id());
        if (id == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "name a song or load one first");
        }
        if (!SongLibrary.isSafeId(id) || !engine.songs().list().contains(id)) {
            throw new IntentException(ErrorCode.UNKNOWN_SONG, "no song named '" + id + "' in the songs folder",
                    "filename", Json.object().put("filename", id));
        }
        try {
            engine.analysis().start(id);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.LOAD_FAILED, "cannot analyse '" + id + "': " + e.getMessage());
        }
        return IntentOutcome.unchanged(Json.object().put("filename", id).put("started", true));
    }

    private static IntentOutcome cancelAnalysis(IntentContext ctx) {
        boolean cancelled = ctx.engine().analysis().cancel();
        return IntentOutcome.unchanged(Json.object().put("cancelled", cancelled));
    }

    private static ArrayNode ids(List<String> songs) {
        ArrayNode array = Json.array();
        songs.forEach(array::add);
        return array;
    }

    private static IntentOutcome list(IntentContext ctx) {
        ArrayNode songs = ids(ctx.engine().songs().list());
        ctx.eventToRequester("info", "song_list", (ObjectNode) Json.object().set("songs", songs));
        return IntentOutcome.unchanged((ObjectNode) Json.object().set("songs", songs.deepCopy()));
    }

    private static IntentOutcome load(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        String filename = withReason("missing_filename", () -> ctx.payload().requireId("filename"));
        List<String> songs = engine.songs().list();
        if (!SongLibrary.isSafeId(filename) || !songs.contains(filename)) {
            ObjectNode details = Json.object().put("filename", filename);
            details.set("songs", ids(songs));
            throw new IntentException(ErrorCode.UNKNOWN_SONG, "no song named '" + filename + "' in the songs folder",
                    "filename", details).because("unknown_song", details);
        }
        SongLoader.Result loaded;
        try {
            loaded = engine.songLoader().load(filename);
        } catch (IOException | RuntimeException e) {
            ObjectNode details = Json.object().put("filename", filename).put("error", String.valueOf(e.getMessage()));
            throw new IntentException(ErrorCode.LOAD_FAILED, "could not load '" + filename + "': " + e.getMessage(),
                    "filename", details).because("load_failed", details);
        }
        ctx.eventToAll("info", "song_loaded", Json.object().put("filename", filename));
        if (!loaded.problems().isEmpty()) {
            ArrayNode problems = Json.array();
            loaded.problems().forEach(problems::add);
            ctx.eventToAll("warning", "song_metadata_warnings",
                    (ObjectNode) Json.object().put("filename", filename).set("problems", problems));
        }
        if (!loaded.cueWarnings().isEmpty() || !loaded.invalidCues().isEmpty()) {
            ArrayNode problems = Json.array();
            loaded.cueWarnings().forEach(w -> problems.add(Json.object().putNull("index").put("reason", w)));
            loaded.invalidCues().forEach(e -> problems.add(Json.object().put("index", e.fileIndex())
                    .put("reason", e.problem())));
            ctx.eventToAll("warning", "cue_sheet_warnings",
                    (ObjectNode) Json.object().put("filename", filename).set("problems", problems));
        }
        return IntentOutcome.changed(Json.object().put("filename", filename));
    }
}
