package io.beatlight.assistant;

import io.beatlight.song.Section;
import io.beatlight.tools.ShowView;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the section a piece of a request names: by id ("chorus_1") or by kind and order ("the second chorus"). */
final class SectionReader {
    /** "the second chorus", "chorus 2", "the last verse", "the next drop" */
    private static final Pattern SECTION_REFERENCE = Pattern.compile("(?:(first|second|third|fourth|fifth|1st|2nd|"
            + "3rd|4th|last|final|next) )?(intro|verse|pre ?chorus|chorus|refrain|bridge|breakdown|break|drop|"
            + "build ?up|build|outro|ending|end|solo|hook)s?(?: (\\d+))?\\b");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");

    private final ShowView show;

    SectionReader(ShowView show) {
        this.show = show;
    }

    /** The section {@code in} names: an exact id first, else the first kind-and-order reference that fits. */
    Optional<Section> section(String in) {
        List<Section> sections = show.sections();
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        for (Section s : sections) { // an exact id such as chorus_1
            if (Prompt.containsWord(in, s.name().toLowerCase(Locale.ROOT))) {
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

    /** The first matching section that starts at or after the playhead; the last one when all are behind it. */
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
}
