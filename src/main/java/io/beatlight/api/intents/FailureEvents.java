package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import java.util.Map;
import java.util.Optional;

/**
 * The events the reference clients expect beside a failed intent's error reply, sent to the requester only
 * (docs/protocol.md#failure-events). Handlers only name the failure's reason ({@link IntentException#because});
 * which event carries it, at which level and in which shape is decided here, in one table.
 */
public final class FailureEvents {
    /** A failure event ready to send. */
    public record Event(String level, String message, ObjectNode data) {
    }

    private enum Shape {
        /** {@code {ok: false, reason, ...fields}}: the cue, chaser and preview intents. */
        NOT_OK,
        /** {@code {...fields, reason}}: song.load. */
        REASON,
        /** The reason is the event's name; the data is the extra fields or null: transport, fixture.set_arm. */
        NAMED_BY_REASON
    }

    private record Rule(String level, String event, Shape shape) {
    }

    private static Rule notOk(String event) {
        return new Rule("error", event, Shape.NOT_OK);
    }

    private static final Rule NAMED_BY_REASON = new Rule("error", null, Shape.NAMED_BY_REASON);
    private static final Rule CHASER_PREVIEW_REJECTED = new Rule("warning", "chaser_preview_rejected", Shape.NOT_OK);

    /** By intent name, or by "intent name:reason" where one intent reports some failures differently. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("transport.jump_to_time", NAMED_BY_REASON),
            Map.entry("transport.jump_to_section", NAMED_BY_REASON),
            Map.entry("fixture.set_arm", NAMED_BY_REASON),
            Map.entry("fixture.preview_effect", new Rule("warning", "preview_rejected", Shape.NOT_OK)),
            Map.entry("song.load", new Rule("error", "song_load_failed", Shape.REASON)),
            Map.entry("cue.add", notOk("cue_add_failed")),
            Map.entry("cue.record", notOk("cue_add_failed")),
            Map.entry("cue.update", notOk("cue_update_failed")),
            Map.entry("cue.set_render_version", notOk("cue_update_failed")),
            Map.entry("cue.delete", notOk("cue_delete_failed")),
            Map.entry("cue.clear", notOk("cue_clear_failed")),
            Map.entry("cue.clear_all", notOk("cue_clear_failed")),
            Map.entry("cue.reload", notOk("cue_reload_failed")),
            Map.entry("cue.export_dmx", notOk("cue_export_dmx_failed")),
            Map.entry("cue.apply_helper", notOk("cue_helper_apply_failed")),
            Map.entry("cue.undo", notOk("cue_undo_failed")),
            Map.entry("cue.redo", notOk("cue_redo_failed")),
            Map.entry("chaser.apply", notOk("chaser_apply_failed")),
            Map.entry("chaser.start", notOk("chaser_start_failed")),
            Map.entry("chaser.stop", notOk("chaser_stop_failed")),
            Map.entry("chaser.preview", notOk("chaser_preview_failed")),
            Map.entry("chaser.preview:playback_active", CHASER_PREVIEW_REJECTED),
            Map.entry("chaser.preview:unknown_chaser", CHASER_PREVIEW_REJECTED),
            Map.entry("chaser.preview:bpm_unavailable", CHASER_PREVIEW_REJECTED),
            Map.entry("song.hints.create", notOk("song_hint_create_failed")),
            Map.entry("song.hints.update", notOk("song_hint_update_failed")),
            Map.entry("song.hints.delete", notOk("song_hint_delete_failed")));

    private FailureEvents() {
    }

    /** The failure event for {@code intent} failing with {@code failure}, if the reference clients expect one. */
    public static Optional<Event> of(String intent, IntentException failure) {
        String reason = failure.reason();
        if (reason == null || intent == null) {
            return Optional.empty();
        }
        Rule rule = RULES.getOrDefault(intent + ":" + reason, RULES.get(intent));
        if (rule == null) {
            return Optional.empty();
        }
        ObjectNode fields = failure.reasonData();
        return Optional.of(switch (rule.shape()) {
            case NOT_OK -> {
                ObjectNode data = Json.object().put("ok", false).put("reason", reason);
                if (fields != null) {
                    data.setAll(fields.deepCopy());
                }
                yield new Event(rule.level(), rule.event(), data);
            }
            case REASON -> new Event(rule.level(), rule.event(),
                    (fields == null ? Json.object() : fields.deepCopy()).put("reason", reason));
            case NAMED_BY_REASON -> new Event(rule.level(), reason, fields == null ? null : fields.deepCopy());
        });
    }
}
