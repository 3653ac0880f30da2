package io.beatlight.output;

import java.nio.ByteBuffer;

/**
 * A reusable ArtDmx packet for one Port-Address (OpCode 0x5000): 18-byte header plus 512 slots. The header is
 * written once; each frame only copies the data in and sets the sequence number.
 */
public final class ArtDmxPacket {
    public static final int SLOTS = 512;

    private final int portAddress;
    private final byte[] bytes = new byte[ArtNet.DMX_HEADER + SLOTS];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private int sequence;

    public ArtDmxPacket(int portAddress) {
        if (portAddress < 0 || portAddress > 0x7FFF) {
            throw new IllegalArgumentException("Port-Address out of range: " + portAddress);
        }
        this.portAddress = portAddress;
        int at = ArtNet.header(bytes, ArtNet.OP_DMX);
        bytes[at] = 0;                                   // ProtVerHi
        bytes[at + 1] = ArtNet.PROTOCOL_VERSION;         // ProtVerLo
        bytes[13] = 0;                                   // Physical
        bytes[14] = (byte) (portAddress & 0xFF);         // SubUni: Sub-Net and Universe
        bytes[15] = (byte) (portAddress >> 8 & 0x7F);    // Net
        bytes[16] = (byte) (SLOTS >> 8);                 // Length, big-endian, even
        bytes[17] = (byte) (SLOTS & 0xFF);
    }

    public int portAddress() {
        return portAddress;
    }

    /** The buffer to copy 512 slots into, starting at {@link #dataOffset()}. */
    /** The whole packet as a buffer over {@link #bytes()}, created once; senders reset its position. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int dataOffset() {
        return ArtNet.DMX_HEADER;
    }

    public int length() {
        return bytes.length;
    }

    /** Advances the sequence (1..255, wrapping to 1; 0 would disable sequencing) and stamps it. */
    public int nextSequence() {
        sequence = sequence >= 255 ? 1 : sequence + 1;
        bytes[12] = (byte) sequence;
        return sequence;
    }

    public int sequence() {
        return sequence;
    }

    /** Carries on from {@code other}'s sequence number (the same receiver sees one stream). */
    public void continueSequenceOf(ArtDmxPacket other) {
        sequence = other.sequence;
        bytes[12] = (byte) sequence;
    }

    /** A packet for the same Port-Address with all slots zero, its sequence continuing from this one's. */
    public ArtDmxPacket zeroedCopy() {
        ArtDmxPacket copy = new ArtDmxPacket(portAddress);
        copy.continueSequenceOf(this);
        return copy;
    }

    /** A decoded ArtDmx packet. */
    public record Decoded(int sequence, int physical, int portAddress, byte[] data) {
    }

    /** Decodes an ArtDmx packet, or returns null when it is not one (or is malformed). */
    public static Decoded decode(byte[] packet, int length) {
        if (ArtNet.opcode(packet, length) != ArtNet.OP_DMX || length < ArtNet.DMX_HEADER) {
            return null;
        }
        int slots = (packet[16] & 0xFF) << 8 | (packet[17] & 0xFF);
        if (slots < 2 || slots > SLOTS || slots % 2 != 0 || ArtNet.DMX_HEADER + slots > length) {
            return null;
        }
        byte[] data = new byte[slots];
        System.arraycopy(packet, ArtNet.DMX_HEADER, data, 0, slots);
        int portAddress = (packet[15] & 0x7F) << 8 | (packet[14] & 0xFF);
        return new Decoded(packet[12] & 0xFF, packet[13] & 0xFF, portAddress, data);
    }
}
