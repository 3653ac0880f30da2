package io.beatlight.output;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds Art-Net devices: sends ArtPoll every interval to the configured destinations only (never a broadcast of its
 * own accord; a venue lists its directed broadcast address, e.g. 2.255.255.255, if it wants one) and feeds every
 * ArtPollReply that comes back into a {@link NodeTable}. It uses its own socket, so it never competes with the ArtPoll
 * listener or a receiver on this machine; its port is free by default, which devices that answer the poller's source
 * port reach. Devices that always answer to port 6454 need {@code sourcePort} 6454 (with the listener on another
 * address or off).
 */
public final class ArtNetDiscovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetDiscovery.class);
    /** Flags: bit 1 = send ArtPollReply whenever the device's state changes. */
    private static final int POLL_FLAGS = 0x02;

    private final List<InetSocketAddress> targets;
    private final NodeTable table;
    private final long intervalMillis;
    private final AtomicLong pollsSent = new AtomicLong();
    private final AtomicLong repliesHeard = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "artpoll-send");
        t.setDaemon(true);
        return t;
    });
    private DatagramSocket socket;
    private Thread listener;
    private volatile boolean running;

    public ArtNetDiscovery(List<InetSocketAddress> targets, NodeTable table, long intervalMillis) {
        if (intervalMillis < 100) {
            throw new IllegalArgumentException("poll interval must be at least 100 ms");
        }
        this.targets = List.copyOf(targets);
        this.table = table;
        this.intervalMillis = intervalMillis;
    }

    /** Binds {@code bindHost:sourcePort} (0 = any free port) and starts polling; false after a warning if it cannot. */
    public boolean start(String bindHost, int sourcePort) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(bindHost, sourcePort));
        } catch (IOException e) {
            LOG.warn("Art-Net discovery is off: cannot bind {}:{} ({}). Choose another --artpoll-source-port.",
                    bindHost, sourcePort, e.getMessage());
            return false;
        }
        running = true;
        listener = new Thread(this::listen, "artpoll-replies");
        listener.setDaemon(true);
        listener.start();
        poller.scheduleAtFixedRate(this::pollNow, 0, intervalMillis, TimeUnit.MILLISECONDS);
        LOG.info("Art-Net discovery: ArtPoll every {} ms from {}:{} to {}", intervalMillis, bindHost,
                socket.getLocalPort(), targets);
        return true;
    }

    public int localPort() {
        return socket == null ? -1 : socket.getLocalPort();
    }

    /** Sends one ArtPoll to every destination and re-evaluates which devices went stale. */
    public void pollNow() {
        byte[] poll = ArtPollPacket.encode(POLL_FLAGS);
        for (InetSocketAddress target : targets) {
            try {
                socket.send(new DatagramPacket(poll, poll.length, target));
                pollsSent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                LOG.debug("ArtPoll to {} failed", target, e);
            }
        }
        try {
            table.refresh(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debug("node table refresh failed", e); // never let it cancel the poll schedule
        }
    }

    private void listen() {
        byte[] buffer = new byte[ArtNetNodeReply.MAX_LENGTH + 1]; // one byte more, so an oversized packet is seen
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                if (ArtNet.opcode(buffer, packet.getLength()) != ArtNet.OP_POLL_REPLY) {
                    continue; // our own poll echoed back by a broadcast, or other Art-Net traffic
                }
                ArtNetNodeReply reply = ArtNetNodeReply.parse(buffer, packet.getLength());
                if (reply == null) {
                    rejected.incrementAndGet();
                    continue;
                }
                repliesHeard.incrementAndGet();
                table.update(packet.getAddress().getHostAddress(), reply, System.currentTimeMillis());
            } catch (SocketException e) {
                if (running) {
                    LOG.warn("Art-Net discovery stopped: {}", e.getMessage());
                }
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("ArtPollReply receive failed", e);
            }
        }
    }

    public NodeTable table() {
        return table;
    }

    public long pollsSent() {
        return pollsSent.get();
    }

    public long repliesHeard() {
        return repliesHeard.get();
    }

    /** ArtPollReply packets dropped because their lengths or fields were malformed. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        running = false;
        poller.shutdownNow();
        if (socket != null) {
            socket.close();
        }
    }
}
