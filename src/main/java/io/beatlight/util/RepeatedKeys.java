package io.beatlight.util;

import java.util.List;

/** Chooses the keys of a JSON object in which some key repeats ({@link JsonFiles#read(java.nio.file.Path, RepeatedKeys)}). */
@FunctionalInterface
public interface RepeatedKeys {
    /**
     * The key to store each property under, in file order: {@code keys} as written (some repeated), the result of the
     * same size. A key that still repeats in the result keeps its last value, at the place of its first.
     *
     * @param pointer the object's JSON pointer ({@code ""} for the top level, {@code "/parts"}, …)
     */
    List<String> keysFor(String pointer, List<String> keys);
}
