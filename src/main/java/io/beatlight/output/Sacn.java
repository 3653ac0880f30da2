package io.beatlight.output;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** ANSI E1.31-2018 (sACN) constants and the root-layer header shared by data and sync packets. */
public final class Sacn {
    public static final int PORT = 5568;
    public static final int MIN_UNIVERSE = 1;
    public static final int MAX_UNIVERSE = 63999;
    public static final int DEFAULT_PRIORITY = 100;
    public static final int MAX_PRIORITY = 200;
    public static final int VECTOR_ROOT_DATA = 0x00000004;
    public static final int VECTOR_ROOT_EXTENDED = 0x00000008;
    public static final int VECTOR_FRAMING_DATA = 0x00000002;
    public static final int VECTOR_FRAMING_SYNC = 0x00000001;
    public static final int OPTION_PREVIEW = 0x80;
    public static final int OPTION_STREAM_TERMINATED = 0x40;
    public static final int OPTION_FORCE_SYNC = 0x20;
    /** Root layer up to and including the CID. */
    static final int ROOT_LENGTH = 38;
    static final byte[] ACN_PACKET_IDENTIFIER = "ASC-E1.17\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private Sacn() {
    }

    /** The multicast group of a universe: 239.255.{hi}.{lo}. A pure computation; nothing is sent. */
    public static InetAddress multicastGroup(int universe) {
        checkUniverse(universe);
        byte[] address = {(byte) 239, (byte) 255, (byte) (universe >> 8), (byte) (universe & 0xFF)};
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid IPv4 address
        }
    }

    public static void checkUniverse(int universe) {
        if (universe < MIN_UNIVERSE || universe > MAX_UNIVERSE) {
            throw new IllegalArgumentException("sACN universe out of range 1..63999: " + universe);
        }
    }

    /** Writes the root layer (preamble to CID) for a packet of the given total length. */
    static void rootLayer(byte[] packet, int totalLength, int vector, UUID cid) {
        packet[0] = 0x00;
        packet[1] = 0x10;                                // preamble size
        packet[2] = 0;
        packet[3] = 0;                                   // post-amble size
        System.arraycopy(ACN_PACKET_IDENTIFIER, 0, packet, 4, ACN_PACKET_IDENTIFIER.length);
        flagsAndLength(packet, 16, totalLength - 16);
        putInt(packet, 18, vector);
        putLong(packet, 22, cid.getMostSignificantBits());
        putLong(packet, 30, cid.getLeastSignificantBits());
    }

    /** Flags 0x7 in the high nibble, the PDU length (from this field to the end of the packet) in the low 12 bits. */
    static void flagsAndLength(byte[] packet, int at, int length) {
        putShort(packet, at, 0x7000 | (length & 0x0FFF));
    }

    static void putShort(byte[] packet, int at, int value) {
        packet[at] = (byte) (value >> 8);
        packet[at + 1] = (byte) value;
    }

    static void putInt(byte[] packet, int at, int value) {
        putShort(packet, at, value >>> 16);
        putShort(packet, at + 2, value & 0xFFFF);
    }

    private static void putLong(byte[] packet, int at, long value) {
        putInt(packet, at, (int) (value >>> 32));
        putInt(packet, at + 4, (int) value);
    }
}
