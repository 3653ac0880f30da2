package io.beatlight.api.ws;

import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientProfile;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client. Messages go through a bounded outbound queue drained by asynchronous writes, one at a
 * time, so a slow or dead client never blocks the engine, the other clients or Art-Net. On overflow the queued
 * patches are replaced by one fresh snapshot (docs/protocol.md#connection); if even that does not fit, the connection
 * is closed with 1013.
 */
public final class ClientConnection implements Client {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    public static final int DEFAULT_MAX_MESSAGES = 256;
    public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

    /** What a queued message is, so overflow handling knows what it may drop. */
    public enum Kind { SNAPSHOT, PATCH, MESSAGE, LIVE }

    private record Outgoing(Kind kind, String text) {
    }

    private final long id = IDS.incrementAndGet();
    private final Outbound outbound;
    private final int maxMessages;
    private final long maxBytes;
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;
    private volatile boolean closed;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private final AtomicLong liveDropped = new AtomicLong();
    /** A live sample is skipped when this many messages are still waiting to be written. */
    private static final int MAX_QUEUED_LIVE = 2;

    /** Messages per second a connection may send unless configured otherwise ({@code --max-intents-per-second}). */
    public static final int DEFAULT_MAX_INTENTS_PER_SECOND = 200;

    private final InboundLimit inbound;

    public ClientConnection(Outbound outbound) {
        this(outbound, DEFAULT_MAX_INTENTS_PER_SECOND);
    }

    public ClientConnection(Outbound outbound, int maxIntentsPerSecond) {
        this(outbound, DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES, maxIntentsPerSecond);
    }

    public ClientConnection(Outbound outbound, int maxMessages, long maxBytes) {
        this(outbound, maxMessages, maxBytes, DEFAULT_MAX_INTENTS_PER_SECOND);
    }

    public ClientConnection(Outbound outbound, int maxMessages, long maxBytes, int maxIntentsPerSecond) {
        this.outbound = outbound;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.inbound = new InboundLimit(maxIntentsPerSecond, System.nanoTime());
    }

    /** The state shape this connection receives; changed on the engine thread only (hello, auto upgrade). */
    private volatile ClientProfile profile = ClientProfile.SEED;

    public ClientProfile profile() {
        return profile;
    }

    public void profile(ClientProfile profile) {
        this.profile = profile;
    }

    /** What this client may still ask of the engine (checked on its socket thread). */
    InboundLimit inbound() {
        return inbound;
    }

    /**
     * Queues a message from a thread other than the engine's (a refusal on the socket thread): no snapshot can be
     * built there, so a client whose queue is full, which is not reading while it floods, is closed instead.
     */
    public void sendOrClose(String text) {
        boolean full;
        synchronized (this) {
            if (closed) {
                return;
            }
            full = !fits(text);
            if (!full) {
                add(new Outgoing(Kind.MESSAGE, text));
            }
        }
        if (full) {
            LOG.warn("Client {} floods without reading its replies; closing", outbound.describe());
            close(1008, "too many messages while not reading replies");
            return;
        }
        pump();
    }

    @Override
    public long id() {
        return id;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Queues a message. {@code snapshot} builds a fresh snapshot text if the queue overflows (called at most once,
     * on the caller's thread, which is the engine thread).
     */
    public void send(Kind kind, String text, Supplier<String> snapshot) {
        boolean closeNow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!fits(text)) {
                overflows.incrementAndGet();
                for (Iterator<Outgoing> it = queue.iterator(); it.hasNext(); ) {
                    Outgoing queued = it.next();
                    if (queued.kind() != Kind.MESSAGE) {
                        it.remove();
                        queuedBytes -= queued.text().length();
                    }
                }
                String fresh = snapshot.get();
                add(new Outgoing(Kind.SNAPSHOT, fresh));
                if (kind == Kind.MESSAGE) {
                    add(new Outgoing(kind, text));
                }
                closeNow = queue.size() > maxMessages || queuedBytes > maxBytes;
            } else {
                add(new Outgoing(kind, text));
            }
        }
        if (closeNow) {
            LOG.warn("Client {} cannot keep up; closing", outbound.describe());
            close(1013, "client too slow");
            return;
        }
        pump();
    }

    /**
     * Queues a live-output sample unless the client is already behind: samples are superseded by the next one, so a
     * slow client loses samples instead of building a backlog (and never delays its patches). Returns whether it was
     * queued.
     */
    public boolean offerLive(String text) {
        synchronized (this) {
            if (closed || queue.size() >= MAX_QUEUED_LIVE) {
                liveDropped.incrementAndGet();
                return false;
            }
            add(new Outgoing(Kind.LIVE, text));
        }
        pump();
        return true;
    }

    public long liveDropped() {
        return liveDropped.get();
    }

    /** Whether one more message of this size stays within the queue's bounds (caller holds the lock). */
    private boolean fits(String text) {
        return queue.size() + 1 <= maxMessages && queuedBytes + text.length() <= maxBytes;
    }

        private void add(Outgoing item) {
        queue.addLast(item);
        queuedBytes += item.text().length();
    }

    /**
     * Starts the next write if none is in flight. A write that completes inside {@code sendAsync} is continued by
     * this loop; one that completes later continues from its callback. Whichever of the two comes second goes on.
     */
    private void pump() {
        while (true) {
            Outgoing next;
            synchronized (this) {
                if (sending || closed || queue.isEmpty()) {
                    return;
                }
                next = queue.pollFirst();
                queuedBytes -= next.text().length();
                sending = true;
            }
            AtomicBoolean handOff = new AtomicBoolean();
            outbound.sendAsync(next.text(), failure -> {
                completed(next, failure);
                if (handOff.getAndSet(true)) {
                    pump();
                }
            });
            if (!handOff.getAndSet(true)) {
                return;
            }
        }
    }

    private void completed(Outgoing item, Throwable failure) {
        synchronized (this) {
            sending = false;
        }
        if (failure != null) {
            LOG.debug("Write to {} failed: {}", outbound.describe(), failure.toString());
            close(1011, "write failed");
            return;
        }
        sent.incrementAndGet();
        bytesSent.addAndGet(item.text().length());
    }

    public void close(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
        try {
            outbound.close(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("close failed", e);
        }
    }

    public synchronized int queuedMessages() {
        return queue.size();
    }

    public long messagesSent() {
        return sent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long overflows() {
        return overflows.get();
    }

    @Override
    public String describe() {
        return outbound.describe();
    }
}
