package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.assistant.EffectRequests.Parameters;
import io.beatlight.tools.CueRows;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Locale;

/** Puts an effect request's cues on the time line (once, or on a rhythmic pattern) and words the proposal. */
final class CuePlacement {
    /** The cue rows of a request, and how its summary says when they play. */
    record Placement(ArrayNode entries, String when) {
    }

    private final ShowView show;
    private final TimeReader when;

    CuePlacement(ShowView show, TimeReader when) {
        this.show = show;
        this.when = when;
    }

    /** A cue on each time of a rhythmic pattern; a flash lasts half the pattern's step, so flashes never merge. */
    Placement onPattern(String effect, Parameters p, Window w, List<Double> times) {
        double every = times.size() > 1 ? times.get(1) - times.get(0) : show.beatSeconds();
        double duration = effect.equals("flash") ? every / 2
                : when.length(w.start()).orElse(Math.min(p.defaultLength(), every));
        ArrayNode entries = Json.array();
        for (double t : times) {
            for (FixtureInfo f : p.fixtures()) {
                entries.add(CueRows.row(t, f.id(), effect, duration, p.data()));
            }
        }
        String span = w.point() ? "for " + Wording.plain(CueRows.round(times.size() > 0
                ? times.get(times.size() - 1) - times.get(0) + every : 0)) + " s from " + ShowView.clock(w.start())
                : w.label().replaceFirst("^in ", "of ");
        return new Placement(entries, when.rhythm() + " " + span);
    }

    /**
     * One cue per fixture at the window's start, lasting the window, or the length the request gives. A flash, a
     * wash and a move keep their own short length even when the request names a whole section.
     */
    Placement once(String effect, Parameters p, Window w) {
        boolean shortEffect = effect.equals("flash") || effect.equals("fade_in") || effect.equals("move_to_poi");
        double duration = when.length(w.start())
                .orElse(w.point() || shortEffect ? p.defaultLength() : w.end() - w.start());
        ArrayNode entries = Json.array();
        for (FixtureInfo f : p.fixtures()) {
            entries.add(CueRows.row(w.start(), f.id(), effect, duration, p.data()));
        }
        return new Placement(entries, w.label());
    }

    /** The add_cues proposal of the placed cues, summed up in a sentence. */
    static Interpretation propose(String effect, Parameters p, Placement cues) {
        ArrayNode entries = cues.entries();
        ObjectNode args = Json.object();
        args.set("entries", entries);
        String title = "Add " + entries.size() + (entries.size() == 1 ? " cue" : " cues");
        String summary = String.format(Locale.ROOT, "%s on %s %s (%d %s).", verb(effect, p.data()),
                Wording.names(p.fixtures()), cues.when(), entries.size(), entries.size() == 1 ? "cue" : "cues");
        summary = Character.toUpperCase(summary.charAt(0)) + summary.substring(1);
        return Interpretation.propose("I propose: " + summary + " Accept to add it to the cue sheet.",
                new Proposal("add_cues", args, title, summary));
    }

    /** How a summary names an effect with its parameters. */
    private static String verb(String effect, ObjectNode data) {
        String colour = Colours.name(data.path("color").asText(data.path("end_color").asText(null)));
        if (data.has("red")) {
            colour = Colours.name(String.format(Locale.ROOT, "#%02X%02X%02X", data.get("red").asInt(),
                    data.get("green").asInt(), data.get("blue").asInt()));
        }
        return switch (effect) {
            case "flash" -> colour == null ? "flash" : colour + " flash";
            case "strobe" -> "strobe at " + Wording.plain(data.path("rate").asDouble(10)) + " Hz";
            case "fade_in" -> colour + " wash";
            case "color_fade" -> "colour fade to " + colour;
            case "move_to_poi" -> "move to " + data.path("target_POI").asText();
            case "sweep" -> "sweep from " + data.path("start_POI").asText() + " across "
                    + data.path("subject_POI").asText();
            case "fade_out" -> "fade out";
            default -> effect;
        };
    }
}
