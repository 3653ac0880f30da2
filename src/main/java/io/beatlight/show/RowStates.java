package io.beatlight.show;

import io.beatlight.effects.RowRenderer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The renderer instances of the rows that rendered, by row identity (rows with the same identity in sheet order), so
 * a re-render can continue rows spanning its restart instead of starting them again.
 */
final class RowStates {
    private final Map<RowKey, List<RowRenderer>> byRow = new HashMap<>();

    void add(RowKey key, RowRenderer renderer) {
        byRow.computeIfAbsent(key, k -> new ArrayList<>()).add(renderer);
    }

    void addAll(RowKey key, Collection<RowRenderer> renderers) {
        byRow.computeIfAbsent(key, k -> new ArrayList<>()).addAll(renderers);
    }

    /** A fresh queue per row identity, to hand the renderers out in order. */
    Map<RowKey, Deque<RowRenderer>> queues() {
        Map<RowKey, Deque<RowRenderer>> queues = new HashMap<>();
        byRow.forEach((key, list) -> queues.put(key, new ArrayDeque<>(list)));
        return queues;
    }
}
