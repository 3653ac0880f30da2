package io.beatlight.output;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Art-Net 4 subscriptions: the devices discovery heard from that output Port-Addresses from Art-Net (the SwOut of
 * their ArtPollReply), by Port-Address. A device that subscribes gets the universe sent on that Port-Address
 * unicast to its address, while it is not stale. Immutable; published whole to the output loop.
 */
public final class ArtNetSubscriptions {
    private static final ArtNetSubscriptions NONE = new ArtNetSubscriptions(Map.of());
    private final Map<Integer, List<InetSocketAddress>> byPortAddress;

    private ArtNetSubscriptions(Map<Integer, List<InetSocketAddress>> byPortAddress) {
        this.byPortAddress = byPortAddress;
    }

    public static ArtNetSubscriptions none() {
        return NONE;
    }

    /** The subscriptions of the devices that are not stale, each at the address it replied from and its named port. */
    public static ArtNetSubscriptions of(List<NodeTable.Node> nodes) {
        Map<Integer, List<InetSocketAddress>> map = new TreeMap<>();
        for (NodeTable.Node node : nodes) {
            if (node.stale()) {
                continue;
            }
            InetSocketAddress address = new InetSocketAddress(node.ip(), node.port());
            if (address.isUnresolved()) {
                continue;
            }
            for (int portAddress : node.outputs()) {
                List<InetSocketAddress> list = map.computeIfAbsent(portAddress, k -> new ArrayList<>());
                if (!list.contains(address)) {
                    list.add(address);
                }
            }
        }
        Map<Integer, List<InetSocketAddress>> copy = new TreeMap<>();
        map.forEach((pa, list) -> copy.put(pa, List.copyOf(list)));
        return copy.isEmpty() ? NONE : new ArtNetSubscriptions(Map.copyOf(copy));
    }

    /** The devices subscribed to a Port-Address (empty when none). */
    public List<InetSocketAddress> subscribers(int portAddress) {
        return byPortAddress.getOrDefault(portAddress, List.of());
    }

    public boolean isEmpty() {
        return byPortAddress.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtNetSubscriptions other && other.byPortAddress.equals(byPortAddress);
    }

    @Override
    public int hashCode() {
        return byPortAddress.hashCode();
    }

    @Override
    public String toString() {
        return byPortAddress.toString();
    }
}
