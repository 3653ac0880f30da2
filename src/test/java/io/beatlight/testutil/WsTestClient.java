package io.beatlight.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client for tests: records every message and waits for the ones a test cares about. */
public final class WsTestClient implements AutoCloseable {
    private final RawWebSocket socket;
    private final List<JsonNode> messages = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Integer closeCode;
    /** Why the socket failed, when it did (shown by a timed-out wait). */
    private volatile Throwable failure;

    private WsTestClient(URI uri, String origin) throws Exception {
        socket = RawWebSocket.connect(uri, origin, 10_000, new Listener());
    }

    public static WsTestClient connect(int port) throws Exception {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), null);
    }

    public static WsTestClient connect(URI uri, String origin) throws Exception {
        return new WsTestClient(uri, origin);
    }

    /**
     * Light clients (for load benchmarks with hundreds of them) parse only replies and snapshots and keep no
     * messages but snapshots; replies to {@link #timedIntent} requests become latencies.
     */
    private boolean light;
    private final java.util.concurrent.ConcurrentHashMap<String, Long> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Double> replyMillis = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong otherMessages = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong replies = new java.util.concurrent.atomic.AtomicLong();

    /** A light client: see {@link #timedIntent}, {@link #replyMillis()}, {@link #unanswered()}. */
    public static WsTestClient connectLight(int port) throws Exception {
        WsTestClient client = connect(port);
        client.light = true;
        return client;
    }

    /** Sends an intent whose reply time is recorded (light clients). */
    public String timedIntent(String name, ObjectNode payload) {
        String reqId = "t" + ids.incrementAndGet();
        String text = Json.write(envelope(reqId, name, payload));
        sentAt.put(reqId, System.nanoTime());
        sendText(text);
        return reqId;
    }

    /** Reply times of timed intents so far, in milliseconds (a copy). */
    public List<Double> replyMillis() {
        synchronized (replyMillis) {
            return new ArrayList<>(replyMillis);
        }
    }

    /** Timed intents without a reply yet. */
    public int unanswered() {
        return sentAt.size();
    }

    /** Messages a light client counted without keeping (patches, events, live samples). */
    public long otherMessages() {
        return otherMessages.get();
    }

    public long repliesReceived() {
        return replies.get();
    }

    private final class Listener implements RawWebSocket.Listener {
        @Override
        public void onText(String text) {
            if (light && !text.startsWith("{\"type\":\"reply\"") && !text.startsWith("{\"type\":\"snapshot\"")) {
                otherMessages.incrementAndGet();
                return;
            }
            long now = System.nanoTime();
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(text);
            } catch (Exception e) {
                onError(new IllegalStateException("server sent invalid JSON: " + text, e));
                return;
            }
            if ("reply".equals(node.path("type").asText())) {
                replies.incrementAndGet();
                Long sent = sentAt.remove(node.path("req_id").asText());
                if (sent != null) {
                    replyMillis.add((now - sent) / 1e6);
                }
                if (light) {
                    return;
                }
            }
            synchronized (messages) {
                messages.add(node);
                messages.notifyAll();
            }
        }

        @Override
        public void onClose(int statusCode, String reason) {
            closeCode = statusCode;
            synchronized (messages) {
                messages.notifyAll();
            }
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            closeCode = -1;
            synchronized (messages) {
                messages.notifyAll();
            }
        }
    }

    /** A failure with its causes. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    public void sendText(String text) {
        try {
            socket.sendText(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void sendBinary(byte[] data) {
        try {
            socket.sendBinary(data);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void send(JsonNode message) {
        sendText(Json.write(message));
    }

    public void hello() {
        send(Json.object().put("type", "hello").put("client", "test"));
    }

    /** Sends an intent and returns its req_id. */
    public String intent(String name, ObjectNode payload) {
        String reqId = "t" + ids.incrementAndGet();
        send(envelope(reqId, name, payload));
        return reqId;
    }

    private static ObjectNode envelope(String reqId, String name, ObjectNode payload) {
        ObjectNode message = Json.object().put("type", "intent").put("req_id", reqId).put("name", name);
        message.set("payload", payload == null ? Json.object() : payload);
        return message;
    }

    /**
     * How long a reply, an event or the first snapshot may take. Generous: on a loaded 2-core CI machine the first
     * server of a test JVM has been seen to need more than 10 s (class loading and JIT), and a wait that passes
     * costs nothing.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Sends an intent and waits for its reply. */
    public JsonNode call(String name, ObjectNode payload) {
        return reply(intent(name, payload));
    }

    public JsonNode reply(String reqId) {
        return await(m -> "reply".equals(m.path("type").asText()) && reqId.equals(m.path("req_id").asText()),
                PATIENCE);
    }

    public JsonNode await(Predicate<JsonNode> match, Duration timeout) {
        return awaitFrom(0, match, timeout);
    }

    /** The first matching message received at or after index {@code from} (see {@link #received()}). */
    public JsonNode awaitFrom(int from, Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = from;
        synchronized (messages) {
            while (true) {
                for (; scanned < messages.size(); scanned++) {
                    if (match.test(messages.get(scanned))) {
                        return messages.get(scanned);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // the last messages only: a long run holds far too many to print
                    throw new AssertionError("no matching message within " + timeout + "; got " + messages.size()
                            + " messages" + (closeCode == null ? "" : " (socket closed: " + closeCode
                            + (failure == null ? "" : ", " + describe(failure)) + ")")
                            + ", the last ones: " + messages.subList(Math.max(0, messages.size() - 20),
                            messages.size()));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public JsonNode awaitEvent(String message) {
        return await(m -> "event".equals(m.path("type").asText()) && message.equals(m.path("message").asText()),
                PATIENCE);
    }

    /** Drops the messages received so far (long runs: a 3,600-row sheet's patches are large); indexes restart at 0. */
    public void forget() {
        synchronized (messages) {
            messages.clear();
        }
    }

    /** How many messages have arrived so far. */
    public int received() {
        synchronized (messages) {
            return messages.size();
        }
    }

    public JsonNode firstSnapshot() {
        return await(m -> "snapshot".equals(m.path("type").asText()), PATIENCE);
    }

    public List<JsonNode> messages() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }

    /** Waits until the server closes the connection; returns the close code. */
    public int awaitClose(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (closeCode == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("connection not closed within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(messages, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            return closeCode;
        }
    }

    public Integer closeCode() {
        return closeCode;
    }

    /** Sends a close frame and waits briefly for the server's; the socket is closed either way. */
    @Override
    public void close() {
        try {
            if (closeCode == null) {
                socket.sendClose(1000, "bye");
                awaitClose(Duration.ofSeconds(2));
            }
        } catch (Exception | AssertionError ignored) {
            // closing anyway
        } finally {
            socket.abort();
        }
    }
}
