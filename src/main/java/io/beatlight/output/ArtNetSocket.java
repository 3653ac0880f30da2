package io.beatlight.output;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the socket Art-Net leaves from. Art-Net 4 sends from port 6454, so that is tried first; the bind never sets
 * SO_REUSEADDR, so a receiver already on that port (olad, a visualiser) keeps it: with shared ports Linux would hand
 * that program's unicast to Beatlight. When the port is taken the socket falls back to an ephemeral port, with a
 * warning that says what to do.
 */
public final class ArtNetSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetSocket.class);

    private ArtNetSocket() {
    }

    /** Binds {@code host:port} exclusively, or any free port on {@code host} when that one is taken. */
    public static DatagramSocket open(String host, int port) throws SocketException {
        if (port > 0) {
            DatagramSocket exclusive = bindExclusive(host, port);
            if (exclusive != null) {
                return exclusive;
            }
            LOG.warn("UDP port {} on {} is used by another program (an Art-Net receiver or controller on this "
                    + "machine, e.g. olad). Beatlight leaves it alone: Art-Net is sent from an ephemeral port and "
                    + "ArtPoll is not answered on {}. To send from {} and be discoverable, stop the other program "
                    + "or run it on another address; to silence this, use --artnet-source-port 0.", port, host,
                    port, port);
        }
        try {
            return channel(host).bind(new InetSocketAddress(host, 0)).socket();
        } catch (IOException e) {
            throw new SocketException("cannot bind an Art-Net socket on " + host + ": " + e.getMessage());
        }
    }

    /** A socket bound to exactly this address and port without SO_REUSEADDR, or null when it is in use. */
    public static DatagramSocket bindExclusive(String host, int port) {
        DatagramChannel channel = null;
        try {
            channel = channel(host);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.bind(new InetSocketAddress(host, port));
            return channel.socket();
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was bound
                }
            }
            return null;
        }
    }

    /**
     * A socket with a channel behind it: the output loop sends through the channel from a reusable buffer, which
     * allocates nothing (DatagramSocket.send allocates about 40 bytes a packet). IPv4 when the host is IPv4.
     */
    static DatagramChannel channel(String host) throws IOException {
        boolean ipv4 = host == null || new InetSocketAddress(host, 0).getAddress() instanceof Inet4Address;
        return ipv4 ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
    }

    /** An unbound-until-first-send socket on any port (tests, sACN). */
    public static DatagramSocket ephemeral() throws SocketException {
        try {
            return DatagramChannel.open().bind(null).socket();
        } catch (IOException e) {
            throw new SocketException("cannot open a UDP socket: " + e.getMessage());
        }
    }
}
