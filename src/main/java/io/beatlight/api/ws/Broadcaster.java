package io.beatlight.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.ShowEvent;
import io.beatlight.engine.ShowListener;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.beatlight.api.intents.HintIntents;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ClientProfile;
import io.beatlight.protocol.Messages;
import io.beatlight.protocol.StateDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends state to clients: one seq counter; each patch takes the next value and goes to every
 * connection; a snapshot carries the current seq and leaves the diff baseline alone, so seqs are contiguous on
 * every connection. Broadcasts are throttled (50 ms idle, 250 ms playing; leading edge plus one trailing). Replies
 * to intents that changed state wait for the patch that shows the change. The engine's {@link ShowEvent}s become
 * the client events of {@link ShowEventMessages}. Each connection's {@link ClientProfile} decides the shape of its
 * snapshots and patches; each profile in use is diffed against its own baseline. Engine thread only.
 */
public final class Broadcaster implements ShowListener, ClientEvents {
    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);
    static final long IDLE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long PLAYING_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ShowEngine engine;
    private final ClientHub hub;
    private final StateDocument document;
    /** Written on the engine thread only; volatile so a refusal on a socket thread can carry it. */
    private volatile long seq;
    private ObjectNode baseline = Json.object();
    /** The latest client's document and diff baseline; the baseline is kept only while such a client is connected. */
    private final LatestStateShape latest;
    private ObjectNode latestBaseline;
    private long lastBroadcastNanos = System.nanoTime() - PLAYING_PERIOD_NANOS;
    private Future<?> trailing;
    private final List<PendingReply> pendingReplies = new ArrayList<>();
    /**
     * Replies broadcast and waiting for their files (and canvas), in request order. They leave strictly in this
     * order: a later edit's write or render can finish no earlier than an earlier one's, but the engine tasks that
     * notice it could otherwise run in either order.
     */
    private final java.util.ArrayDeque<PendingReply> awaitingDurable = new java.util.ArrayDeque<>();

    /** A held reply; when {@code durable} is set it is sent only once that completes ({@code failed} otherwise). */
    private record PendingReply(ClientConnection connection, ObjectNode reply, CompletableFuture<Void> durable,
                                Consumer<Throwable> failed) {
    }

    public Broadcaster(ShowEngine engine, ClientHub hub, StateDocument document) {
        this(engine, hub, document, new HintIntents());
    }

    /** @param hints the hints the intents edit, read into the latest profile's state */
    public Broadcaster(ShowEngine engine, ClientHub hub, StateDocument document, HintIntents hints) {
        this.engine = engine;
        this.hub = hub;
        this.document = document;
        this.latest = new LatestStateShape(hints);
    }

    public long seq() {
        return seq;
    }

    // ---- ShowListener -----------------------------------------------------------------------------------------

    /** A state change asks for a broadcast; every other event goes to all clients as the event clients know. */
    @Override
    public void on(ShowEvent event) {
        if (event instanceof ShowEvent.StateChanged) {
            requestBroadcast();
        } else {
            ShowEventMessages.Event message = ShowEventMessages.of(event);
            eventToAll(message.level(), message.name(), message.data());
        }
    }

    @Override
    public void eventToAll(String level, String message, ObjectNode data) {
        String text = Json.write(Messages.event(level, message, data));
        for (ClientConnection connection : hub.all()) {
            connection.send(ClientConnection.Kind.MESSAGE, text, () -> snapshotText(connection));
        }
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    @Override
    public void eventTo(Client client, String level, String message, ObjectNode data) {
        ClientConnection connection = (ClientConnection) client;
        connection.send(ClientConnection.Kind.MESSAGE, Json.write(Messages.event(level, message, data)),
                () -> snapshotText(connection));
    }

    public void sendSnapshot(ClientConnection connection) {
        connection.send(ClientConnection.Kind.SNAPSHOT, snapshotText(connection), () -> snapshotText(connection));
    }

    /** Sends a reply now, with the current seq. */
    public void replyNow(ClientConnection connection, ObjectNode reply) {
        reply.put("seq", seq);
        connection.send(ClientConnection.Kind.MESSAGE, Json.write(reply), () -> snapshotText(connection));
    }

    /** Holds a reply until the broadcast that carries the change has been queued. */
    public void replyAfterBroadcast(ClientConnection connection, ObjectNode reply) {
        pendingReplies.add(new PendingReply(connection, reply, null, null));
        requestBroadcast();
    }

    /**
     * Holds a reply until the broadcast that carries the change has been queued, and takes that broadcast's seq,
     * but sends it only once {@code durable} completes (its files are on disk); when the write fails,
     * {@code failed} runs instead. Both run on the engine thread.
     */
    public void replyAfterBroadcastWhenDurable(ClientConnection connection, ObjectNode reply,
                                               CompletableFuture<Void> durable, Consumer<Throwable> failed) {
        pendingReplies.add(new PendingReply(connection, reply, durable, failed));
        requestBroadcast();
    }

    /** A snapshot in the connection's profile. */
    String snapshotText(ClientConnection connection) {
        ObjectNode state = document.build(engine);
        if (connection.profile() == ClientProfile.LATEST) {
            state = latest.shape(state, engine);
        }
        return Json.write(Messages.snapshot(seq, state));
    }

    /** Leading edge plus one coalesced trailing broadcast per period. */
    @Override
    public void requestBroadcast() {
        if (trailing != null) {
            return;
        }
        long period = engine.playback().isPlaying() ? PLAYING_PERIOD_NANOS : IDLE_PERIOD_NANOS;
        long now = System.nanoTime();
        long wait = lastBroadcastNanos + period - now;
        if (wait <= 0) {
            broadcastNow();
        } else {
            trailing = engine.schedule(() -> {
                trailing = null;
                broadcastNow();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** Builds the state, sends the patch of what changed (if anything), then the held replies. */
    public void broadcastNow() {
        long started = System.nanoTime();
        lastBroadcastNanos = started;
        ObjectNode state = document.build(engine);
        long built = System.nanoTime();
        boolean playing = engine.playback().isPlaying();
        ArrayNode changes = diff(baseline, state, playing);
        // each profile is diffed against its own baseline; the latest one only while such a client is connected
        ArrayNode latestChanges = null;
        if (hub.all().stream().anyMatch(c -> c.profile() == ClientProfile.LATEST)) {
            if (latestBaseline == null) {
                latestBaseline = Json.object();
            }
            latestChanges = diff(latestBaseline, latest.shape(state, engine), playing);
        } else {
            latestBaseline = null;
        }
        if (!changes.isEmpty() || (latestChanges != null && !latestChanges.isEmpty())) {
            seq++;
            // every connection gets this seq (contiguous seqs); a profile with nothing new re-sends its system key
            String text = Json.write(Messages.patch(seq, changes.isEmpty() ? unchanged(state) : changes));
            String latestText = latestChanges == null ? text : latestChanges.isEmpty()
                    ? Json.write(Messages.patch(seq, unchanged(state))) : Json.write(Messages.patch(seq, latestChanges));
            for (ClientConnection connection : hub.all()) {
                connection.send(ClientConnection.Kind.PATCH,
                        connection.profile() == ClientProfile.LATEST ? latestText : text,
                        () -> snapshotText(connection));
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("patch {}: {} changes, {} chars; state built in {} ms, diffed and sent in {} ms", seq,
                        changes.size(), text.length(), (built - started) / 1_000_000,
                        (System.nanoTime() - built) / 1_000_000);
            }
        }
        if (!pendingReplies.isEmpty()) {
            List<PendingReply> replies = new ArrayList<>(pendingReplies);
            pendingReplies.clear();
            for (PendingReply pending : replies) {
                if (pending.durable() == null) {
                    replyNow(pending.connection(), pending.reply());
                } else {
                    sendOnceDurable(pending);
                }
            }
        }
    }

    private void sendOnceDurable(PendingReply pending) {
        pending.reply().put("seq", seq);
        awaitingDurable.addLast(pending);
        if (pending.durable().isDone()) {
            deliverDurableInOrder();
        } else {
            pending.durable().whenComplete((done, failure) -> engine.execute(this::deliverDurableInOrder));
        }
    }

    /** Sends the waiting replies whose files are durable, from the oldest, up to the first still waiting. */
    private void deliverDurableInOrder() {
        while (!awaitingDurable.isEmpty() && awaitingDurable.peekFirst().durable().isDone()) {
            PendingReply next = awaitingDurable.pollFirst();
            next.durable().whenComplete((done, failure) -> deliver(next, failure)); // done: runs right here
        }
    }

    private void deliver(PendingReply pending, Throwable failure) {
        if (failure == null) {
            ClientConnection connection = pending.connection();
            connection.send(ClientConnection.Kind.MESSAGE, Json.write(pending.reply()),
                    () -> snapshotText(connection));
        } else {
            pending.failed().accept(failure);
        }
    }

    /** A patch's changes that change nothing: the current {@code system} key (its values are absolute). */
    private static ArrayNode unchanged(ObjectNode state) {
        ArrayNode changes = Json.array();
        changes.add(change(List.of("system"), state.get("system")));
        return changes;
    }

    /**
     * Top-level keys that changed, in alphabetical order, with finer paths for fixtures: only
     * {@code ["fixtures", id, "values"]} when just the values changed. While playing, fixture values are left out
     * (the baseline keeps the old ones, so the first patch after playback carries them).
     */
    private static ArrayNode diff(ObjectNode baseline, ObjectNode state, boolean playing) {
        ArrayNode changes = Json.array();
        List<String> keys = new ArrayList<>();
        state.fieldNames().forEachRemaining(keys::add);
        keys.sort(String::compareTo);
        for (String key : keys) {
            JsonNode now = state.get(key);
            JsonNode before = baseline.get(key);
            if (now.equals(before)) {
                continue;
            }
            if (key.equals("fixtures") && before != null && sameKeys(before, now)) {
                diffFixtures((ObjectNode) before, (ObjectNode) now, playing, changes);
                continue;
            }
            if (key.equals("fixtures") && playing && before != null) {
                // structure changed while playing: send it whole, values included
                changes.add(change(List.of(key), now));
                baseline.set(key, now);
                continue;
            }
            changes.add(change(List.of(key), now));
            baseline.set(key, now);
        }
        return changes;
    }

    private static void diffFixtures(ObjectNode before, ObjectNode now, boolean playing, ArrayNode changes) {
        for (Map.Entry<String, JsonNode> entry : now.properties()) {
            String id = entry.getKey();
            ObjectNode current = (ObjectNode) entry.getValue();
            ObjectNode previous = (ObjectNode) before.get(id);
            if (current.equals(previous)) {
                continue;
            }
            if (equalIgnoringValues(current, previous)) {
                if (!playing) {
                    changes.add(change(List.of("fixtures", id, "values"), current.get("values")));
                    // replaced, never mutated: the document reuses entries of fixtures that did not change
                    before.set(id, current);
                }
            } else {
                changes.add(change(List.of("fixtures", id), current));
                before.set(id, current);
            }
        }
    }

    private static boolean equalIgnoringValues(ObjectNode a, ObjectNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : a.properties()) {
            if (!field.getKey().equals("values") && !field.getValue().equals(b.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameKeys(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject() || a.size() != b.size()) {
            return false;
        }
        Iterator<String> x = a.fieldNames();
        Iterator<String> y = b.fieldNames();
        while (x.hasNext()) {
            if (!x.next().equals(y.next())) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode change(List<String> path, JsonNode value) {
        ObjectNode change = Json.object();
        ArrayNode p = change.putArray("path");
        path.forEach(p::add);
        change.set("value", value);
        return change;
    }
}
