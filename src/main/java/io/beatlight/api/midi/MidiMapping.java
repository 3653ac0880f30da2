package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;

/** One mapping of {@code midi.json}: an id, the trigger and the action. A dimmer listens to a CC only. */
public record MidiMapping(String id, MidiTrigger trigger, MidiAction action) {

    public static MidiMapping of(String id, MidiTrigger trigger, MidiAction action, String path) throws InvalidMapping {
        if (action.type() == MidiAction.Type.MASTER_DIMMER && trigger.type() != MidiTrigger.Type.CC) {
            throw new InvalidMapping(path + ".trigger.type", "the master dimmer needs a CC trigger (a fader or "
                    + "knob), not a note");
        }
        return new MidiMapping(id, trigger, action);
    }

    public static MidiMapping parse(JsonNode node, String path) throws InvalidMapping {
        if (node == null || !node.isObject()) {
            throw new InvalidMapping(path, path + " must be an object {id, trigger, action}");
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > 64
                || id.asText().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMapping(path + ".id", path + ".id must be a non-empty text of at most 64 characters");
        }
        return of(id.asText(), MidiTrigger.parse(node.get("trigger"), path + ".trigger"),
                MidiAction.parse(node.get("action"), path + ".action"), path);
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("id", id);
        node.set("trigger", trigger.toJson());
        node.set("action", action.toJson());
        return node;
    }
}
