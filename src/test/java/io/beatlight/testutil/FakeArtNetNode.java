package io.beatlight.testutil;

import io.beatlight.output.ArtDmxPacket;
import io.beatlight.output.ArtNet;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An Art-Net device on 127.0.0.1 (a free port) that answers every ArtPoll with an ArtPollReply built here from the
 * Art-Net 4 layout, unicast to the poller's address and port. Its four ports output Port-Addresses
 * {@code net.subNet.outputs[i]} from Art-Net. Its reply names its own port (a real device names 6454), so the
 * universes it subscribes to reach this socket; it keeps every ArtDmx it receives.
 */
public final class FakeArtNetNode implements AutoCloseable {
    private final DatagramSocket socket;
    private final String shortName;
    private final String longName;
    private final int net;
    private final int subNet;
    private final int[] outputs;
    private final AtomicInteger polls = new AtomicInteger();
    private final List<ArtNetReceiver.Received> dmx = new ArrayList<>();
    private volatile byte[] override;
    private volatile boolean answering = true;

    public FakeArtNetNode(String shortName, String longName, int net, int subNet, int... outputs) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.shortName = shortName;
        this.longName = longName;
        this.net = net;
        this.subNet = subNet;
        this.outputs = outputs.clone();
        Thread t = new Thread(this::serve, "fake-artnet-node");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int polls() {
        return polls.get();
    }

    /** Stops answering (the device "leaves" the network) or starts again. */
    public void answering(boolean on) {
        answering = on;
    }

    /** Answers with these bytes instead of a well-formed reply (null = well-formed again). */
    public void answerWith(byte[] bytes) {
        override = bytes;
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                boolean isPoll = packet.getLength() >= 14
                        && new String(buffer, 0, 8, StandardCharsets.US_ASCII).equals("Art-Net\0")
                        && buffer[8] == 0x00 && buffer[9] == 0x20;
                ArtDmxPacket.Decoded decoded = ArtDmxPacket.decode(buffer, packet.getLength());
                if (decoded != null) {
                    synchronized (dmx) {
                        dmx.add(new ArtNetReceiver.Received(System.nanoTime(), ArtNet.OP_DMX, decoded,
                                Arrays.copyOf(buffer, packet.getLength())));
                        dmx.notifyAll();
                    }
                }
                if (isPoll && answering) {
                    polls.incrementAndGet();
                    byte[] reply = override != null ? override : reply();
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A 239-byte ArtPollReply: a node (Style 0) with output ports, as Art-Net 4 lays it out. */
    public byte[] reply() {
        byte[] b = new byte[239];
        System.arraycopy("Art-Net\0".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 8);
        b[8] = 0x00;                       // OpPollReply 0x2100, little-endian
        b[9] = 0x21;
        b[10] = 127;                       // IP
        b[13] = 1;
        b[14] = (byte) port();             // Port, little-endian: this socket's (a real device's is 0x1936)
        b[15] = (byte) (port() >> 8);
        b[18] = (byte) net;                // NetSwitch
        b[19] = (byte) subNet;             // SubSwitch
        b[20] = (byte) 0xFF;               // Oem: unknown
        b[21] = (byte) 0xFF;
        put(b, 26, shortName);
        put(b, 44, longName);
        put(b, 108, "#0001 [0001] Power On Tests successful");
        b[173] = (byte) outputs.length;    // NumPorts, big-endian
        for (int i = 0; i < outputs.length; i++) {
            b[174 + i] = (byte) 0x80;      // PortTypes: can output from Art-Net, DMX512
            b[182 + i] = (byte) 0x80;      // GoodOutputA: data being transmitted
            b[190 + i] = (byte) outputs[i]; // SwOut
        }
        b[200] = 0x00;                     // Style: node
        b[207] = 127;                      // BindIp
        b[210] = 1;
        b[211] = 1;                        // BindIndex
        return b;
    }

    /** The ArtDmx packets of a Port-Address received so far. */
    public List<ArtNetReceiver.Received> dmx(int portAddress) {
        synchronized (dmx) {
            return dmx.stream().filter(r -> r.dmx().portAddress() == portAddress).toList();
        }
    }

    /** Waits for an ArtDmx of a Port-Address received after {@code afterNanos} that matches. */
    public ArtNetReceiver.Received awaitDmx(int portAddress, long afterNanos, Predicate<ArtNetReceiver.Received> match,
                                            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (dmx) {
            while (true) {
                for (ArtNetReceiver.Received r : dmx) {
                    if (r.dmx().portAddress() == portAddress && r.nanos() >= afterNanos && match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching ArtDmx for Port-Address " + portAddress + " within "
                            + timeout + " (" + dmx.size() + " ArtDmx received)");
                }
                TimeUnit.NANOSECONDS.timedWait(dmx, left);
            }
        }
    }

    private static void put(byte[] b, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, offset, bytes.length);
    }

    @Override
    public void close() {
        socket.close();
    }
}
