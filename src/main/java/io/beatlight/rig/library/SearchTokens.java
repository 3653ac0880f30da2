package io.beatlight.rig.library;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a library entry a search matches against, normalised once at index time: lower case, accents
 * removed, split on anything that is not a letter or digit.
 */
final class SearchTokens {
    /** Points for a query word that is a whole word, or a word start, of each field. */
    private static final int MODEL_WORD = 12;
    private static final int MODEL_START = 8;
    private static final int MANUFACTURER_WORD = 6;
    private static final int MANUFACTURER_START = 4;
    private static final int TYPE_WORD = 3;
    private static final int TYPE_START = 2;
    /** Inside the run-together model ("hydrabeam" in "Hydra Beam 300"), or in the id. */
    private static final int ANYWHERE = 1;

    private final String[] model;
    private final String[] manufacturer;
    private final String[] type;
    /** Manufacturer and model without separators, and the id, for the weakest match. */
    private final String compact;

    private SearchTokens(String[] model, String[] manufacturer, String[] type, String compact) {
        this.model = model;
        this.manufacturer = manufacturer;
        this.type = type;
        this.compact = compact;
    }

    static SearchTokens of(LibraryEntry entry) {
        String id = normalise(entry.id());
        return new SearchTokens(words(entry.model()).toArray(String[]::new),
                words(entry.manufacturer()).toArray(String[]::new), words(entry.type()).toArray(String[]::new),
                String.join("", words(entry.manufacturer())) + String.join("", words(entry.model())) + " " + id);
    }

    /** The words of a text, normalised. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : normalise(text).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The sum over the query words of their best match; 0 when some word matches nothing. */
    int score(List<String> query) {
        int total = 0;
        for (String word : query) {
            int best = Math.max(best(word, model, MODEL_WORD, MODEL_START),
                    Math.max(best(word, manufacturer, MANUFACTURER_WORD, MANUFACTURER_START),
                            best(word, type, TYPE_WORD, TYPE_START)));
            if (best == 0 && compact.contains(word)) {
                best = ANYWHERE;
            }
            if (best == 0) {
                return 0;
            }
            total += best;
        }
        return total;
    }

    private static int best(String word, String[] tokens, int whole, int start) {
        int best = 0;
        for (String token : tokens) {
            if (token.equals(word)) {
                return whole;
            }
            if (token.startsWith(word)) {
                best = start;
            }
        }
        return best;
    }
}
