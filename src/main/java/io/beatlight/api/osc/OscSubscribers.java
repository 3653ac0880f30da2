package io.beatlight.api.osc;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who gets state feedback, and until when. A subscription is a lease: it lapses unless renewed (a new
 * {@code /beatlight/subscribe} before it ends). Feedback goes to the address the subscribe came from, at the port it
 * names, never anywhere else. Thread-safe.
 */
final class OscSubscribers {
    static final int DEFAULT_LEASE_SECONDS = 30;
    static final int MAX_LEASE_SECONDS = 3600;
    static final int MAX_SUBSCRIBERS = 16;

    private final Map<InetSocketAddress, Long> leases = new LinkedHashMap<>();
    private long expired;

    /** Adds or renews; false when the table is full (an existing subscriber can always renew). */
    synchronized boolean subscribe(InetSocketAddress target, long leaseNanos, long now) {
        dropExpired(now);
        if (!leases.containsKey(target) && leases.size() >= MAX_SUBSCRIBERS) {
            return false;
        }
        leases.put(target, now + leaseNanos);
        return true;
    }

    synchronized boolean unsubscribe(InetSocketAddress target) {
        return leases.remove(target) != null;
    }

    /** The subscribers whose lease still runs at {@code now}. */
    synchronized List<InetSocketAddress> active(long now) {
        dropExpired(now);
        return List.copyOf(leases.keySet());
    }

    synchronized int count(long now) {
        dropExpired(now);
        return leases.size();
    }

    synchronized long expiredCount() {
        return expired;
    }

    private void dropExpired(long now) {
        int before = leases.size();
        leases.values().removeIf(until -> until - now <= 0);
        expired += before - leases.size();
    }
}
