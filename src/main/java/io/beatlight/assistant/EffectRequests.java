package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.tools.CueRows;
import io.beatlight.tools.ShowView;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.tools.ShowView.PoiInfo;
import io.beatlight.util.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The effect requests the interpreter knows (the effects are in docs/effects.md#effects-reference), how each is
 * asked for, and how its cue parameters are read from the request.
 */
final class EffectRequests {
    private static final Pattern RATE =
            Pattern.compile("\\b(?:at )?(\\d+(?:\\.\\d+)?)\\s*(?:hz|times a second|per second)");

    /** The fixtures a request names, and those of them that can do its effect. */
    record Fixtures(List<FixtureInfo> named, List<FixtureInfo> able) {
    }

    /**
     * An effect's cue parameters, the fixtures that take it and its length when the request gives none; or, when the
     * request cannot be done, the answer that says why.
     */
    record Parameters(ObjectNode data, List<FixtureInfo> fixtures, double defaultLength, String refusal) {
        static Parameters of(ObjectNode data, List<FixtureInfo> fixtures, double defaultLength) {
            return new Parameters(data, fixtures, defaultLength, null);
        }

        static Parameters refuse(String answer) {
            return new Parameters(null, List.of(), 0, answer);
        }
    }

    /** One kind of effect request: the effect, how a request asks for it, and how its parameters are read. */
    record EffectRequest(String effect, Predicate<EffectRequests> asks,
                         BiFunction<EffectRequests, Fixtures, Parameters> parameters) {
    }

    /** The effect requests, first match wins: "sweep the heads to the piano" is a sweep, not a move. */
    private static final List<EffectRequest> TABLE = List.of(
            new EffectRequest("sweep", r -> r.has("sweep|sweeps|swing|swings"), EffectRequests::sweep),
            new EffectRequest("move_to_poi", r -> r.has("point|aim|move|focus|look") && r.who.poi().isPresent(),
                    EffectRequests::moveToPoi),
            new EffectRequest("strobe", r -> r.has("strobe|strobes|strobing"), EffectRequests::strobe),
            new EffectRequest("flash", r -> r.has("flash|flashes|hit|hits|pulse|pulses|bump|bumps|blink"),
                    EffectRequests::flash),
            new EffectRequest("blackout", r -> r.has("blackout|black out|lights off|go dark|all off|switch off"
                    + "|turn off"), (r, f) -> Parameters.of(Json.object(), f.able(), 0)),
            new EffectRequest("fade_out", r -> r.has("fade out|fade to black|fades out"),
                    (r, f) -> Parameters.of(Json.object(), f.able(), r.show.barSeconds())),
            new EffectRequest("color_fade", r -> r.has("fade|fades|crossfade") && r.who.colour().isPresent()
                    && r.has("to|into"), EffectRequests::colourFade),
            new EffectRequest("full", r -> r.has("full|full on|max|maximum"),
                    (r, f) -> Parameters.of(Json.object(), f.able(), 0)),
            // a colour and nothing else ("blue wash in the verse") fades the colour in
            new EffectRequest("fade_in", r -> r.who.colour().isPresent(), EffectRequests::wash));

    private final Prompt prompt;
    private final ShowView show;
    private final TargetReader who;

    EffectRequests(Prompt prompt, TargetReader who) {
        this.prompt = prompt;
        this.show = prompt.show();
        this.who = who;
    }

    /** The first effect request of the table that the prompt asks for. */
    Optional<EffectRequest> asked() {
        return TABLE.stream().filter(r -> r.asks().test(this)).findFirst();
    }

    /** The cue parameters of the request for these fixtures, or the refusal. */
    Parameters parameters(EffectRequest request, Fixtures fixtures) {
        return request.parameters().apply(this, fixtures);
    }

    private boolean has(String alternatives) {
        return prompt.has(alternatives);
    }

    // ---- one parameter reader per kind of request ----------------------------------------------------------------

    private Parameters flash(Fixtures fixtures) {
        ObjectNode data = Json.object();
        who.colour().ifPresent(c -> data.put("color", c));
        return Parameters.of(data, fixtures.able(), 0.5);
    }

    private Parameters strobe(Fixtures fixtures) {
        Matcher rate = RATE.matcher(prompt.text());
        ObjectNode data = Json.object().put("rate", rate.find() ? Double.parseDouble(rate.group(1)) : 10.0);
        return Parameters.of(data, fixtures.able(), show.barSeconds());
    }

    /** A colour washing in: only fixtures that mix colours take it. */
    private Parameters wash(Fixtures fixtures) {
        int[] rgb = CueRows.rgb(who.colour().orElseThrow());
        ObjectNode data = Json.object().put("red", rgb[0]).put("green", rgb[1]).put("blue", rgb[2]);
        List<FixtureInfo> rgbFixtures = fixtures.able().stream().filter(FixtureInfo::rgb).toList();
        if (rgbFixtures.isEmpty()) {
            return Parameters.refuse("None of " + Wording.names(fixtures.named()) + " can mix colours.");
        }
        return Parameters.of(data, rgbFixtures, show.beatSeconds());
    }

    private Parameters colourFade(Fixtures fixtures) {
        ObjectNode data = Json.object().put("end_color", who.colour().orElseThrow());
        return Parameters.of(data, fixtures.able(), show.barSeconds());
    }

    /** A move to the named POI, by the heads that have a position stored for it. */
    private Parameters moveToPoi(Fixtures fixtures) {
        PoiInfo poi = who.poi().orElseThrow();
        List<FixtureInfo> heads = calibrated(fixtures.able(), poi);
        if (heads.isEmpty()) {
            return Parameters.refuse("No head has a stored position for " + poi.name()
                    + ". Store one with the head's POI buttons first.");
        }
        return Parameters.of(Json.object().put("target_POI", poi.id()), heads, show.beatSeconds());
    }

    /**
     * A sweep across the last POI named, from the first one named, or else from the calibrated POI farthest from
     * it.
     */
    private Parameters sweep(Fixtures fixtures) {
        List<PoiInfo> mentioned = who.poisMentioned();
        if (mentioned.isEmpty()) {
            return Parameters.refuse("Sweep to where? Name a point of interest, e.g. \"sweep the left "
                    + "head to the piano at 1:20\". POIs: " + show.pois().stream().map(PoiInfo::name)
                    .collect(Collectors.joining(", ")) + ".");
        }
        PoiInfo subject = mentioned.get(mentioned.size() - 1);
        List<FixtureInfo> heads = calibrated(fixtures.able(), subject);
        if (heads.isEmpty()) {
            return Parameters.refuse("No head has a stored position for " + subject.name() + ".");
        }
        PoiInfo start = mentioned.size() > 1 ? mentioned.get(0) : sweepStart(subject, heads);
        if (start == null) {
            return Parameters.refuse("A sweep needs a second calibrated POI to start from.");
        }
        ObjectNode data = Json.object().put("subject_POI", subject.id()).put("start_POI", start.id());
        return Parameters.of(data, heads, 2 * show.barSeconds());
    }

    private static List<FixtureInfo> calibrated(List<FixtureInfo> fixtures, PoiInfo poi) {
        return fixtures.stream().filter(f -> poi.calibrated().contains(f.id())).toList();
    }

    /** Where a sweep to the subject starts: the calibrated POI farthest from it (ties by id). */
    private PoiInfo sweepStart(PoiInfo subject, List<FixtureInfo> heads) {
        return show.pois().stream().filter(p -> p != subject)
                .filter(p -> heads.stream().allMatch(h -> p.calibrated().contains(h.id())))
                .max(Comparator.comparingDouble((PoiInfo p) -> Math.hypot(p.x() - subject.x(), p.y() - subject.y()))
                        .thenComparing(PoiInfo::id, Comparator.reverseOrder()))
                .orElse(null);
    }
}
