package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.List;

/**
 * What a mapping does (docs/midi.md#actions):
 * <ul>
 *   <li>{@code transport}: {@code command} play, pause, stop or toggle (play when not playing, else pause);</li>
 *   <li>{@code section}: {@code to} next or previous, or {@code index} (0-based) — a seek to that section;</li>
 *   <li>{@code chaser}: {@code command} start or stop of the chaser {@code chaser_id} (its live preview);</li>
 *   <li>{@code blackout}: {@code mode} toggle, or momentary (dark while held);</li>
 *   <li>{@code master_dimmer}: a CC's value sets the master dimmer.</li>
 * </ul>
 *
 * @param value the command, section direction, or blackout mode; null for a section index and the dimmer
 */
public record MidiAction(Type type, String value, String chaserId, Integer index) {
    public enum Type {
        TRANSPORT("transport"), SECTION("section"), CHASER("chaser"), BLACKOUT("blackout"),
        MASTER_DIMMER("master_dimmer");

        private final String id;

        Type(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static final int MAX_ID_LENGTH = 128;

    /** Fires on press and release (a momentary blackout), not only on press. */
    public boolean momentary() {
        return type == Type.BLACKOUT && "momentary".equals(value);
    }

    public static MidiAction parse(JsonNode node, String path) throws InvalidMapping {
        if (node == null || !node.isObject()) {
            throw new InvalidMapping(path, path + " must be an object {type, ...}");
        }
        String typeName = node.path("type").asText("");
        Type type = null;
        for (Type t : Type.values()) {
            if (t.id.equals(typeName)) {
                type = t;
            }
        }
        if (type == null) {
            throw new InvalidMapping(path + ".type", path + ".type must be one of transport, section, chaser, "
                    + "blackout, master_dimmer");
        }
        return switch (type) {
            case TRANSPORT -> new MidiAction(type, oneOf(node, "command", path,
                    List.of("play", "pause", "stop", "toggle")), null, null);
            case SECTION -> section(node, path);
            case CHASER -> new MidiAction(type, oneOf(node, "command", path, List.of("start", "stop")),
                    chaserId(node, path), null);
            case BLACKOUT -> new MidiAction(type, oneOf(node, "mode", path, List.of("toggle", "momentary")), null,
                    null);
            case MASTER_DIMMER -> new MidiAction(type, null, null, null);
        };
    }

    private static MidiAction section(JsonNode node, String path) throws InvalidMapping {
        if (node.hasNonNull("index")) {
            JsonNode index = node.get("index");
            if (!index.isIntegralNumber() || index.asLong() < 0 || index.asLong() > 9999) {
                throw new InvalidMapping(path + ".index", path + ".index must be a whole number from 0 to 9999");
            }
            return new MidiAction(Type.SECTION, null, null, index.asInt());
        }
        if (!node.hasNonNull("to")) {
            throw new InvalidMapping(path + ".to", path + " needs \"to\": \"next\" or \"previous\", or \"index\"");
        }
        return new MidiAction(Type.SECTION, oneOf(node, "to", path, List.of("next", "previous")), null, null);
    }

    private static String oneOf(JsonNode node, String key, String path, List<String> allowed) throws InvalidMapping {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || !allowed.contains(v.asText())) {
            throw new InvalidMapping(path + "." + key, path + "." + key + " must be one of " + String.join(", ",
                    allowed));
        }
        return v.asText();
    }

    private static String chaserId(JsonNode node, String path) throws InvalidMapping {
        JsonNode v = node.get("chaser_id");
        String field = path + ".chaser_id";
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_ID_LENGTH
                || v.asText().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidMapping(field, field + " must be a chaser id (text, at most " + MAX_ID_LENGTH
                    + " characters, no control characters)");
        }
        return v.asText();
    }

    public ObjectNode toJson() {
        ObjectNode node = Json.object().put("type", type.id);
        switch (type) {
            case TRANSPORT -> node.put("command", value);
            case SECTION -> {
                if (index != null) {
                    node.put("index", index);
                } else {
                    node.put("to", value);
                }
            }
            case CHASER -> node.put("command", value).put("chaser_id", chaserId);
            case BLACKOUT -> node.put("mode", value);
            case MASTER_DIMMER -> { }
        }
        return node;
    }
}
