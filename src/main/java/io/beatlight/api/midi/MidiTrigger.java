package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.Objects;

/**
 * What a mapping listens to: notes or a controller on a channel (1..16) and number (0..127), optionally only the
 * velocities or values {@code min..max}. For a button action, a note on inside the range presses it and a note
 * off releases it; a CC presses when its value enters the range (default 64..127) and releases when it leaves.
 * For the master dimmer the CC's range (default 0..127) is spread over 0..100 %.
 */
public record MidiTrigger(Type type, int channel, int number, Integer min, Integer max) {
    public enum Type { NOTE, CC }

    public static MidiTrigger of(MidiInputMessage message) {
        return new MidiTrigger(message.isNote() ? Type.NOTE : Type.CC, message.channel(), message.number(), null, null);
    }

    public boolean listensTo(MidiInputMessage message) {
        return message.isNote() == (type == Type.NOTE) && message.channel() == channel && message.number() == number;
    }

    /** Same type, channel, number and range. */
    public boolean sameAs(MidiTrigger other) {
        return type == other.type && channel == other.channel && number == other.number
                && Objects.equals(min, other.min) && Objects.equals(max, other.max);
    }

    public int minOr(int fallback) {
        return min == null ? fallback : min;
    }

    public int maxOr(int fallback) {
        return max == null ? fallback : max;
    }

    public static MidiTrigger parse(JsonNode node, String path) throws InvalidMapping {
        if (node == null || !node.isObject()) {
            throw new InvalidMapping(path, path + " must be an object {type, channel, number}");
        }
        String typeName = node.path("type").asText("");
        Type type = switch (typeName) {
            case "note" -> Type.NOTE;
            case "cc" -> Type.CC;
            default -> throw new InvalidMapping(path + ".type", path + ".type must be \"note\" or \"cc\"");
        };
        int channel = integer(node, "channel", path, 1, 16, true);
        int number = integer(node, "number", path, 0, 127, true);
        Integer min = node.hasNonNull("min") ? integer(node, "min", path, 0, 127, false) : null;
        Integer max = node.hasNonNull("max") ? integer(node, "max", path, 0, 127, false) : null;
        if (min != null && max != null && min > max) {
            throw new InvalidMapping(path + ".min", path + ".min (" + min + ") is above " + path + ".max (" + max
                    + ")");
        }
        return new MidiTrigger(type, channel, number, min, max);
    }

    private static int integer(JsonNode node, String key, String path, int min, int max, boolean required)
            throws InvalidMapping {
        JsonNode v = node.get(key);
        String field = path + "." + key;
        if (v == null || v.isNull()) {
            if (required) {
                throw new InvalidMapping(field, field + " is required");
            }
            return min;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new InvalidMapping(field, field + " must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("type", type == Type.NOTE ? "note" : "cc").put("channel", channel)
                .put("number", number);
        if (min != null) {
            node.put("min", min);
        }
        if (max != null) {
            node.put("max", max);
        }
        return node;
    }
}
