package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.IntentContext;
import io.beatlight.api.intents.IntentOutcome;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;

/**
 * {@code midi.*}: learn mode, adding and deleting mappings, re-reading {@code midi.json} and re-opening the input
 * (docs/protocol.md#midi).
 */
public final class MidiIntents {
    private final MidiControl midi;

    private MidiIntents(MidiControl midi) {
        this.midi = midi;
    }

    public static void register(IntentRegistry registry, MidiControl midi) {
        MidiIntents intents = new MidiIntents(midi);
        registry.register("midi.learn", intents::learn);
        registry.register("midi.cancel_learn", intents::cancelLearn);
        registry.register("midi.mapping.add", intents::add);
        registry.register("midi.mapping.delete", intents::delete);
        registry.register("midi.reload", intents::reload);
        registry.register("midi.reconnect", intents::reconnect);
    }

    private IntentOutcome learn(IntentContext ctx) throws IntentException {
        requireWritable();
        MidiAction action = action(ctx.payload().raw(), "action");
        String replace = ctx.payload().optionalId("replace_id").orElse(null);
        if (replace != null && midi.mappings().stream().noneMatch(m -> m.id().equals(replace))) {
            throw new IntentException(ErrorCode.UNKNOWN_MIDI_MAPPING, "no MIDI mapping '" + replace + "'",
                    "replace_id", Json.object().put("id", replace));
        }
        midi.startLearning(action, replace);
        ObjectNode data = Json.object();
        data.set("learning", action.toJson().put("replace_id", replace));
        return IntentOutcome.changed(data);
    }

    private IntentOutcome cancelLearn(IntentContext ctx) {
        boolean was = midi.cancelLearning();
        ObjectNode data = Json.object().put("cancelled", was);
        return was ? IntentOutcome.changed(data) : IntentOutcome.unchanged(data);
    }

    private IntentOutcome add(IntentContext ctx) throws IntentException {
        requireWritable();
        ObjectNode raw = ctx.payload().raw();
        MidiMapping mapping;
        try {
            mapping = MidiMapping.of(midi.nextId(), MidiTrigger.parse(raw.get("trigger"), "trigger"),
                    MidiAction.parse(raw.get("action"), "action"), "");
        } catch (InvalidMapping e) {
            throw IntentException.invalid(e.field().startsWith(".") ? e.field().substring(1) : e.field(),
                    e.getMessage());
        }
        if (midi.mappings().size() >= MidiMappingsFile.MAX_MAPPINGS) {
            throw new IntentException(ErrorCode.LIMIT_EXCEEDED, "at most " + MidiMappingsFile.MAX_MAPPINGS
                    + " MIDI mappings");
        }
        midi.put(mapping);
        ObjectNode data = Json.object();
        data.set("mapping", mapping.toJson());
        return IntentOutcome.changed(data);
    }

    private IntentOutcome delete(IntentContext ctx) throws IntentException {
        requireWritable();
        String id = ctx.payload().requireId("id");
        if (!midi.delete(id)) {
            throw new IntentException(ErrorCode.UNKNOWN_MIDI_MAPPING, "no MIDI mapping '" + id + "'", "id",
                    Json.object().put("id", id));
        }
        return IntentOutcome.changed(Json.object().put("id", id));
    }

    private IntentOutcome reload(IntentContext ctx) throws IntentException {
        String problem = midi.load();
        if (problem != null) {
            throw new IntentException(ErrorCode.MIDI_MAPPINGS_UNREADABLE, problem + "; the file was not changed");
        }
        return IntentOutcome.changed(Json.object().put("mappings", midi.mappings().size()));
    }

    private IntentOutcome reconnect(IntentContext ctx) {
        midi.connect();
        ObjectNode state = midi.state();
        return IntentOutcome.changed(Json.object().put("connected", state.path("connected").asBoolean())
                .set("input_problem", state.get("input_problem")));
    }

    private void requireWritable() throws IntentException {
        if (!midi.writable()) {
            throw new IntentException(ErrorCode.MIDI_MAPPINGS_UNREADABLE, midi.unreadableReason()
                    + "; fix midi.json and send midi.reload (the file is never overwritten)");
        }
    }

    private static MidiAction action(ObjectNode payload, String key) throws IntentException {
        try {
            return MidiAction.parse(payload.get(key), key);
        } catch (InvalidMapping e) {
            throw IntentException.invalid(e.field(), e.getMessage());
        }
    }
}
