package io.beatlight.assistant;

import java.util.LinkedHashMap;
import java.util.Map;

/** The colours a request may name, and the name a summary gives a colour. */
final class Colours {
    /** By name; longer names first where one contains another ("warm white" before "white"). */
    static final Map<String, String> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("warm white", "#FFD8A0");
        BY_NAME.put("white", "#FFFFFF");
        BY_NAME.put("red", "#FF0000");
        BY_NAME.put("green", "#00FF00");
        BY_NAME.put("blue", "#0000FF");
        BY_NAME.put("amber", "#FFBF00");
        BY_NAME.put("orange", "#FF8000");
        BY_NAME.put("yellow", "#FFFF00");
        BY_NAME.put("cyan", "#00FFFF");
        BY_NAME.put("teal", "#00A0A0");
        BY_NAME.put("magenta", "#FF00FF");
        BY_NAME.put("pink", "#FF60B0");
        BY_NAME.put("purple", "#8000FF");
        BY_NAME.put("violet", "#8000FF");
        BY_NAME.put("uv", "#6000FF");
    }

    private Colours() {
    }

    /** The first name of a #RRGGBB colour, or the hex itself when it has none; null for null. */
    static String name(String hex) {
        if (hex == null) {
            return null;
        }
        for (Map.Entry<String, String> e : BY_NAME.entrySet()) {
            if (e.getValue().equalsIgnoreCase(hex)) {
                return e.getKey();
            }
        }
        return hex;
    }
}
