package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.song.HumanHints;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code song.hints.create|update|delete}: the loaded song's human hints (time ranges annotated by a person), kept in
 * {@code <meta>/<song>/human/human_hints.json}: the change is applied, announced ({@code song_hint_created|updated|
 * deleted} →all) and broadcast, and the file written atomically with a backup on the persistence thread; the reply
 * waits until it is durable (as for every show file). The latest client reads them from
 * {@code state.song.analysis.human_hints} and {@code human_hints_status}. Engine thread only.
 */
public final class HintIntents {
    /** The fields a hint has besides its id; an update may change any of them. */
    static final List<String> FIELDS = List.of("start_time", "end_time", "title", "summary", "lighting_hint");
    private static final int MAX_TEXT = 4000;
    private static final int MAX_HINTS = 10_000;

    private SongMetadata loadedFor;
    private HumanHints hints;

    public void register(IntentRegistry registry) {
        registry.register("song.hints.create", this::create);
        registry.register("song.hints.update", this::update);
        registry.register("song.hints.delete", this::delete);
    }

    /** The loaded song's hints, read again whenever a song (or the same song anew) was loaded; empty without one. */
    public Optional<HumanHints> current(ShowEngine engine) {
        SongMetadata song = engine.session().song();
        if (song == null) {
            loadedFor = null;
            hints = null;
            return Optional.empty();
        }
        if (song != loadedFor) {
            hints = HumanHints.load(engine.folders().meta(), song.id());
            loadedFor = song;
        }
        return Optional.of(hints);
    }

    /** {@code human_hints}: the rows, sorted by start, end, id. */
    public static ArrayNode rows(Optional<HumanHints> hints) {
        ArrayNode rows = Json.array();
        hints.ifPresent(h -> h.hints().forEach(hint -> rows.add(hint.toJson())));
        return rows;
    }

    /** {@code human_hints_status}: every write is immediate, so the hints are never dirty. */
    public static ObjectNode status(Optional<HumanHints> hints) {
        ObjectNode status = Json.object().put("dirty", false).put("saved", true)
                .put("file_exists", hints.map(HumanHints::fileExists).orElse(false));
        hints.flatMap(HumanHints::unreadable).ifPresent(why -> status.put("unreadable", why));
        return status;
    }

    private IntentOutcome create(IntentContext ctx) throws IntentException {
        HumanHints book = writable(ctx);
        if (book.hints().size() >= MAX_HINTS) {
            throw new IntentException(ErrorCode.LIMIT_EXCEEDED, "a song holds at most " + MAX_HINTS + " hints")
                    .because("limit_exceeded");
        }
        HumanHints.Hint hint = read(ctx, book.nextId(), ctx.payload(), null, "");
        save(ctx, book, () -> book.put(hint));
        ObjectNode data = Json.object();
        data.set("hint", hint.toJson());
        data.set("status", status(Optional.of(book)));
        ctx.eventToAll("info", "song_hint_created", Json.object().put("ok", true).setAll(data.deepCopy()));
        return IntentOutcome.changed(data);
    }

    private IntentOutcome update(IntentContext ctx) throws IntentException {
        String id = withReason("missing_id", () -> ctx.payload().requireId("id"));
        Payload patch = withReason("missing_patch", () -> ctx.payload().requireObject("patch"));
        if (FIELDS.stream().noneMatch(patch::has)) {
            throw IntentException.invalid("patch", "patch must change at least one of " + FIELDS)
                    .because("missing_patch", Json.object().put("id", id));
        }
        HumanHints book = writable(ctx);
        HumanHints.Hint old = known(book, id);
        HumanHints.Hint hint = read(ctx, id, patch, old, "patch.");
        save(ctx, book, () -> book.put(hint));
        ObjectNode data = Json.object();
        data.set("hint", hint.toJson());
        data.set("status", status(Optional.of(book)));
        ctx.eventToAll("info", "song_hint_updated", Json.object().put("ok", true).setAll(data.deepCopy()));
        return IntentOutcome.changed(data);
    }

    private IntentOutcome delete(IntentContext ctx) throws IntentException {
        String id = withReason("missing_id", () -> ctx.payload().requireId("id"));
        HumanHints book = writable(ctx);
        known(book, id);
        save(ctx, book, () -> book.remove(id));
        ObjectNode data = Json.object().put("id", id);
        data.set("status", status(Optional.of(book)));
        ctx.eventToAll("info", "song_hint_deleted", Json.object().put("ok", true).setAll(data.deepCopy()));
        return IntentOutcome.changed(data);
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private HumanHints writable(IntentContext ctx) throws IntentException {
        HumanHints book = current(ctx.engine()).orElseThrow(() -> new IntentException(ErrorCode.NO_SONG_LOADED,
                "load a song first").because("no_song_loaded"));
        if (book.unreadable().isPresent()) {
            throw new IntentException(ErrorCode.HINTS_UNREADABLE, "the hints file " + book.file()
                    + " could not be read (" + book.unreadable().get() + "); fix or remove it and load the song again")
                    .because("hints_unreadable");
        }
        return book;
    }

    private static HumanHints.Hint known(HumanHints book, String id) throws IntentException {
        return book.find(id).orElseThrow(() -> new IntentException(ErrorCode.UNKNOWN_HINT, "no hint '" + id + "'",
                "id", Json.object().put("id", id)).because("unknown_hint", Json.object().put("id", id)));
    }

    /**
     * A hint from the fields given, falling back to {@code old}'s (or empty text, start 0): times are finite
     * seconds ≥ 0 within the song and end ≥ start; texts are strings of at most 4000 characters.
     */
    private static HumanHints.Hint read(IntentContext ctx, String id, Payload p, HumanHints.Hint old,
                                        String prefix) throws IntentException {
        double start = withReason("invalid_hint", () -> p.optionalNumber("start_time")).orElse(old == null ? 0
                : old.startTime());
        Optional<Double> endGiven = withReason("invalid_hint", () -> p.optionalNumber("end_time"));
        double end = endGiven.orElse(old == null ? start : Math.max(start, old.endTime()));
        double length = ctx.engine().session().songLengthSeconds();
        if (start < 0 || start > length + 1e-6) {
            throw IntentException.invalid(prefix + "start_time", "start_time must be within 0.." + length + " s")
                    .because("invalid_hint");
        }
        if (end < start || end > length + 1e-6) {
            throw IntentException.invalid(prefix + "end_time", "end_time must be within start_time.." + length
                    + " s").because("invalid_hint");
        }
        return new HumanHints.Hint(id, start, end, text(p, prefix, "title", old == null ? "" : old.title()),
                text(p, prefix, "summary", old == null ? "" : old.summary()),
                text(p, prefix, "lighting_hint", old == null ? "" : old.lightingHint()));
    }

    private static String text(Payload p, String prefix, String key, String fallback) throws IntentException {
        String value = withReason("invalid_hint", () -> p.optionalString(key)).map(String::trim).orElse(fallback);
        if (value.length() > MAX_TEXT) {
            throw IntentException.invalid(prefix + key, key + " must be at most " + MAX_TEXT + " characters")
                    .because("invalid_hint");
        }
        return value;
    }

    private interface Change {
        ObjectNode apply() throws IOException;
    }

    /** Applies the change in memory and hands the file's new content to the persistence thread. */
    private static void save(IntentContext ctx, HumanHints book, Change change) throws IntentException {
        ObjectNode content;
        try {
            content = change.apply();
        } catch (IOException e) {
            throw new IntentException(ErrorCode.HINTS_UNREADABLE, e.getMessage()).because("hints_unreadable");
        }
        ctx.engine().persistence().write(book.file(), sync -> HumanHints.write(book.file(), content, sync));
    }
}
