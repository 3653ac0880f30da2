package io.beatlight.output;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.timecode.TimecodeListener;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers ArtPoll with one ArtPollReply per universe Beatlight sends, unicast to the poller's address and port,
 * after a random delay (Art-Net asks for up to 1 s so replies from many devices do not collide). It never shares a
 * port: its own socket is bound without SO_REUSEADDR (with it, Linux would deliver another program's unicast to
 * Beatlight and that program would silently receive nothing), so when another Art-Net program on this machine holds
 * the port, it logs a warning saying what to do and stays off. It can also listen on the Art-Net output's socket,
 * which is bound to 6454 already.
 */
public final class ArtPollResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtPollResponder.class);

    private final Supplier<UniverseLayout> universes;
    private final long maxDelayMillis;
    private final AtomicInteger replies = new AtomicInteger();
    private final ScheduledExecutorService replier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "artpoll-reply");
        t.setDaemon(true);
        return t;
    });
    private DatagramSocket socket;
    private boolean ownsSocket;
    private Thread listener;
    private volatile boolean running;
    private final AtomicReference<TimecodeListener> timecodeListener = new AtomicReference<>();
    private final AtomicLong timecodeFrames = new AtomicLong();
    private final AtomicLong timecodeMalformed = new AtomicLong();

    public ArtPollResponder(Supplier<UniverseLayout> universes, long maxDelayMillis) {
        this.universes = universes;
        this.maxDelayMillis = maxDelayMillis;
    }

    /** Binds exclusively and starts answering; returns false (after a warning) when the port is in use. */
    public boolean start(String bindHost, int port) {
        DatagramSocket s = ArtNetSocket.bindExclusive(bindHost, port);
        if (s == null) {
            LOG.warn("ArtPoll replies are off: UDP {}:{} is in use by another program (an Art-Net receiver such as "
                    + "olad?). Beatlight does not share the port, so that program keeps receiving its Art-Net. To be "
                    + "discoverable, free the port or give the other program another address; to silence this, use "
                    + "--artnet-listen-port 0.", bindHost, port);
            return false;
        }
        socket = s;
        ownsSocket = true;
        listen(bindHost);
        return true;
    }

    /** Answers ArtPoll arriving on an already bound socket (the Art-Net output's); the socket stays its owner's. */
    public void start(DatagramSocket shared) {
        socket = shared;
        ownsSocket = false;
        listen(String.valueOf(shared.getLocalAddress().getHostAddress()));
    }

    private void listen(String bindHost) {
        running = true;
        listener = new Thread(this::listen, "artpoll-listen");
        listener.setDaemon(true);
        listener.start();
        LOG.info("Answering ArtPoll on {}:{}", bindHost, socket.getLocalPort());
    }

    public int localPort() {
        return socket == null ? -1 : socket.getLocalPort();
    }

    private void listen() {
        byte[] buffer = new byte[1024];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                if (ArtTimeCodePacket.isTimeCode(buffer, packet.getLength())) {
                    timecode(buffer, packet.getLength(), System.nanoTime());
                } else if (ArtPollPacket.isPoll(buffer, packet.getLength())) {
                    SocketAddress poller = packet.getSocketAddress();
                    long delay = maxDelayMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(maxDelayMillis + 1);
                    replier.schedule(() -> reply(poller), delay, TimeUnit.MILLISECONDS);
                }
            } catch (SocketException e) {
                if (running) {
                    LOG.warn("ArtPoll listener stopped: {}", e.getMessage());
                }
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("ArtPoll receive failed", e);
            }
        }
    }

    /**
     * Hands ArtTimeCode arriving on this socket to {@code listener} (on this receive thread) instead of the previous one.
     * Timecode shares the listen socket: Art-Net uses one port for everything it receives.
     */
    public void onTimecode(TimecodeListener listener) {
        timecodeListener.set(listener);
    }

    /** Stops handing timecode to {@code listener}, unless another one has replaced it since. */
    public void stopTimecode(TimecodeListener listener) {
        timecodeListener.compareAndSet(listener, null);
    }

    /** Whether the receive loop runs (ArtPoll answered, timecode received). */
    public boolean listening() {
        return running && socket != null;
    }

    /** Valid ArtTimeCode packets received. */
    public long timecodeFrames() {
        return timecodeFrames.get();
    }

    /** ArtTimeCode packets dropped as malformed (length, version, type or a field out of range). */
    public long timecodeMalformed() {
        return timecodeMalformed.get();
    }

    private void timecode(byte[] buffer, int length, long atNanos) {
        ArtTimeCodePacket.Decoded decoded = ArtTimeCodePacket.decode(buffer, length);
        if (!decoded.valid()) {
            timecodeMalformed.incrementAndGet();
            LOG.debug("ArtTimeCode dropped: {}", decoded.problem());
            return;
        }
        timecodeFrames.incrementAndGet();
        TimecodeListener listener = timecodeListener.get();
        if (listener != null) {
            listener.timecode(decoded.timecode(), atNanos);
        }
    }

    private void reply(SocketAddress poller) {
        try {
            InetAddress local = localAddressTowards(poller);
            UniverseLayout layout = universes.get();
            int count = replies.incrementAndGet();
            for (int i = 0; i < layout.count(); i++) {
                byte[] bytes = ArtPollReplyPacket.encode(local, layout.universeAt(i), i + 1, count);
                socket.send(new DatagramPacket(bytes, bytes.length, poller));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ArtPollReply to {} failed", poller, e);
        }
    }

    /** The address of the interface that routes to the poller (connecting a UDP socket sends nothing). */
    private InetAddress localAddressTowards(SocketAddress poller) throws IOException {
        InetAddress bound = socket.getLocalAddress();
        if (bound != null && !bound.isAnyLocalAddress()) {
            return bound;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(poller);
            InetAddress local = probe.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
        }
    }

    @Override
    public void close() {
        running = false;
        if (socket != null && ownsSocket) {
            socket.close();
        }
        replier.shutdownNow();
    }
}
