package io.beatlight.rig.library;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Template, channel and file names made from library text. */
final class Names {
    private Names() {
    }

    /** Lower-case ASCII letters and digits joined by "_" ("Pan/Tilt Speed" → "pan_tilt_speed"); "" when none. */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return ascii.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }

    /** {@code base}, or base_2, base_3… whichever is not taken yet; the result is added to {@code taken}. */
    static String unique(String base, Set<String> taken) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
