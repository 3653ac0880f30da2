package io.beatlight.output;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable per-universe routing: a routed Beatlight universe goes only to its routes; any other universe goes to
 * the command-line targets. Built off the output loop and published to it whole (see
 * {@link ArtNetOutput#setRouting}).
 */
public final class OutputRouting {
    private static final OutputRouting NONE = new OutputRouting(Map.of());
    private final Map<Integer, List<OutputRoute>> routes;

    private OutputRouting(Map<Integer, List<OutputRoute>> routes) {
        this.routes = routes;
    }

    /** No universe routed: everything to the command-line targets. */
    public static OutputRouting none() {
        return NONE;
    }

    public static OutputRouting of(Map<Integer, List<OutputRoute>> routes) {
        Map<Integer, List<OutputRoute>> copy = new TreeMap<>();
        routes.forEach((universe, list) -> {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("universe " + universe + " has no destination");
            }
            copy.put(universe, List.copyOf(list));
        });
        return new OutputRouting(Map.copyOf(copy));
    }

    /** The routes of a universe, or null when it goes to the default targets. */
    public List<OutputRoute> routesOf(int universe) {
        return routes.get(universe);
    }

    public Map<Integer, List<OutputRoute>> routes() {
        return routes;
    }

    public boolean isEmpty() {
        return routes.isEmpty();
    }

    @Override
    public String toString() {
        return routes.toString();
    }
}
