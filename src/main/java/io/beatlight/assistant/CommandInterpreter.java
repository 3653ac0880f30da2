package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.tools.ShowView.PoiInfo;
import io.beatlight.song.Section;
import io.beatlight.tools.CueRows;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.beatlight.tools.Proposal;
import io.beatlight.tools.ShowDrafter;
import io.beatlight.tools.ShowView;

/**
 * The assistant without a model: a deterministic reading of plain-English lighting requests (the grammar is in the
 * README). It answers questions about the song and turns requests into the same proposals a model would make.
 */
public final class CommandInterpreter {
    static final Map<String, String> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("warm white", "#FFD8A0");
        COLOURS.put("white", "#FFFFFF");
        COLOURS.put("red", "#FF0000");
        COLOURS.put("green", "#00FF00");
        COLOURS.put("blue", "#0000FF");
        COLOURS.put("amber", "#FFBF00");
        COLOURS.put("orange", "#FF8000");
        COLOURS.put("yellow", "#FFFF00");
        COLOURS.put("cyan", "#00FFFF");
        COLOURS.put("teal", "#00A0A0");
        COLOURS.put("magenta", "#FF00FF");
        COLOURS.put("pink", "#FF60B0");
        COLOURS.put("purple", "#8000FF");
        COLOURS.put("violet", "#8000FF");
        COLOURS.put("uv", "#6000FF");
    }

    private static final Map<String, Integer> NUMBERS = Map.of("a", 1, "one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6, "eight", 8, "sixteen", 16, "half", 0);
    private static final String NUM = "(\\d+(?:\\.\\d+)?|a|one|two|three|four|five|six|eight|sixteen)";
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{1,2}(?:\\.\\d+)?)");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern BAR = Pattern.compile("\\bbar (\\d+)\\b");
    private static final Pattern LENGTH = Pattern.compile("\\b(?:for|over|lasting) (?:the next )?" + NUM
            + " (bars?|beats?|seconds?|secs?|s)\\b");
    private static final Pattern LAST_BEFORE = Pattern.compile("\\b(?:last|final) " + NUM
            + " (bars?|beats?) (?:before|leading (?:in)?to|into) (.+)");
    private static final Pattern FIRST_OF = Pattern.compile("\\bfirst " + NUM + " (bars?|beats?) of (.+)");
    private static final Pattern AT = Pattern.compile(
            "\\b(?:at|on|from) ((?:the )?(?:end of |start of )?(?:the )?\\S+(?: \\S+)?)");
    private static final Pattern RANGE = Pattern.compile("\\b(?:from|between) (.+?) (?:to|and|until|till) (.+)");
    private static final Pattern RATE = Pattern.compile("\\b(?:at )?(\\d+(?:\\.\\d+)?)\\s*(?:hz|times a second|per second)");
    private static final Pattern TIMES = Pattern.compile("\\b(\\d+|two|three|four) times\\b|\\bx\\s*(\\d+)\\b");
    /** "the second chorus", "chorus 2", "the last verse", "the next drop" */
    private static final Pattern SECTION_REFERENCE = Pattern.compile("(?:(first|second|third|fourth|fifth|1st|2nd|"
            + "3rd|4th|last|final|next) )?(intro|verse|pre ?chorus|chorus|refrain|bridge|breakdown|break|drop|"
            + "build ?up|build|outro|ending|end|solo|hook)s?(?: (\\d+))?\\b");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

    /** The fixtures a request names, and those of them that can do its effect. */
    private record Fixtures(List<FixtureInfo> named, List<FixtureInfo> able) {
    }

    /**
     * An effect's cue parameters, the fixtures that take it and its length when the request gives none; or, when the
     * request cannot be done, the answer that says why.
     */
    private record Parameters(ObjectNode data, List<FixtureInfo> fixtures, double defaultLength, String refusal) {
        static Parameters of(ObjectNode data, List<FixtureInfo> fixtures, double defaultLength) {
            return new Parameters(data, fixtures, defaultLength, null);
        }

        static Parameters refuse(String answer) {
            return new Parameters(null, List.of(), 0, answer);
        }
    }

    /** One kind of effect request: the effect, how a request asks for it, and how its parameters are read. */
    private record EffectRequest(String effect, Predicate<CommandInterpreter> asks,
                                 BiFunction<CommandInterpreter, Fixtures, Parameters> parameters) {
    }

    /** The effect requests, first match wins: "sweep the heads to the piano" is a sweep, not a move. */
    private static final List<EffectRequest> EFFECT_REQUESTS = List.of(
            new EffectRequest("sweep", r -> r.has("sweep|sweeps|swing|swings"), CommandInterpreter::sweep),
            new EffectRequest("move_to_poi", r -> r.has("point|aim|move|focus|look") && r.poi().isPresent(),
                    CommandInterpreter::moveToPoi),
            new EffectRequest("strobe", r -> r.has("strobe|strobes|strobing"), CommandInterpreter::strobe),
            new EffectRequest("flash", r -> r.has("flash|flashes|hit|hits|pulse|pulses|bump|bumps|blink"),
                    CommandInterpreter::flash),
            new EffectRequest("blackout", r -> r.has("blackout|black out|lights off|go dark|all off|switch off"
                    + "|turn off"), (r, f) -> Parameters.of(Json.object(), f.able(), 0)),
            new EffectRequest("fade_out", r -> r.has("fade out|fade to black|fades out"),
                    (r, f) -> Parameters.of(Json.object(), f.able(), 4 * r.show.beatSeconds())),
            new EffectRequest("color_fade", r -> r.has("fade|fades|crossfade") && r.colour().isPresent()
                    && r.has("to|into"), CommandInterpreter::colourFade),
            new EffectRequest("full", r -> r.has("full|full on|max|maximum"),
                    (r, f) -> Parameters.of(Json.object(), f.able(), 0)),
            // a colour and nothing else ("blue wash in the verse") fades the colour in
            new EffectRequest("fade_in", r -> r.colour().isPresent(), CommandInterpreter::wash));

    private final ShowView show;
    private final String text;

    private CommandInterpreter(ShowView show, String prompt) {
        this.show = show;
        this.text = " " + prompt.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[!?,;]", " ")
                .replaceAll("\\.(?!\\d)", " ").replaceAll("\\s+", " ").trim() + " ";
    }

    public static Interpretation interpret(ShowView show, String prompt) {
        if (show.songId() == null) {
            return Interpretation.answer("No song is loaded. Pick a song first, then ask again.");
        }
        return new CommandInterpreter(show, prompt).run();
    }

    // ---- dispatch ----------------------------------------------------------------------------------------------

    private Interpretation run() {
        Optional<Interpretation> question = question();
        if (question.isPresent()) {
            return question.get();
        }
        if (has("draft|program|create|build|make|design") && has("show|light show|whole song")) {
            Proposal draft = ShowDrafter.draft(show);
            return Interpretation.propose(draft.summary(), draft);
        }
        if (has("clear|remove|delete|erase|wipe") && !has("clear blue|clear white")) {
            return clear();
        }
        Optional<String> chaser = chaser();
        if (chaser.isPresent()) {
            return applyChaser(chaser.get());
        }
        Optional<EffectRequest> effect = EFFECT_REQUESTS.stream().filter(r -> r.asks().test(this)).findFirst();
        if (effect.isEmpty()) {
            return Interpretation.notUnderstood(help("I did not understand that."));
        }
        return effectRequest(effect.get());
    }

    private boolean has(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b").matcher(text).find();
    }

    // ---- questions -----------------------------------------------------------------------------------------------

    /** A question about the song or the rig: how it is asked, and its answer (none when it does not apply). */
    private record Question(Predicate<CommandInterpreter> asks, Function<CommandInterpreter, Optional<String>> answer) {
    }

    /** The questions, first match wins. */
    private static final List<Question> QUESTIONS = List.of(
            new Question(r -> r.has("bpm|tempo|fast|speed"), CommandInterpreter::tempoAnswer),
            new Question(r -> r.has("where|when"), CommandInterpreter::sectionTimeAnswer),
            new Question(r -> r.has("how long|length|duration"), r -> Optional.of(String.format(Locale.ROOT,
                    "%s is %s long (%d bars).", r.show.songId(), ShowView.clock(r.show.lengthS()),
                    r.show.barAt(r.show.lengthS() - 1e-3)))),
            new Question(r -> r.has("sections|parts|structure"), r -> Optional.of(r.show.sections().isEmpty()
                    ? "The song has no sections yet." : "Sections: " + r.show.sections().stream()
                    .map(r.show::describe).collect(Collectors.joining("; ")) + ".")),
            new Question(r -> r.has("fixtures|lights|rig"), r -> Optional.of("Fixtures: " + r.show.fixtures()
                    .stream().map(f -> f.name() + " (" + f.id() + ", " + f.type() + ")")
                    .collect(Collectors.joining(", ")) + ".")),
            new Question(r -> r.has("pois|poi|points|targets|positions"), r -> Optional.of("Points of interest: "
                    + r.show.pois().stream().map(p -> p.name() + " (" + p.id() + ")")
                    .collect(Collectors.joining(", ")) + ".")),
            new Question(r -> r.has("chasers|chaser"), r -> Optional.of("Chasers: "
                    + String.join(", ", r.show.chasers()) + ".")));

    private Optional<Interpretation> question() {
        boolean asks = text.trim().matches("^(what|where|when|how|which|list|show me|tell me|help|is|are|who).*")
                || text.contains("?");
        if (has("help|what can you do|commands")) {
            return Optional.of(Interpretation.answer(help("Here is what I can do.")));
        }
        if (!asks) {
            return Optional.empty();
        }
        for (Question q : QUESTIONS) {
            Optional<String> answer = q.asks().test(this) ? q.answer().apply(this) : Optional.empty();
            if (answer.isPresent()) {
                return answer.map(Interpretation::answer);
            }
        }
        return Optional.empty();
    }

    private Optional<String> tempoAnswer() {
        return Optional.of(String.format(Locale.ROOT, "%s is at %s BPM (a beat every %.3f s, a bar every %.3f s).",
                show.songId(), plain(show.bpm()), show.beatSeconds(), 4 * show.beatSeconds()));
    }

    /** "where is the second chorus": only when the question names a section. */
    private Optional<String> sectionTimeAnswer() {
        return section(text).map(s -> "The " + s.name() + " runs " + show.describe(s)
                .substring(s.name().length() + 1) + ".");
    }

    static String help(String lead) {
        return lead + " I understand requests like:\n"
                + "• flash the pars on every beat of the first chorus\n"
                + "• strobe everything for the last 2 bars before the drop\n"
                + "• sweep the left head to the piano at 1:20\n"
                + "• blue wash in the verse · fade the pars to red over 4 bars at bar 9\n"
                + "• point the heads at the singer at 0:30 · blackout at the end of the breakdown\n"
                + "• clear the cues in the bridge · apply the pars ping pong chaser at bar 5\n"
                + "• draft a show for this song\n"
                + "• what is the bpm · where is the second chorus · what sections are there\n"
                + "Name fixtures by name or id, or say the pars, the heads, the left/right head, everything.";
    }

    // ---- targets -----------------------------------------------------------------------------------------------

    /** The fixtures the request names (explicitly or by group), or every fixture when it names none. */
    private List<FixtureInfo> targets(boolean[] explicit) {
        List<FixtureInfo> named = new ArrayList<>();
        String squashed = text.replaceAll("[^a-z0-9]", "");
        for (FixtureInfo f : show.fixtures()) {
            String id = f.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            String name = f.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (containsWord(text, f.id().toLowerCase(Locale.ROOT)) || (name.matches(".*\\d$") && squashed.matches(
                    ".*" + Pattern.quote(name) + "(?!\\d).*")) || (id.matches(".*\\d$") && squashed.matches(
                    ".*" + Pattern.quote(id) + "(?!\\d).*"))) {
                named.add(f);
            }
        }
        List<FixtureInfo> heads = show.heads();
        if (!heads.isEmpty() && has("left (?:moving )?head|left mover|head left|head l")) {
            named.add(heads.get(0));
        }
        if (!heads.isEmpty() && has("right (?:moving )?head|right mover|head right|head r")) {
            named.add(heads.get(heads.size() - 1));
        }
        if (has("heads|movers|moving heads|both heads|spots|beams") || (has("the head") && heads.size() == 1)) {
            named.addAll(heads);
        }
        List<FixtureInfo> pars = show.fixtures().stream().filter(f -> !f.isHead()).toList();
        if (has("left pars?|left par cans?|pars? on the left")) {
            pars.stream().filter(f -> f.x() < 0.5).forEach(named::add);
        } else if (has("right pars?|right par cans?|pars? on the right")) {
            pars.stream().filter(f -> f.x() > 0.5).forEach(named::add);
        } else if (has("pars|par cans|parcans|washes|wash lights|the par")) {
            named.addAll(pars);
        }
        if (has("everything|every light|all lights|all fixtures|all the lights|whole rig|the rig|all")) {
            named.addAll(show.fixtures());
        }
        explicit[0] = !named.isEmpty();
        List<FixtureInfo> result = named.isEmpty() ? new ArrayList<>(show.fixtures()) : named;
        // rig order, once each
        return show.fixtures().stream().filter(result::contains).toList();
    }

    private static boolean containsWord(String haystack, String word) {
        return Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(word) + "(?![a-z0-9_])").matcher(haystack).find();
    }

    // ---- colours, POIs, chasers --------------------------------------------------------------------------------

    private Optional<String> colour() {
        Matcher hex = Pattern.compile("#([0-9a-f]{6})\\b").matcher(text);
        if (hex.find()) {
            return Optional.of("#" + hex.group(1).toUpperCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> e : COLOURS.entrySet()) {
            if (containsWord(text, e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The POIs named in the request, in the order they are mentioned. */
    private List<PoiInfo> poisMentioned() {
        List<Map.Entry<Integer, PoiInfo>> found = new ArrayList<>();
        for (PoiInfo p : show.pois()) {
            int at = indexOfWord(p.id().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (at < 0) {
                at = indexOfWord(p.name().toLowerCase(Locale.ROOT));
            }
            if (at < 0) {
                at = indexOfWord(p.id().toLowerCase(Locale.ROOT));
            }
            if (at >= 0) {
                found.add(Map.entry(at, p));
            }
        }
        found.sort(Map.Entry.comparingByKey());
        return found.stream().map(Map.Entry::getValue).toList();
    }

    private int indexOfWord(String word) {
        Matcher m = Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(word) + "(?![a-z0-9_])").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private Optional<PoiInfo> poi() {
        List<PoiInfo> pois = poisMentioned();
        return pois.isEmpty() ? Optional.empty() : Optional.of(pois.get(pois.size() - 1));
    }

    private Optional<String> chaser() {
        for (String id : show.chasers()) {
            String spoken = id.toLowerCase(Locale.ROOT).replace('_', ' ');
            if (containsWord(text, spoken) || containsWord(text, id.toLowerCase(Locale.ROOT))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    // ---- time ----------------------------------------------------------------------------------------------------

    /** A window [start, end) and whether it was a point in time ("at 1:20") rather than a span. */
    private record Window(double start, double end, boolean point, String label) {
    }

    private Optional<Section> section(String in) {
        List<Section> sections = show.sections();
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        for (Section s : sections) { // an exact id such as chorus_1
            if (containsWord(in, s.name().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        Matcher m = SECTION_REFERENCE.matcher(in);
        while (m.find()) {
            List<Section> matching = sectionsOfKind(m.group(2).replace(" ", ""));
            if (matching.isEmpty()) {
                continue;
            }
            int index = m.group(3) != null ? Integer.parseInt(m.group(3)) - 1 : ordinalIndex(m.group(1), matching);
            if (index >= 0 && index < matching.size()) {
                return Optional.of(matching.get(index));
            }
        }
        return Optional.empty();
    }

    /**
     * The sections of a spoken kind, in song order. Songs without a drop, bridge or ending take the nearest thing:
     * a chorus, a breakdown, the outro.
     */
    private List<Section> sectionsOfKind(String kind) {
        List<Section> matching = sectionsWhoseKindIs(canonical(kind));
        if (matching.isEmpty() && kind.equals("drop")) {
            matching = sectionsWhoseKindIs("chorus");
        }
        if (matching.isEmpty() && (kind.equals("bridge") || kind.equals("break"))) {
            matching = sectionsWhoseKindIs("breakdown");
        }
        if (matching.isEmpty() && (kind.equals("end") || kind.equals("ending"))) {
            matching = sectionsWhoseKindIs("outro");
        }
        return matching;
    }

    private List<Section> sectionsWhoseKindIs(String kind) {
        return show.sections().stream().filter(s -> kindOf(s).equals(kind)).toList();
    }

    /** Which of the matching sections an ordinal ("second", "3rd", "last", "next") picks; none means the first. */
    private int ordinalIndex(String ordinal, List<Section> matching) {
        if (ordinal == null) {
            return 0;
        }
        return switch (ordinal) {
            case "last", "final" -> matching.size() - 1;
            case "1st" -> 0;
            case "2nd" -> 1;
            case "3rd" -> 2;
            case "4th" -> 3;
            case "next" -> nextIndex(matching);
            default -> ORDINALS.indexOf(ordinal);
        };
    }

    private int nextIndex(List<Section> matching) {
        for (int i = 0; i < matching.size(); i++) {
            if (matching.get(i).startS() >= show.playheadS()) {
                return i;
            }
        }
        return matching.size() - 1;
    }

    private static String canonical(String kind) {
        return switch (kind) {
            case "refrain", "hook" -> "chorus";
            case "buildup" -> "build";
            case "ending" -> "outro";
            default -> kind;
        };
    }

    /** A section's kind: its name without a trailing number ("chorus_2" → "chorus"). */
    private static String kindOf(Section s) {
        return canonical(s.name().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]*\\d+$", "").replaceAll("[\\s_-]", ""));
    }

    private static double number(String token) {
        Integer word = NUMBERS.get(token);
        return word != null ? word : Double.parseDouble(token);
    }

    private double span(double amount, String unit) {
        if (unit.startsWith("bar")) {
            return amount * 4 * show.beatSeconds();
        }
        if (unit.startsWith("beat")) {
            return amount * show.beatSeconds();
        }
        return amount;
    }

    /** A point in time named in {@code in}: m:ss, N seconds, bar N, a section (its start), the start/end. */
    private Optional<Double> time(String in) {
        Matcher clock = CLOCK.matcher(in);
        if (clock.find()) {
            return Optional.of(Integer.parseInt(clock.group(1)) * 60 + Double.parseDouble(clock.group(2)));
        }
        Matcher bar = BAR.matcher(in);
        if (bar.find()) {
            return Optional.of(show.barStart(Integer.parseInt(bar.group(1))));
        }
        Matcher seconds = SECONDS.matcher(in);
        if (seconds.find()) {
            return Optional.of(Double.parseDouble(seconds.group(1)));
        }
        Optional<Section> s = section(in);
        if (s.isPresent()) {
            return Optional.of(Pattern.compile("\\bend of\\b").matcher(in).find() ? s.get().endS() : s.get().startS());
        }
        if (containsWord(in, "the end")) {
            return Optional.of(show.lengthS());
        }
        if (containsWord(in, "the start") || containsWord(in, "the beginning")) {
            return Optional.of(0.0);
        }
        return Optional.empty();
    }

    /** The window a request names; the first of these readings that fits wins, the playhead when none does. */
    private Window window() {
        return lastBefore().or(this::firstOf).or(this::range).or(this::atNamedTime).or(this::inSection)
                .or(this::wholeSong).or(this::anyTime).orElseGet(this::atPlayhead);
    }

    /** "the last 2 bars before the drop" */
    private Optional<Window> lastBefore() {
        Matcher last = LAST_BEFORE.matcher(text);
        if (!last.find()) {
            return Optional.empty();
        }
        return time(last.group(3)).map(anchor -> new Window(Math.max(0, anchor - span(number(last.group(1)),
                last.group(2))), anchor, false, "for the last " + last.group(1) + " " + last.group(2) + " before "
                + ShowView.clock(anchor)));
    }

    /** "the first 2 bars of the last chorus" */
    private Optional<Window> firstOf() {
        Matcher first = FIRST_OF.matcher(text);
        if (!first.find()) {
            return Optional.empty();
        }
        return section(first.group(3)).map(s -> new Window(s.startS(), Math.min(s.endS(), s.startS()
                + span(number(first.group(1)), first.group(2))), false, "for the first " + first.group(1) + " "
                + first.group(2) + " of " + s.name()));
    }

    /** "from 0:10 to 0:20" */
    private Optional<Window> range() {
        Matcher range = RANGE.matcher(text);
        if (!range.find()) {
            return Optional.empty();
        }
        Optional<Double> a = time(range.group(1));
        Optional<Double> b = time(range.group(2));
        if (a.isPresent() && b.isPresent() && b.get() > a.get()) {
            return Optional.of(new Window(a.get(), b.get(), false, "from " + ShowView.clock(a.get()) + " to "
                    + ShowView.clock(b.get())));
        }
        return Optional.empty();
    }

    /** "at 1:20", "at bar 5", "at the end of the breakdown" (but not "on every beat") */
    private Optional<Window> atNamedTime() {
        Matcher at = AT.matcher(text);
        while (at.find()) {
            if (at.group(1).startsWith("every") || at.group(1).startsWith("each")) {
                continue;
            }
            Optional<Double> t = time(at.group(1));
            if (t.isPresent()) {
                return Optional.of(moment(t.get()));
            }
        }
        return Optional.empty();
    }

    /** "in the verse" */
    private Optional<Window> inSection() {
        return section(text).map(s -> new Window(s.startS(), s.endS(), false, "in " + s.name()));
    }

    private Optional<Window> wholeSong() {
        return has("whole song|entire song|all song|throughout|everywhere")
                ? Optional.of(new Window(0, show.lengthS(), false, "over the whole song")) : Optional.empty();
    }

    /** A time anywhere in the request, without "at" ("strobe 12 s"). */
    private Optional<Window> anyTime() {
        return time(text).map(this::moment);
    }

    private Window atPlayhead() {
        double here = show.playheadS();
        return new Window(here, here, true, "at the playhead (" + ShowView.clock(here) + ")");
    }

    private Window moment(double t) {
        return new Window(t, t, true, "at " + ShowView.clock(t));
    }

    /** A length the request gives ("for 2 bars", "over 4 beats"), in seconds. */
    private Optional<Double> length() {
        Matcher m = LENGTH.matcher(text);
        return m.find() ? Optional.of(span(number(m.group(1)), m.group(2))) : Optional.empty();
    }

    /** The times of a rhythmic pattern ("on every beat", "every bar", "every other beat") inside w, if asked. */
    private Optional<List<Double>> pattern(Window w) {
        List<Double> grid;
        int step = 1;
        if (has("every (?:bar|downbeat|measure)|each (?:bar|downbeat)|on the downbeats?|every one")) {
            grid = show.barGrid();
        } else if (has("every other beat|every second beat")) {
            grid = show.beatGrid();
            step = 2;
        } else if (has("every beat|each beat|on the beats?|on beat|every kick|to the beat")) {
            grid = show.beatGrid();
        } else {
            return Optional.empty();
        }
        double end = w.point() ? w.start() + length().orElse(4 * show.beatSeconds()) : w.end();
        List<Double> times = new ArrayList<>();
        int n = 0;
        for (double t : grid) {
            if (t >= w.start() - 1e-6 && t < end - 1e-6) {
                if (n++ % step == 0) {
                    times.add(t);
                }
            }
        }
        return Optional.of(times);
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    private Interpretation effectRequest(EffectRequest request) {
        String effect = request.effect();
        boolean[] explicit = new boolean[1];
        List<FixtureInfo> targets = targets(explicit);
        List<FixtureInfo> able = targets.stream().filter(f -> f.supports(effect)).toList();
        if (able.isEmpty()) {
            return Interpretation.answer("None of " + names(targets) + " can do " + effect.replace('_', ' ')
                    + ". Fixtures that can: " + names(show.fixtures().stream().filter(f -> f.supports(effect))
                    .toList()) + ".");
        }
        Window w = window();
        if (w.start() > show.lengthS() + 1e-6) {
            return Interpretation.answer(ShowView.clock(w.start()) + " is past the end of the song ("
                    + ShowView.clock(show.lengthS()) + ").");
        }
        Optional<List<Double>> pattern = pattern(w);
        Parameters parameters = request.parameters().apply(this, new Fixtures(targets, able));
        if (parameters.refusal() != null) {
            return Interpretation.answer(parameters.refusal());
        }
        Placement cues = pattern.isPresent() ? onPattern(effect, parameters, w, pattern.get())
                : once(effect, parameters, w);
        if (cues.entries().isEmpty()) {
            return Interpretation.answer("That window (" + w.label() + ") has no beats to put cues on.");
        }
        return proposeCues(effect, parameters, cues);
    }

    // ---- effect parameters, one method per kind of request -------------------------------------------------------

    private Parameters flash(Fixtures fixtures) {
        ObjectNode data = Json.object();
        colour().ifPresent(c -> data.put("color", c));
        return Parameters.of(data, fixtures.able(), 0.5);
    }

    private Parameters strobe(Fixtures fixtures) {
        Matcher rate = RATE.matcher(text);
        ObjectNode data = Json.object().put("rate", rate.find() ? Double.parseDouble(rate.group(1)) : 10.0);
        return Parameters.of(data, fixtures.able(), 4 * show.beatSeconds());
    }

    /** A colour washing in: only fixtures that mix colours take it. */
    private Parameters wash(Fixtures fixtures) {
        int[] rgb = CueRows.rgb(colour().orElseThrow());
        ObjectNode data = Json.object().put("red", rgb[0]).put("green", rgb[1]).put("blue", rgb[2]);
        List<FixtureInfo> rgbFixtures = fixtures.able().stream().filter(FixtureInfo::rgb).toList();
        if (rgbFixtures.isEmpty()) {
            return Parameters.refuse("None of " + names(fixtures.named()) + " can mix colours.");
        }
        return Parameters.of(data, rgbFixtures, show.beatSeconds());
    }

    private Parameters colourFade(Fixtures fixtures) {
        ObjectNode data = Json.object().put("end_color", colour().orElseThrow());
        return Parameters.of(data, fixtures.able(), 4 * show.beatSeconds());
    }

    /** A move to the named POI, by the heads that have a position stored for it. */
    private Parameters moveToPoi(Fixtures fixtures) {
        PoiInfo poi = poi().orElseThrow();
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
        List<PoiInfo> mentioned = poisMentioned();
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
        return Parameters.of(data, heads, 8 * show.beatSeconds());
    }

    // ---- placing the cues ----------------------------------------------------------------------------------------

    /** The cue rows of a request, and how its summary says when they play. */
    private record Placement(ArrayNode entries, String when) {
    }

    /** A cue on each time of a rhythmic pattern; a flash lasts half the pattern's step, so flashes never merge. */
    private Placement onPattern(String effect, Parameters p, Window w, List<Double> times) {
        double every = times.size() > 1 ? times.get(1) - times.get(0) : show.beatSeconds();
        double duration = effect.equals("flash") ? every / 2 : length().orElse(Math.min(p.defaultLength(), every));
        ArrayNode entries = Json.array();
        for (double t : times) {
            for (FixtureInfo f : p.fixtures()) {
                entries.add(CueRows.row(t, f.id(), effect, duration, p.data()));
            }
        }
        String rhythm = has("every (?:bar|downbeat|measure)|each (?:bar|downbeat)|on the downbeats?") ? "on every bar"
                : has("every other beat|every second beat") ? "on every other beat" : "on every beat";
        String span = w.point() ? "for " + plain(CueRows.round(times.size() > 0
                ? times.get(times.size() - 1) - times.get(0) + every : 0)) + " s from " + ShowView.clock(w.start())
                : w.label().replaceFirst("^in ", "of ");
        return new Placement(entries, rhythm + " " + span);
    }

    /**
     * One cue per fixture at the window's start, lasting the window, or the length the request gives. A flash, a
     * wash and a move keep their own short length even when the request names a whole section.
     */
    private Placement once(String effect, Parameters p, Window w) {
        boolean shortEffect = effect.equals("flash") || effect.equals("fade_in") || effect.equals("move_to_poi");
        double duration = length().orElse(w.point() || shortEffect ? p.defaultLength() : w.end() - w.start());
        ArrayNode entries = Json.array();
        for (FixtureInfo f : p.fixtures()) {
            entries.add(CueRows.row(w.start(), f.id(), effect, duration, p.data()));
        }
        return new Placement(entries, w.label());
    }

    private Interpretation proposeCues(String effect, Parameters p, Placement cues) {
        ArrayNode entries = cues.entries();
        ObjectNode args = Json.object();
        args.set("entries", entries);
        String title = "Add " + entries.size() + (entries.size() == 1 ? " cue" : " cues");
        String summary = String.format(Locale.ROOT, "%s on %s %s (%d %s).", verb(effect, p.data()),
                names(p.fixtures()), cues.when(), entries.size(), entries.size() == 1 ? "cue" : "cues");
        summary = Character.toUpperCase(summary.charAt(0)) + summary.substring(1);
        return Interpretation.propose("I propose: " + summary + " Accept to add it to the cue sheet.",
                new Proposal("add_cues", args, title, summary));
    }

    private List<FixtureInfo> calibrated(List<FixtureInfo> fixtures, PoiInfo poi) {
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

    private Interpretation clear() {
        boolean[] explicit = new boolean[1];
        List<FixtureInfo> targets = targets(explicit);
        boolean all = !explicit[0] || has("everything|all cues|every cue|all the cues");
        Window w;
        if (has("all cues|every cue|all the cues|everything|whole song|entire song") && section(text).isEmpty()
                && !CLOCK.matcher(text).find() && !BAR.matcher(text).find()) {
            w = new Window(0, show.lengthS(), false, "in the whole song");
        } else {
            w = window();
        }
        double end = w.point() ? w.start() + length().orElse(0.0) : w.end();
        boolean toEnd = end >= show.lengthS() - 1e-6;
        ObjectNode args = Json.object().put("start_time", CueRows.round(w.start())).put("end_time", CueRows.round(end));
        if (explicit[0] && !has("everything|all lights|all fixtures|all cues|all the cues|every cue")) {
            ArrayNode ids = args.putArray("fixture_ids");
            targets.forEach(f -> ids.add(f.id()));
        } else {
            all = true;
        }
        args.putArray("entries");
        String who = all ? "all cues" : "the cues of " + names(targets);
        String summary = "Remove " + who + " " + w.label() + " (" + ShowView.clock(w.start()) + "–"
                + ShowView.clock(end) + (toEnd ? ", to the end" : "") + ").";
        return Interpretation.propose("I propose: " + summary + " Accept to apply it; it can be undone.",
                new Proposal("replace_cues_in_window", args, "Clear cues", summary));
    }

    private Interpretation applyChaser(String id) {
        Window w = window();
        Matcher times = TIMES.matcher(text);
        int reps = 1;
        if (times.find()) {
            String n = times.group(1) != null ? times.group(1) : times.group(2);
            reps = (int) number(n);
        }
        ObjectNode args = Json.object().put("chaser_id", id).put("start_time", CueRows.round(w.start()))
                .put("repetitions", reps);
        String summary = "Apply chaser " + id + " " + w.label() + (reps > 1 ? ", " + reps + " times" : "") + ".";
        return Interpretation.propose("I propose: " + summary, new Proposal("apply_chaser", args,
                "Apply chaser " + id, summary));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** How a summary names an effect with its parameters. */
    private static String verb(String effect, ObjectNode data) {
        String colour = colourName(data.path("color").asText(data.path("end_color").asText(null)));
        if (data.has("red")) {
            colour = colourName(String.format(Locale.ROOT, "#%02X%02X%02X", data.get("red").asInt(),
                    data.get("green").asInt(), data.get("blue").asInt()));
        }
        return switch (effect) {
            case "flash" -> colour == null ? "flash" : colour + " flash";
            case "strobe" -> "strobe at " + plain(data.path("rate").asDouble(10)) + " Hz";
            case "fade_in" -> colour + " wash";
            case "color_fade" -> "colour fade to " + colour;
            case "move_to_poi" -> "move to " + data.path("target_POI").asText();
            case "sweep" -> "sweep from " + data.path("start_POI").asText() + " across "
                    + data.path("subject_POI").asText();
            case "fade_out" -> "fade out";
            default -> effect;
        };
    }

    private static String colourName(String hex) {
        if (hex == null) {
            return null;
        }
        for (Map.Entry<String, String> e : COLOURS.entrySet()) {
            if (e.getValue().equalsIgnoreCase(hex)) {
                return e.getKey();
            }
        }
        return hex;
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String names(List<FixtureInfo> fixtures) {
        if (fixtures.isEmpty()) {
            return "no fixture";
        }
        return fixtures.stream().map(FixtureInfo::name).collect(Collectors.joining(", "));
    }
}
