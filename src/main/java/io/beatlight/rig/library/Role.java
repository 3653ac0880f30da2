package io.beatlight.rig.library;

import java.util.Locale;

/** What a library channel does, in the terms a Beatlight template cares about. */
enum Role {
    DIMMER, RED, GREEN, BLUE, WHITE, AMBER, UV, CYAN, MAGENTA, YELLOW, LIME, INDIGO, WARM_WHITE, COLD_WHITE,
    PAN, TILT, PAN_TILT_SPEED, SHUTTER, COLOR_WHEEL, GOBO_WHEEL, PRISM, MACRO, MAINTENANCE, NOTHING, OTHER;

    /** The light emitters of colour mixing (additive or subtractive). */
    boolean isEmitter() {
        return ordinal() >= RED.ordinal() && ordinal() <= COLD_WHITE.ordinal();
    }

    /** The base name of its channel and meta channel in a template (e.g. "red", "uv", "color_wheel"). */
    String baseName() {
        return switch (this) {
            case DIMMER -> "dim";
            case PAN_TILT_SPEED -> "speed";
            case GOBO_WHEEL -> "gobo";
            case MAINTENANCE -> "control";
            case NOTHING -> "unused";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** A colour name as QLC+ and OFL write it ("Red", "UV", "Warm White"), or null. */
    static Role ofColourName(String colour) {
        if (colour == null) {
            return null;
        }
        return switch (colour.strip().toLowerCase(Locale.ROOT).replace("-", " ")) {
            case "red" -> RED;
            case "green" -> GREEN;
            case "blue" -> BLUE;
            case "white" -> WHITE;
            case "amber" -> AMBER;
            case "uv", "ultraviolet" -> UV;
            case "cyan" -> CYAN;
            case "magenta" -> MAGENTA;
            case "yellow" -> YELLOW;
            case "lime" -> LIME;
            case "indigo" -> INDIGO;
            case "warm white" -> WARM_WHITE;
            case "cold white", "cool white" -> COLD_WHITE;
            default -> null;
        };
    }
}
