package io.beatlight.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.tools.Proposal;
import io.beatlight.util.Json;

/** A model's call of a write tool as the user sees it before deciding: a short title and a summary of the rows. */
final class WriteProposals {
    /** How many rows a summary names before it ends with "…". */
    private static final int ROWS_SHOWN = 5;

    private WriteProposals() {
    }

    static Proposal of(String tool, ObjectNode arguments) {
        return new Proposal(tool, arguments, title(tool, arguments), summary(tool, arguments));
    }

    private static String title(String tool, ObjectNode args) {
        return switch (tool) {
            case "add_cues" -> "Add " + args.path("entries").size() + " cue" + (args.path("entries").size() == 1
                    ? "" : "s");
            case "replace_cues_in_window" -> "Replace cues " + args.path("start_time").asDouble() + "–"
                    + args.path("end_time").asDouble() + " s";
            case "apply_chaser" -> "Apply chaser " + args.path("chaser_id").asText();
            case "update_cue" -> "Change cue " + args.path("index").asText();
            case "delete_cue" -> "Delete cue " + args.path("index").asText();
            default -> tool;
        };
    }

    private static String summary(String tool, ObjectNode args) {
        if (tool.equals("add_cues") || tool.equals("replace_cues_in_window")) {
            StringBuilder text = new StringBuilder(title(tool, args)).append(": ");
            int shown = 0;
            for (JsonNode row : args.path("entries")) {
                if (shown++ == ROWS_SHOWN) {
                    text.append(" …");
                    break;
                }
                text.append(shown > 1 ? "; " : "").append(row.path("effect").asText(row.path("chaser_id").asText()))
                        .append(' ').append(row.path("fixture_id").asText()).append(" at ")
                        .append(row.path("time").asText());
            }
            return text.toString();
        }
        return title(tool, args) + " " + Json.write(args);
    }
}
