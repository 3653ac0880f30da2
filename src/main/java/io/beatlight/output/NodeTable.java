package io.beatlight.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Art-Net devices discovery has heard from, one entry per IP address (a device's replies, one per BindIndex, are
 * merged). An entry is stale after {@code staleAfterMillis} without a reply and forgotten after six times that.
 * Thread-safe: replies arrive on the discovery thread, the state reads {@link #nodes()} on the engine thread.
 */
public final class NodeTable {
    /** One device as clients see it; {@code port} is the Art-Net port its reply names (6454 on real devices). */
    public record Node(String ip, String shortName, String longName, String nodeReport, int style,
                       List<Integer> outputs, List<Integer> inputs, long lastSeenMillis, boolean stale, int port) {
    }

    private record Entry(Map<Integer, ArtNetNodeReply> byBindIndex, long lastSeenMillis) {
    }

    private final long staleAfterMillis;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private volatile List<Node> nodes = List.of();
    private volatile Runnable onChange = () -> { };

    public NodeTable(long staleAfterMillis) {
        if (staleAfterMillis <= 0) {
            throw new IllegalArgumentException("staleAfterMillis must be positive");
        }
        this.staleAfterMillis = staleAfterMillis;
    }

    /** Called (on the discovery thread) whenever {@link #nodes()} changes. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    /** Records a reply heard from {@code sender} at {@code nowMillis} (wall clock, as shown to clients). */
    public void update(String sender, ArtNetNodeReply reply, long nowMillis) {
        synchronized (entries) {
            Entry old = entries.get(sender);
            Map<Integer, ArtNetNodeReply> replies = old == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(old.byBindIndex());
            replies.put(reply.bindIndex(), reply);
            entries.put(sender, new Entry(replies, nowMillis));
        }
        refresh(nowMillis);
    }

    /** Re-evaluates staleness (the discovery calls this on every poll). */
    public void refresh(long nowMillis) {
        List<Node> next = new ArrayList<>();
        synchronized (entries) {
            entries.values().removeIf(e -> nowMillis - e.lastSeenMillis() > 6 * staleAfterMillis);
            entries.forEach((sender, e) -> next.add(node(sender, e, nowMillis)));
        }
        next.sort(Comparator.comparing(Node::ip));
        List<Node> copy = List.copyOf(next);
        if (!copy.equals(nodes)) {
            nodes = copy;
            onChange.run();
        }
    }

    private Node node(String sender, Entry e, long nowMillis) {
        TreeSet<Integer> outputs = new TreeSet<>();
        TreeSet<Integer> inputs = new TreeSet<>();
        ArtNetNodeReply first = null;
        for (ArtNetNodeReply r : e.byBindIndex().values()) {
            first = first == null ? r : first;
            outputs.addAll(r.outputs());
            inputs.addAll(r.inputs());
        }
        return new Node(sender, first.shortName(), first.longName(), first.nodeReport(), first.style(),
                List.copyOf(outputs), List.copyOf(inputs), e.lastSeenMillis(),
                nowMillis - e.lastSeenMillis() > staleAfterMillis, first.port());
    }

    /** The current devices, sorted by IP address (an immutable snapshot). */
    public List<Node> nodes() {
        return nodes;
    }
}
