package io.beatlight.assistant;

import io.beatlight.song.Section;
import io.beatlight.tools.ShowView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "when" of a request: points in time (m:ss, seconds, bars, section starts and ends), the window it names, a
 * length, how many times, and a rhythmic pattern inside the window.
 */
final class TimeReader {
    private static final Map<String, Integer> NUMBERS = Map.of("a", 1, "one", 1, "two", 2, "three", 3, "four", 4,
            "five", 5, "six", 6, "eight", 8, "sixteen", 16, "half", 0);
    private static final String NUM = "(\\d+(?:\\.\\d+)?|a|one|two|three|four|five|six|eight|sixteen)";
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{1,2}(?:\\.\\d+)?)");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:s|sec|secs|seconds?)\\b");
    private static final Pattern BAR = Pattern.compile("\\bbar (\\d+)\\b");
    private static final Pattern END_OF = Pattern.compile("\\bend of\\b");
    private static final Pattern LENGTH = Pattern.compile("\\b(?:for|over|lasting) (?:the next )?" + NUM
            + " (bars?|beats?|seconds?|secs?|s)\\b");
    private static final Pattern LAST_BEFORE = Pattern.compile("\\b(?:last|final) " + NUM
            + " (bars?|beats?) (?:before|leading (?:in)?to|into) (.+)");
    private static final Pattern FIRST_OF = Pattern.compile("\\bfirst " + NUM + " (bars?|beats?) of (.+)");
    private static final Pattern AT = Pattern.compile(
            "\\b(?:at|on|from) ((?:the )?(?:end of |start of )?(?:the )?\\S+(?: \\S+)?)");
    private static final Pattern RANGE = Pattern.compile("\\b(?:from|between) (.+?) (?:to|and|until|till) (.+)");
    private static final Pattern TIMES = Pattern.compile("\\b(\\d+|two|three|four) times\\b|\\bx\\s*(\\d+)\\b");
    private static final String EVERY_BAR = "every (?:bar|downbeat|measure)|each (?:bar|downbeat)|on the downbeats?";
    private static final String EVERY_OTHER_BEAT = "every other beat|every second beat";

    private final Prompt prompt;
    private final ShowView show;
    private final SectionReader sections;

    TimeReader(Prompt prompt) {
        this.prompt = prompt;
        this.show = prompt.show();
        this.sections = new SectionReader(prompt.show());
    }

    /** The section the whole request names, if any. */
    Optional<Section> section() {
        return sections.section(prompt.text());
    }

    /** Whether the request pins a time down with a clock time, a bar number or a section. */
    boolean namesClockBarOrSection() {
        String text = prompt.text();
        return section().isPresent() || CLOCK.matcher(text).find() || BAR.matcher(text).find();
    }

    /** A point in time named in {@code in}: m:ss, bar N, N seconds, a section (its start or end), the start/end. */
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
        Optional<Section> s = sections.section(in);
        if (s.isPresent()) {
            return Optional.of(END_OF.matcher(in).find() ? s.get().endS() : s.get().startS());
        }
        if (Prompt.containsWord(in, "the end")) {
            return Optional.of(show.lengthS());
        }
        if (Prompt.containsWord(in, "the start") || Prompt.containsWord(in, "the beginning")) {
            return Optional.of(0.0);
        }
        return Optional.empty();
    }

    /** The window the request names; the first of these readings that fits wins, the playhead when none does. */
    Window window() {
        return lastBefore().or(this::firstOf).or(this::range).or(this::atNamedTime).or(this::inSection)
                .or(this::wholeSong).or(this::anyTime).orElseGet(this::atPlayhead);
    }

    /** "the last 2 bars before the drop" */
    private Optional<Window> lastBefore() {
        Matcher last = LAST_BEFORE.matcher(prompt.text());
        if (!last.find()) {
            return Optional.empty();
        }
        return time(last.group(3)).map(anchor -> new Window(Math.max(0, shifted(anchor, -number(last.group(1)),
                last.group(2))), anchor, false, "for the last " + last.group(1) + " " + last.group(2) + " before "
                + ShowView.clock(anchor)));
    }

    /** "the first 2 bars of the last chorus" */
    private Optional<Window> firstOf() {
        Matcher first = FIRST_OF.matcher(prompt.text());
        if (!first.find()) {
            return Optional.empty();
        }
        return sections.section(first.group(3)).map(s -> new Window(s.startS(), Math.min(s.endS(),
                shifted(s.startS(), number(first.group(1)), first.group(2))), false, "for the first "
                + first.group(1) + " " + first.group(2) + " of " + s.name()));
    }

    /** "from 0:10 to 0:20" */
    private Optional<Window> range() {
        Matcher range = RANGE.matcher(prompt.text());
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
        Matcher at = AT.matcher(prompt.text());
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
        return section().map(s -> new Window(s.startS(), s.endS(), false, "in " + s.name()));
    }

    private Optional<Window> wholeSong() {
        return prompt.has("whole song|entire song|all song|throughout|everywhere")
                ? Optional.of(new Window(0, show.lengthS(), false, "over the whole song")) : Optional.empty();
    }

    /** A time anywhere in the request, without "at" ("strobe 12 s"). */
    private Optional<Window> anyTime() {
        return time(prompt.text()).map(this::moment);
    }

    private Window atPlayhead() {
        double here = show.playheadS();
        return new Window(here, here, true, "at the playhead (" + ShowView.clock(here) + ")");
    }

    private Window moment(double t) {
        return new Window(t, t, true, "at " + ShowView.clock(t));
    }

    /** A length the request gives ("for 2 bars", "over 4 beats"), in seconds from {@code from}. */
    Optional<Double> length(double from) {
        Matcher m = LENGTH.matcher(prompt.text());
        return m.find() ? Optional.of(shifted(from, number(m.group(1)), m.group(2)) - from) : Optional.empty();
    }

    /** How many times the request asks for ("4 times", "x 3"); once when it does not say. */
    int repetitions() {
        Matcher times = TIMES.matcher(prompt.text());
        if (!times.find()) {
            return 1;
        }
        return (int) number(times.group(1) != null ? times.group(1) : times.group(2));
    }

    /** The times of a rhythmic pattern ("on every beat", "every bar", "every other beat") inside w, if asked. */
    Optional<List<Double>> pattern(Window w) {
        List<Double> grid;
        int step = 1;
        if (prompt.has(EVERY_BAR + "|every one")) {
            grid = show.barGrid();
        } else if (prompt.has(EVERY_OTHER_BEAT)) {
            grid = show.beatGrid();
            step = 2;
        } else if (prompt.has("every beat|each beat|on the beats?|on beat|every kick|to the beat")) {
            grid = show.beatGrid();
        } else {
            return Optional.empty();
        }
        double end = w.point() ? w.start() + length(w.start()).orElse(show.barsFrom(w.start(), 1) - w.start())
                : w.end();
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

    /** How a summary names the rhythm {@link #pattern} found. */
    String rhythm() {
        return prompt.has(EVERY_BAR) ? "on every bar" : prompt.has(EVERY_OTHER_BEAT) ? "on every other beat"
                : "on every beat";
    }

    private static double number(String token) {
        Integer word = NUMBERS.get(token);
        return word != null ? word : Double.parseDouble(token);
    }

    /** The time an amount of bars, beats or seconds after t (before it when negative); bars on the downbeats. */
    private double shifted(double t, double amount, String unit) {
        if (unit.startsWith("bar")) {
            return show.barsFrom(t, amount);
        }
        if (unit.startsWith("beat")) {
            return t + amount * show.beatSeconds();
        }
        return t + amount;
    }
}
