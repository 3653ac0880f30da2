package io.beatlight.assistant;

import io.beatlight.tools.ShowView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Questions about the song and the rig, and the help text. */
final class Questions {
    private static final Pattern QUESTION_WORD =
            Pattern.compile("^(what|where|when|how|which|list|show me|tell me|help|is|are|who).*");

    /** A question: how it is asked, and its answer (none when it does not apply). */
    private record Question(Predicate<Prompt> asks, Function<Prompt, Optional<String>> answer) {
    }

    /** The questions, first match wins. */
    private static final List<Question> TABLE = List.of(
            new Question(p -> p.has("bpm|tempo|fast|speed"), Questions::tempo),
            new Question(p -> p.has("where|when"), Questions::sectionTime),
            new Question(p -> p.has("how long|length|duration"), Questions::songLength),
            new Question(p -> p.has("sections|parts|structure"), p -> Optional.of(p.show().sections().isEmpty()
                    ? "The song has no sections yet." : "Sections: " + p.show().sections().stream()
                    .map(p.show()::describe).collect(Collectors.joining("; ")) + ".")),
            new Question(p -> p.has("fixtures|lights|rig"), p -> Optional.of("Fixtures: " + p.show().fixtures()
                    .stream().map(f -> f.name() + " (" + f.id() + ", " + f.type() + ")")
                    .collect(Collectors.joining(", ")) + ".")),
            new Question(p -> p.has("pois|poi|points|targets|positions"), p -> Optional.of("Points of interest: "
                    + p.show().pois().stream().map(poi -> poi.name() + " (" + poi.id() + ")")
                    .collect(Collectors.joining(", ")) + ".")),
            new Question(p -> p.has("chasers|chaser"), p -> Optional.of("Chasers: "
                    + String.join(", ", p.show().chasers()) + ".")));

    private Questions() {
    }

    /** The answer when the prompt asks for help or is a question the table answers. */
    static Optional<Interpretation> answer(Prompt prompt) {
        boolean asks = QUESTION_WORD.matcher(prompt.text().trim()).matches() || prompt.text().contains("?");
        if (prompt.has("help|what can you do|commands")) {
            return Optional.of(Interpretation.answer(help("Here is what I can do.")));
        }
        if (!asks) {
            return Optional.empty();
        }
        for (Question q : TABLE) {
            Optional<String> answer = q.asks().test(prompt) ? q.answer().apply(prompt) : Optional.empty();
            if (answer.isPresent()) {
                return answer.map(Interpretation::answer);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tempo(Prompt p) {
        ShowView show = p.show();
        return Optional.of(String.format(Locale.ROOT, "%s is at %s BPM (a beat every %.3f s, %d beats to the bar, a "
                        + "bar every %.3f s).", show.songId(), Wording.plain(show.bpm()), show.beatSeconds(),
                show.beatsPerBar(), show.barSeconds()));
    }

    /** "where is the second chorus": only when the question names a section. */
    private static Optional<String> sectionTime(Prompt p) {
        return new SectionReader(p.show()).section(p.text()).map(s -> "The " + s.name() + " runs "
                + p.show().describe(s).substring(s.name().length() + 1) + ".");
    }

    private static Optional<String> songLength(Prompt p) {
        ShowView show = p.show();
        return Optional.of(String.format(Locale.ROOT, "%s is %s long (%d bars).", show.songId(),
                ShowView.clock(show.lengthS()), show.barAt(show.lengthS() - 1e-3)));
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
}
