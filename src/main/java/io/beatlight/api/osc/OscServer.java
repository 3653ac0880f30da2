package io.beatlight.api.osc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCSerializeException;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OSC control over UDP (docs/osc.md). One socket: a receive thread reads datagrams, decodes them (bundles flattened,
 * timetags ignored: everything runs at once) and hands the control messages of a packet to the engine thread as one
 * task, where {@link OscCommands} runs them as intents. Errors go back to the sender as
 * {@code /beatlight/error code message address}; a packet that is not OSC changes nothing and never stops the loop.
 * A second thread sends replies and the state feedback to subscribers, so the engine thread never does network I/O.
 */
public final class OscServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OscServer.class);
    /** Packets handed to the engine and not yet run; beyond this a packet is refused with {@code rate_limited}. */
    static final int MAX_QUEUED_PACKETS = 256;
    /** Error replies sent per second at most (the rest are counted, not sent). */
    static final int MAX_ERROR_REPLIES_PER_SECOND = 50;
    static final long FEEDBACK_PERIOD_MILLIS = 100;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ShowEngine engine;
    private final DatagramSocket socket;
    private final OscCommands commands;
    private final OscSubscribers subscribers = new OscSubscribers();
    private final OscCodec receiveCodec = new OscCodec();
    /** Used on the sender thread only. */
    private final OscCodec sendCodec = new OscCodec();
    private final ScheduledExecutorService sender;
    private final Thread receiver;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile boolean running = true;

    private final AtomicLong packets = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong commandsRun = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong feedbackSent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private long errorWindowStart;
    private int errorRepliesInWindow;
    private long errorRepliesSuppressed;
    private long lastLogged = System.nanoTime() - LOG_INTERVAL_NANOS;
    private long logsSuppressed;

    private OscServer(ShowEngine engine, ClientEvents clients, IntentRegistry registry, DatagramSocket socket) {
        this.engine = engine;
        this.socket = socket;
        this.commands = new OscCommands(engine, new OscIntentRunner(engine, clients, registry));
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "osc-send");
            t.setDaemon(true);
            return t;
        });
        this.receiver = new Thread(this::receiveLoop, "osc-receive");
        this.receiver.setDaemon(true);
    }

    /**
     * Binds {@code host:port} (0 = any free port) and starts serving. Throws when the port cannot be bound: an OSC
     * port asked for and not served is a start-up error, not a silent one.
     */
    public static OscServer start(ShowEngine engine, ClientEvents clients, IntentRegistry registry, String host,
                                  int port) throws IOException {
        DatagramSocket socket;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new BindException("OSC: cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")");
        }
        OscServer server = new OscServer(engine, clients, registry, socket);
        server.receiver.start();
        server.sender.scheduleAtFixedRate(server::sendFeedback, FEEDBACK_PERIOD_MILLIS, FEEDBACK_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        LOG.info("OSC control on udp {}:{}", socket.getLocalAddress().getHostAddress(), socket.getLocalPort());
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    // ---- receiving --------------------------------------------------------------------------------------------

    private void receiveLoop() {
        byte[] buffer = new byte[OscCodec.MAX_PACKET_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (SocketException e) {
                if (!running) {
                    return;
                }
                warn("OSC receive failed: " + e.getMessage());
                continue;
            } catch (IOException e) {
                warn("OSC receive failed: " + e.getMessage());
                continue;
            }
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            try {
                received(buffer, packet.getLength(), from);
            } catch (RuntimeException | StackOverflowError e) {
                // nothing a packet holds may stop the loop
                errors.incrementAndGet();
                warn("OSC packet from " + from + " could not be handled: " + e);
            }
        }
    }

    private void received(byte[] data, int length, InetSocketAddress from) {
        packets.incrementAndGet();
        List<OSCMessage> decoded;
        try {
            decoded = receiveCodec.messages(data, length);
        } catch (OscCodec.MalformedPacket e) {
            malformed.incrementAndGet();
            error(from, "", new IntentException(ErrorCode.INVALID_PAYLOAD, e.getMessage()));
            return;
        }
        messages.addAndGet(decoded.size());
        List<OSCMessage> control = new ArrayList<>();
        for (OSCMessage message : decoded) {
            String address = message.getAddress();
            switch (address) {
                case "/beatlight/subscribe" -> subscribe(from, message);
                case "/beatlight/unsubscribe" -> unsubscribe(from, message);
                case "/beatlight/ping" -> reply(from, new OSCMessage("/beatlight/pong", List.of()));
                default -> {
                    if (OscCommands.isControl(address)) {
                        control.add(message);
                    } else {
                        error(from, address, OscCommands.unknown(address));
                    }
                }
            }
        }
        if (!control.isEmpty()) {
            toEngine(from, control);
        }
    }

    /** The control messages of one packet run together on the engine thread, in order. */
    private void toEngine(InetSocketAddress from, List<OSCMessage> control) {
        if (queued.incrementAndGet() > MAX_QUEUED_PACKETS) {
            queued.decrementAndGet();
            refused.incrementAndGet();
            error(from, control.get(0).getAddress(), new IntentException(ErrorCode.RATE_LIMITED, "too many OSC "
                    + "packets waiting (" + MAX_QUEUED_PACKETS + "); this one was not run"));
            return;
        }
        try {
            engine.execute(() -> {
                try {
                    for (OSCMessage message : control) {
                        runOnEngine(from, message);
                    }
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet(); // shutting down
        }
    }

    private void runOnEngine(InetSocketAddress from, OSCMessage message) {
        String address = message.getAddress();
        try {
            commands.run(OscClient.of(from), message, late -> error(from, address, late));
            commandsRun.incrementAndGet();
        } catch (IntentException e) {
            error(from, address, e);
        } catch (RuntimeException e) {
            LOG.error("OSC {} from {} failed", address, from, e);
            error(from, address, new IntentException(ErrorCode.INTERNAL_ERROR, "internal error while handling "
                    + address + "; state was left unchanged"));
        }
    }

    // ---- subscriptions ----------------------------------------------------------------------------------------

    /** {@code /beatlight/subscribe [port] [lease seconds]}: port 0 or none = the port the subscribe came from. */
    private void subscribe(InetSocketAddress from, OSCMessage message) {
        try {
            OscArgs args = new OscArgs(message.getAddress(), message.getArguments());
            args.requireCount(0, 2);
            InetSocketAddress target = target(from, args);
            long lease = OscSubscribers.DEFAULT_LEASE_SECONDS;
            if (args.size() == 2) {
                double seconds = args.number(1, "the lease in seconds");
                if (seconds < 1 || seconds > OscSubscribers.MAX_LEASE_SECONDS) {
                    throw IntentException.invalid(null, "the lease must be 1.." + OscSubscribers.MAX_LEASE_SECONDS
                            + " seconds");
                }
                lease = (long) seconds;
            }
            if (!subscribers.subscribe(target, TimeUnit.SECONDS.toNanos(lease), System.nanoTime())) {
                throw new IntentException(ErrorCode.LIMIT_EXCEEDED, "at most " + OscSubscribers.MAX_SUBSCRIBERS
                        + " OSC subscribers", null, Json.object().put("limit", OscSubscribers.MAX_SUBSCRIBERS));
            }
            reply(target, new OSCMessage("/beatlight/subscribed", List.of(target.getPort(), (int) lease)));
            sendSoon(this::sendFeedback);
        } catch (IntentException e) {
            error(from, message.getAddress(), e);
        }
    }

    private void unsubscribe(InetSocketAddress from, OSCMessage message) {
        try {
            OscArgs args = new OscArgs(message.getAddress(), message.getArguments());
            args.requireCount(0, 1);
            InetSocketAddress target = target(from, args);
            subscribers.unsubscribe(target);
            reply(target, new OSCMessage("/beatlight/unsubscribed", List.of(target.getPort())));
        } catch (IntentException e) {
            error(from, message.getAddress(), e);
        }
    }

    /** Feedback always goes to the sender's own address; only the port may differ. */
    private static InetSocketAddress target(InetSocketAddress from, OscArgs args) throws IntentException {
        if (args.size() == 0) {
            return from;
        }
        double port = args.number(0, "the port");
        if (port != Math.rint(port) || port < 0 || port > 65535) {
            throw IntentException.invalid(null, "the port must be 1..65535, or 0 for the sender's port");
        }
        return port == 0 ? from : new InetSocketAddress(from.getAddress(), (int) port);
    }

    /** Sender thread: one reading of the transport, as a bundle to every subscriber. */
    private void sendFeedback() {
        try {
            List<InetSocketAddress> targets = subscribers.active(System.nanoTime());
            if (targets.isEmpty() || !running) {
                return;
            }
            OscFeedback.Reading reading = engine.submit(() -> OscFeedback.read(engine)).get(1, TimeUnit.SECONDS);
            byte[] bytes = sendCodec.encode(OscFeedback.bundle(reading));
            for (InetSocketAddress target : targets) {
                if (send(target, bytes)) {
                    feedbackSent.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // an engine that is busy or stopping skips a reading; the next one follows
            if (running) {
                warn("OSC feedback skipped: " + e);
            }
        }
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    /** Answers an invalid message: counted, logged (rate-limited) and sent back unless over the reply limit. */
    private void error(InetSocketAddress to, String address, IntentException e) {
        errors.incrementAndGet();
        warn("OSC " + (address.isEmpty() ? "packet" : address) + " from " + to.getAddress().getHostAddress() + ":"
                + to.getPort() + " refused: " + e.code() + ": " + e.getMessage());
        if (!mayReplyWithError()) {
            return;
        }
        reply(to, new OSCMessage("/beatlight/error", List.of(e.code(), e.getMessage(), address)));
    }

    private synchronized boolean mayReplyWithError() {
        long now = System.nanoTime();
        if (now - errorWindowStart >= TimeUnit.SECONDS.toNanos(1)) {
            errorWindowStart = now;
            errorRepliesInWindow = 0;
        }
        if (errorRepliesInWindow >= MAX_ERROR_REPLIES_PER_SECOND) {
            errorRepliesSuppressed++;
            return false;
        }
        errorRepliesInWindow++;
        return true;
    }

    private void reply(InetSocketAddress to, OSCPacket packet) {
        sendSoon(() -> {
            try {
                send(to, sendCodec.encode(packet));
            } catch (OSCSerializeException e) {
                warn("OSC reply could not be encoded: " + e.getMessage());
            }
        });
    }

    private void sendSoon(Runnable task) {
        try {
            sender.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private boolean send(InetSocketAddress to, byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            return true;
        } catch (IOException e) {
            sendErrors.incrementAndGet();
            if (running) {
                warn("OSC send to " + to + " failed: " + e.getMessage());
            }
            return false;
        }
    }

    private synchronized void warn(String message) {
        long now = System.nanoTime();
        if (now - lastLogged < LOG_INTERVAL_NANOS) {
            logsSuppressed++;
            return;
        }
        if (logsSuppressed > 0) {
            LOG.warn("{} ({} similar in the last {} s)", message, logsSuppressed,
                    TimeUnit.NANOSECONDS.toSeconds(LOG_INTERVAL_NANOS));
        } else {
            LOG.warn("{}", message);
        }
        lastLogged = now;
        logsSuppressed = 0;
    }

    // ---- health -----------------------------------------------------------------------------------------------

    /** For /healthz. */
    public ObjectNode health() {
        ObjectNode node = Json.object().put("enabled", true)
                .put("host", socket.getLocalAddress().getHostAddress()).put("port", socket.getLocalPort())
                .put("packets", packets.get()).put("messages", messages.get()).put("commands", commandsRun.get())
                .put("errors", errors.get()).put("malformed", malformed.get()).put("rate_limited", refused.get())
                .put("subscribers", subscribers.count(System.nanoTime()))
                .put("subscriptions_expired", subscribers.expiredCount())
                .put("feedback_sent", feedbackSent.get()).put("send_errors", sendErrors.get());
        synchronized (this) {
            node.put("error_replies_suppressed", errorRepliesSuppressed);
        }
        return node;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        sender.shutdownNow();
        try {
            receiver.join(1000);
            sender.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
