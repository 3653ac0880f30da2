package io.beatlight.song;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of a metadata file's {@code parts} object, which is keyed by section name: a name used once stays as it
 * is, a name used more often is numbered in song order, as the reference's own files do ({@code chorus_1},
 * {@code chorus_2}), so no section overwrites another. A number already taken by another section is skipped.
 */
public final class PartKeys {
    private PartKeys() {
    }

    /** One unique key per section, in the sections' order. */
    public static List<String> of(List<Section> sections) {
        return unique(sections.stream().map(Section::name).toList());
    }

    /** One unique key per name, in the names' order. */
    public static List<String> unique(List<String> names) {
        Map<String, Integer> uses = new HashMap<>();
        names.forEach(name -> uses.merge(name, 1, Integer::sum));
        Set<String> taken = new HashSet<>();
        for (String name : names) {
            if (uses.get(name) == 1) {
                taken.add(name);
            }
        }
        Map<String, Integer> lastNumber = new HashMap<>();
        List<String> keys = new ArrayList<>(names.size());
        for (String name : names) {
            if (uses.get(name) == 1) {
                keys.add(name);
                continue;
            }
            int n = lastNumber.getOrDefault(name, 0);
            String key;
            do {
                n++;
                key = name + "_" + n;
            } while (taken.contains(key));
            lastNumber.put(name, n);
            taken.add(key);
            keys.add(key);
        }
        return keys;
    }
}
