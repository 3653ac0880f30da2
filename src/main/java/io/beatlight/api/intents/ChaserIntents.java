package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.PlaybackControl;
import io.beatlight.engine.Preview;
import io.beatlight.engine.ShowEngine;
import io.beatlight.tools.CueEdits;
import io.beatlight.util.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;

/** {@code chaser.*}: list, apply and start (as cue rows), preview, stop. */
public final class ChaserIntents {
    /** Started instances, oldest first; at most {@link Limits#MAX_CHASER_INSTANCES} are remembered. */
    private final Map<String, String> instances = new LinkedHashMap<>();
    private long collisions;

    private ChaserIntents() {
    }

    public static void register(IntentRegistry registry) {
        ChaserIntents chasers = new ChaserIntents();
        registry.register("chaser.list", ChaserIntents::list);
        registry.register("chaser.apply", ctx -> chasers.apply(ctx, false));
        registry.register("chaser.start", ctx -> chasers.apply(ctx, true));
        registry.register("chaser.stop", chasers::stop);
        registry.register("chaser.preview", ChaserIntents::preview);
        registry.register("chaser.stop_preview", ChaserIntents::stopPreview);
    }

    private static IntentOutcome list(IntentContext ctx) {
        ArrayNode list = Json.array();
        ctx.engine().session().chaserDefinitions().forEach(list::add);
        ctx.eventToRequester("info", "chaser_list", (ObjectNode) Json.object().set("chasers", list));
        return IntentOutcome.unchanged((ObjectNode) Json.object().set("chasers", list.deepCopy()));
    }

    /** The common payload: chaser (canonical definition), start time in seconds, repetitions. */
    private record Request(ObjectNode chaser, double startSeconds, long repetitions) {
    }

    private static Request request(IntentContext ctx) throws IntentException {
        String id = withReason("missing_chaser_id", () -> ctx.payload().requireId("chaser_id"));
        double startMs;
        long reps;
        try {
            startMs = ctx.payload().optionalNumber("start_time_ms").orElse(0.0);
            if (startMs < 0) {
                throw IntentException.invalid("start_time_ms", "start_time_ms must be >= 0");
            }
            reps = ctx.payload().optionalInteger("repetitions", 1, 10_000).orElse(1L);
        } catch (IntentException e) {
            throw e.because("invalid_payload");
        }
        ObjectNode chaser = ctx.engine().session().chaser(id).orElseThrow(() -> new IntentException(
                ErrorCode.UNKNOWN_CHASER, "no chaser '" + id + "'", "chaser_id", Json.object().put("chaser_id", id))
                .because("unknown_chaser", Json.object().put("chaser_id", id)));
        return new Request(chaser, startMs / 1000, reps);
    }

    private IntentOutcome apply(IntentContext ctx, boolean start) throws IntentException {
        ShowEngine engine = CueIntents.editable(ctx);
        Request request = request(ctx);
        String id = request.chaser().get("id").asText();
        ObjectNode row = Json.object().put("time", request.startSeconds()).put("chaser_id", id);
        row.putObject("data").put("repetitions", request.repetitions());
        row.put("created_by", "chaser:" + id);
        List<JsonNode> rows = CueEdits.rows(engine);
        CueEdits.upsert(rows, List.of(row));
        CueEdits.save(engine, rows);
        ObjectNode event = Json.object().put("ok", true).put("chaser_id", id);
        event.set("entry", row.deepCopy());
        if (start) {
            String instance = "chaser-" + System.currentTimeMillis();
            if (instances.containsKey(instance)) {
                instance = instance + "-" + ++collisions; // never issued before: the count only grows
            }
            instances.put(instance, id);
            while (instances.size() > Limits.MAX_CHASER_INSTANCES) {
                instances.remove(instances.keySet().iterator().next());
            }
            event.put("instance_id", instance);
            ctx.eventToAll("info", "chaser_started", event);
        } else {
            ctx.eventToAll("info", "chaser_applied", event);
        }
        return IntentOutcome.changed(event.deepCopy());
    }

    /** Forgets a started instance; the cue row stays (reference semantics). */
    private IntentOutcome stop(IntentContext ctx) throws IntentException {
        String instance = withReason("missing_instance_id", () -> ctx.payload().requireId("instance_id"));
        if (instances.remove(instance) == null) {
            throw new IntentException(ErrorCode.UNKNOWN_INSTANCE_ID, "no running chaser instance '" + instance + "'",
                    "instance_id", null).because("unknown_instance_id");
        }
        ctx.eventToAll("info", "chaser_stopped", Json.object().put("ok", true).put("instance_id", instance));
        return IntentOutcome.unchanged(Json.object().put("instance_id", instance));
    }

    /** Expands the chaser from time 0 and plays it from the editor universe; nothing is kept afterwards. */
    private static IntentOutcome preview(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        try {
            ctx.requireNotPlaying();
        } catch (IntentException e) {
            throw e.because("playback_active");
        }
        Request request;
        try {
            request = request(ctx);
        } catch (IntentException e) {
            if (e.code().equals(ErrorCode.UNKNOWN_CHASER)) {
                throw e.because("unknown_chaser");
            }
            throw e;
        }
        Double bpm = engine.session().bpm();
        if (bpm == null || !(bpm > 0)) {
            throw new IntentException(ErrorCode.BPM_UNAVAILABLE, "the loaded song has no tempo; a chaser needs one")
                    .because("bpm_unavailable");
        }
        String id = request.chaser().get("id").asText();
        Preview preview = engine.playback().previewChaser(id, request.repetitions());
        ctx.eventToAll("info", "chaser_preview_started", Json.object().put("ok", true)
                .put("requestId", preview.requestId()).put("chaser_id", id).put("entries", preview.cueCount()));
        return IntentOutcome.changed(Json.object().put("requestId", preview.requestId())
                .put("entries", preview.cueCount()).put("duration", preview.seconds()));
    }

    private static IntentOutcome stopPreview(IntentContext ctx) {
        PlaybackControl playback = ctx.engine().playback();
        Preview running = playback.preview();
        if (running == null || running.kind() != Preview.Kind.CHASER) {
            ctx.eventToRequester("warning", "chaser_preview_stop_ignored", Json.object()
                    .put("reason", "preview_not_active"));
            return IntentOutcome.unchanged(Json.object().put("stopped", false));
        }
        playback.cancelPreview();
        ctx.eventToAll("info", "chaser_preview_stopped", Json.object().put("requestId", running.requestId()));
        return IntentOutcome.changed(Json.object().put("stopped", true));
    }
}
