package io.beatlight.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real WebSocket client for tests: records every message and waits for the ones a test cares about. */
public final class WsTestClient implements AutoCloseable {
    private final WebSocket socket;
    private final List<JsonNode> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Integer closeCode;
    /** Why the socket failed, when it did (shown by a timed-out wait). */
    private volatile Throwable failure;

    private WsTestClient(URI uri, String origin) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static WsTestClient connect(int port) throws Exception {
        return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), null);
    }

    public static WsTestClient connect(URI uri, String origin) throws Exception {
        return new WsTestClient(uri, origin);
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode node = Json.MAPPER.readTree(text);
                    synchronized (messages) {
                        messages.add(node);
                        messages.notifyAll();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("server sent invalid JSON: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            synchronized (messages) {
                messages.notifyAll();
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failure = error;
            closeCode = -1;
            synchronized (messages) {
                messages.notifyAll();
            }
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
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
        ObjectNode message = Json.object().put("type", "intent").put("req_id", reqId).put("name", name);
        message.set("payload", payload == null ? Json.object() : payload);
        send(message);
        return reqId;
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
                            + (failure == null ? "" : ", " + failure) + ")")
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

    public WebSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }

    static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
