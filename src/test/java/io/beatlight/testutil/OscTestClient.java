package io.beatlight.testutil;

import com.illposed.osc.BufferBytesReceiver;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializer;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real OSC client on 127.0.0.1 (JavaOSC for the encoding): sends messages, bundles or raw bytes to a server port
 * and records every message it receives (bundles flattened), with its arrival time.
 */
public final class OscTestClient implements AutoCloseable {
    /** One received message. */
    public record Received(long nanos, OSCMessage message) {
        public String address() {
            return message.getAddress();
        }

        public Object arg(int index) {
            return message.getArguments().get(index);
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final OSCSerializerAndParserBuilder builder = new OSCSerializerAndParserBuilder()
            .setProperties(Map.of("charset", StandardCharsets.UTF_8));
    private final OSCParser parser = builder.buildParser();
    private final List<Received> received = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public OscTestClient(int serverPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        thread = new Thread(this::receive, "osc-test-client");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public static OSCMessage message(String address, Object... args) {
        return new OSCMessage(address, List.of(args));
    }

    public void send(String address, Object... args) {
        sendPacket(message(address, args));
    }

    /** A bundle with the timetag "immediately". */
    public void sendBundle(OSCMessage... messages) {
        sendPacket(new OSCBundle(List.<OSCPacket>of(messages)));
    }

    public void sendPacket(OSCPacket packet) {
        BufferBytesReceiver bytes = new BufferBytesReceiver(ByteBuffer.allocate(65_507));
        OSCSerializer serializer = builder.buildSerializer(bytes);
        try {
            serializer.write(packet);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        sendRaw(bytes.toByteArray());
    }

    public void sendRaw(byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, server));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void receive() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long now = System.nanoTime();
                OSCPacket decoded = parser.convert(ByteBuffer.wrap(Arrays.copyOf(buffer, packet.getLength())));
                List<OSCMessage> messages = new ArrayList<>();
                flatten(decoded, messages);
                synchronized (received) {
                    messages.forEach(m -> received.add(new Received(now, m)));
                    received.notifyAll();
                }
            } catch (SocketException e) {
                return;
            } catch (Exception e) {
                // a test client keeps listening
            }
        }
    }

    private static void flatten(OSCPacket packet, List<OSCMessage> out) {
        if (packet instanceof OSCMessage m) {
            out.add(m);
        } else if (packet instanceof OSCBundle b) {
            b.getPackets().forEach(p -> flatten(p, out));
        }
    }

    /** How many messages have arrived so far (an index for {@link #awaitFrom}). */
    public int count() {
        synchronized (received) {
            return received.size();
        }
    }

    public List<Received> messages() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    public Received await(String address, Duration timeout) {
        return awaitFrom(0, r -> r.address().equals(address), timeout);
    }

    /** The first message at or after index {@code from} that matches. */
    public Received awaitFrom(int from, Predicate<Received> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = from;
        synchronized (received) {
            while (true) {
                for (; scanned < received.size(); scanned++) {
                    if (match.test(received.get(scanned))) {
                        return received.get(scanned);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching OSC message within " + timeout + "; got "
                            + received.subList(Math.max(0, received.size() - 10), received.size()).stream()
                            .map(r -> r.address() + " " + r.message().getArguments()).toList());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(received, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The next {@code /beatlight/error} after index {@code from}. */
    public Received awaitError(int from) {
        return awaitFrom(from, r -> r.address().equals("/beatlight/error"), Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
