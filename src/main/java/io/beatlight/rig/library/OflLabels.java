package io.beatlight.rig.library;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Names for OFL capabilities, which carry structured properties instead of a name: "Strobe 1Hz…20Hz", "Red" (a
 * wheel slot), "Gobo 3 shake", with the file's comment added.
 */
final class OflLabels {
    private OflLabels() {
    }

    static String label(JsonNode cap, JsonNode wheels, String channelKey) {
        String type = cap.path("type").asText("");
        String comment = cap.path("comment").asText("").strip();
        String main = switch (type) {
            case "NoFunction" -> "No function";
            case "ShutterStrobe" -> words(cap.path("shutterEffect").asText("Strobe"))
                    + (cap.path("randomTiming").asBoolean(false) ? " random" : "") + range(cap, "speed")
                    + range(cap, "duration") + (cap.path("soundControlled").asBoolean(false) ? " (sound)" : "");
            case "ColorIntensity" -> cap.path("color").asText("Color") + range(cap, "brightness");
            case "ColorPreset" -> comment.isEmpty() ? "Color preset" + range(cap, "colorTemperature") : "";
            case "WheelSlot" -> slotName(cap, wheels, channelKey);
            case "WheelShake" -> (cap.has("slotNumber") || cap.has("slotNumberStart")
                    ? slotName(cap, wheels, channelKey) + " shake" : "Wheel shake") + range(cap, "shakeSpeed");
            case "WheelSlotRotation", "WheelRotation" -> "Rotation" + range(cap, "speed") + range(cap, "angle");
            case "Effect" -> cap.path("effectName").asText(cap.path("effectPreset").asText("Effect"))
                    + range(cap, "speed") + (cap.path("soundControlled").asBoolean(false) ? " (sound)" : "");
            case "Maintenance", "Generic" -> comment.isEmpty() ? words(type) : "";
            default -> words(type) + firstRange(cap);
        };
        if (main.isEmpty()) {
            return comment;
        }
        return comment.isEmpty() ? main : main + " (" + comment + ")";
    }

    /** The slot's name (or "Color 3", "Gobo 2", "Open"); a fractional slot number names both neighbours. */
    private static String slotName(JsonNode cap, JsonNode wheels, String channelKey) {
        JsonNode slots = wheels.path(cap.path("wheel").asText(channelKey)).path("slots");
        if (cap.has("slotNumberStart")) {
            return slot(slots, cap.get("slotNumberStart").asDouble()) + "…"
                    + slot(slots, cap.path("slotNumberEnd").asDouble());
        }
        return slot(slots, cap.path("slotNumber").asDouble(0));
    }

    private static String slot(JsonNode slots, double number) {
        if (number != Math.floor(number)) {
            return slot(slots, Math.floor(number)) + " / " + slot(slots, Math.ceil(number));
        }
        JsonNode slot = slots.path((int) number - 1);
        String type = slot.path("type").asText("");
        String name = slot.path("name").asText("");
        if (!name.isEmpty()) {
            return name;
        }
        return switch (type) {
            case "" -> "Slot " + (int) number;
            case "Open", "Closed" -> type;
            default -> type + " " + (int) number;
        };
    }

    private static String range(JsonNode cap, String property) {
        if (cap.has(property)) {
            return " " + cap.get(property).asText();
        }
        if (cap.has(property + "Start")) {
            return " " + cap.get(property + "Start").asText() + "…" + cap.path(property + "End").asText();
        }
        return "";
    }

    /** The first of the common ranged properties a capability has. */
    private static String firstRange(JsonNode cap) {
        for (String property : List.of("speed", "angle", "brightness", "distance", "openPercent", "frostIntensity",
                "fogOutput", "soundSensitivity", "parameter", "time", "duration", "insertion", "colorTemperature")) {
            String text = range(cap, property);
            if (!text.isEmpty()) {
                return text;
            }
        }
        return "";
    }

    /** "RampUpDown" → "Ramp up down". */
    static String words(String camel) {
        List<String> parts = new ArrayList<>();
        for (String part : camel.split("(?<=[a-z])(?=[A-Z])")) {
            parts.add(parts.isEmpty() ? part : part.toLowerCase(java.util.Locale.ROOT));
        }
        return String.join(" ", parts);
    }
}
