package io.beatlight.assistant;

import io.beatlight.tools.ShowView;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request as the offline interpreter reads it: the show it is about, and its text lower-cased, with punctuation
 * turned into spaces and one space around every word (so a pattern can look for " word ").
 */
record Prompt(ShowView show, String text) {
    static Prompt of(ShowView show, String request) {
        return new Prompt(show, " " + request.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[!?,;]", " ")
                .replaceAll("\\.(?!\\d)", " ").replaceAll("\\s+", " ").trim() + " ");
    }

    /** Whether the text holds one of the alternatives ("a|b c|d") as whole words. */
    boolean has(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b").matcher(text).find();
    }

    /** Where the word (or phrase) first stands on its own in the text; -1 when it does not. */
    int indexOfWord(String word) {
        Matcher m = wordPattern(word).matcher(text);
        return m.find() ? m.start() : -1;
    }

    static boolean containsWord(String haystack, String word) {
        return wordPattern(word).matcher(haystack).find();
    }

    /** The word with no letter, digit or underscore either side ("par 1" is not in "par 12"). */
    private static Pattern wordPattern(String word) {
        return Pattern.compile("(?<![a-z0-9_])" + Pattern.quote(word) + "(?![a-z0-9_])");
    }
}
