package io.beatlight.testutil;

import io.beatlight.output.ArtDmxPacket;
import io.beatlight.output.ArtNet;
import io.beatlight.output.RealtimeScheduling;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real Art-Net receiver on 127.0.0.1: records every packet with its arrival time, decoded. */
public final class ArtNetReceiver implements AutoCloseable {
    /** One received packet. {@code dmx} is null for packets that are not ArtDmx. */
    public record Received(long nanos, int opcode, ArtDmxPacket.Decoded dmx, byte[] raw) {
        public int channel(int channel) {
            return dmx.data()[channel - 1] & 0xFF;
        }
    }

    private final DatagramSocket socket;
    private final List<Received> packets = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ArtNetReceiver() throws IOException {
        this(0);
    }

    public ArtNetReceiver(int port) throws IOException {
        this(port, false);
    }

    /**
     * With {@code realtime}, the receiving thread asks for SCHED_FIFO so its timestamps are not scheduling noise. Its
     * priority stays just below the sender's (40): the receivers stand in for nodes on other machines, and on a 2-core
     * machine two receivers above the sender took both cores from it whenever a burst of packets woke them.
     */
    private static final int RECEIVER_PRIORITY = Integer.getInteger("bench.receiverPriority", 39);

    public ArtNetReceiver(int port, boolean realtime) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setReceiveBufferSize(4 << 20);
        thread = new Thread(() -> {
            if (realtime) {
                RealtimeScheduling.elevateCurrentThread(RECEIVER_PRIORITY);
            }
            receive();
        }, "artnet-receiver");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long now = System.nanoTime();
                int length = packet.getLength();
                byte[] raw = Arrays.copyOf(buffer, length);
                Received received = new Received(now, ArtNet.opcode(raw, length), ArtDmxPacket.decode(raw, length),
                        raw);
                synchronized (packets) {
                    packets.add(received);
                    packets.notifyAll();
                }
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // keep receiving
            }
        }
    }

    /** Waits for the first ArtDmx of {@code universe} arriving after {@code afterNanos} that matches. */
    public Received awaitDmx(int universe, long afterNanos, Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (packets) {
            // packets are kept in arrival order: start at the first one after afterNanos, so a long recording is not
            // scanned from the start under the lock the receiving thread needs
            int scanned = firstAtOrAfter(afterNanos);
            while (true) {
                for (; scanned < packets.size(); scanned++) {
                    Received r = packets.get(scanned);
                    if (r.dmx() != null && r.dmx().portAddress() == universe && r.nanos() >= afterNanos
                            && match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching ArtDmx on universe " + universe + " within " + timeout
                            + " (" + packets.size() + " packets received)");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(packets, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Index of the first packet received at or after {@code nanos} (the caller holds the lock). */
    private int firstAtOrAfter(long nanos) {
        int low = 0;
        int high = packets.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (packets.get(mid).nanos() - nanos < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public Received awaitDmx(int universe, Predicate<Received> match) {
        return awaitDmx(universe, 0, match, Duration.ofSeconds(5));
    }

    public List<Received> packets() {
        synchronized (packets) {
            return new ArrayList<>(packets);
        }
    }

    public List<Received> dmx(int universe) {
        return packets().stream().filter(r -> r.dmx() != null && r.dmx().portAddress() == universe).toList();
    }

    public void clear() {
        synchronized (packets) {
            packets.clear();
        }
    }

    /** Waits until no packet has arrived for {@code quiet}. */
    public void awaitSilence(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> all = packets();
            long last = all.isEmpty() ? 0 : all.get(all.size() - 1).nanos();
            if (System.nanoTime() - last >= quiet.toNanos()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("traffic did not stop within " + timeout);
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
