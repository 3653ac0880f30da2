package io.beatlight.api.ws;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live output for browser views (stage plan, DMX monitor): a sampler thread reads the frame being sent through
 * the same immutable {@link FrameSource} the Art-Net loop uses, so it never waits for the show engine, and sends
 * each subscribed client a compact {@code live} message (no {@code seq}: samples are droppable, and a client that
 * falls behind simply gets fewer of them). Only the channels the rig uses are sent, all 512 of a universe only while
 * a client's DMX monitor shows it, and nothing while the output does not change (a sample a second keeps the view
 * alive).
 */
public final class LiveFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    private static final long TICK_NANOS = 1_000_000_000L / 60;
    private static final long KEEPALIVE_NANOS = 1_000_000_000L;

    /** What one client asked for: a rate and, per universe, how many channels (from 1) to send. */
    public record Subscription(int fps, int[] universes, int[] lengths) {
    }

    private static final class Client {
        final Subscription subscription;
        final long periodNanos;
        long nextDue;
        long lastSentAt;
        byte[] lastSent;

        Client(Subscription subscription, long now) {
            this.subscription = subscription;
            this.periodNanos = 1_000_000_000L / subscription.fps();
            this.nextDue = now;
        }
    }

    private final Supplier<FrameSource> source;
    private final Map<ClientConnection, Client> clients = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public LiveFeed(Supplier<FrameSource> source) {
        this.source = source;
        this.thread = new Thread(this::run, "live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    public void subscribe(ClientConnection connection, Subscription subscription) {
        clients.put(connection, new Client(subscription, System.nanoTime()));
        LockSupport.unpark(thread);
    }

    public boolean unsubscribe(ClientConnection connection) {
        return clients.remove(connection) != null;
    }

    private void run() {
        long deadline = System.nanoTime();
        while (running) {
            deadline += TICK_NANOS;
            long now = System.nanoTime();
            if (deadline < now - TICK_NANOS) {
                deadline = now; // fell behind (a pause): keep the grid from here
            }
            if (!clients.isEmpty()) {
                try {
                    sample(now);
                } catch (RuntimeException e) {
                    LOG.warn("Live feed sample failed", e);
                }
            }
            LockSupport.parkNanos(clients.isEmpty() ? 100_000_000L : Math.max(0, deadline - System.nanoTime()));
        }
    }

    private void sample(long now) {
        FrameSource current = source.get();
        if (current == null) {
            return;
        }
        DmxFrame frame = null;
        for (Map.Entry<ClientConnection, Client> entry : clients.entrySet()) {
            ClientConnection connection = entry.getKey();
            Client client = entry.getValue();
            if (connection.isClosed()) {
                clients.remove(connection, client);
                continue;
            }
            if (now - client.nextDue < 0) {
                continue;
            }
            client.nextDue = Math.max(client.nextDue + client.periodNanos, now - client.periodNanos);
            if (frame == null) {
                frame = current.frameAt(now);
            }
            byte[] payload = payload(frame, client.subscription);
            if (Arrays.equals(payload, client.lastSent) && now - client.lastSentAt < KEEPALIVE_NANOS) {
                continue;
            }
            if (connection.offerLive(message(frame, client.subscription, payload))) {
                client.lastSent = payload;
                client.lastSentAt = now;
            }
        }
    }

    /** The subscribed channels of each universe, concatenated. */
    static byte[] payload(DmxFrame frame, Subscription subscription) {
        int total = 0;
        for (int length : subscription.lengths()) {
            total += length;
        }
        byte[] out = new byte[total];
        byte[] universe = new byte[UniverseLayout.UNIVERSE_SIZE];
        UniverseLayout layout = frame.layout();
        int offset = 0;
        for (int i = 0; i < subscription.universes().length; i++) {
            int index = layout.indexOf(subscription.universes()[i]);
            if (index >= 0) {
                frame.copyUniverse(index, universe, 0);
                System.arraycopy(universe, 0, out, offset, subscription.lengths()[i]);
            }
            offset += subscription.lengths()[i];
        }
        return out;
    }

    /** {@code {"type":"live","universes":[{"universe":u,"data":"<base64 of channels 1..n>"}]}} */
    static String message(DmxFrame frame, Subscription subscription, byte[] payload) {
        StringBuilder json = new StringBuilder(64 + payload.length * 4 / 3);
        json.append("{\"type\":\"live\",\"universes\":[");
        Base64.Encoder base64 = Base64.getEncoder();
        int offset = 0;
        for (int i = 0; i < subscription.universes().length; i++) {
            int length = subscription.lengths()[i];
            byte[] part = Arrays.copyOfRange(payload, offset, offset + length);
            offset += length;
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"universe\":").append(subscription.universes()[i]).append(",\"data\":\"")
                    .append(base64.encodeToString(part)).append("\"}");
        }
        return json.append("]}").toString();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        clients.clear();
    }
}
