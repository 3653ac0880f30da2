package io.beatlight.output;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A reusable E1.31 data packet for one sACN universe: root, framing and DMP layers (126 bytes) plus 512 slots.
 * The headers are written once; each frame copies the slots in and stamps the sequence number.
 */
public final class SacnDataPacket {
    public static final int SLOTS = 512;
    public static final int HEADER = 126;
    public static final int LENGTH = HEADER + SLOTS;
    static final int SOURCE_NAME_BYTES = 64;
    static final int PRIORITY_AT = 108;
    static final int SYNC_ADDRESS_AT = 109;
    static final int SEQUENCE_AT = 111;
    static final int OPTIONS_AT = 112;
    static final int UNIVERSE_AT = 113;

    private final int universe;
    private final byte[] bytes = new byte[LENGTH];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private int sequence = -1;

    public SacnDataPacket(int universe, UUID cid, String sourceName, int priority, int syncAddress) {
        Sacn.checkUniverse(universe);
        if (priority < 0 || priority > Sacn.MAX_PRIORITY) {
            throw new IllegalArgumentException("sACN priority out of range 0..200: " + priority);
        }
        if (syncAddress != 0) {
            Sacn.checkUniverse(syncAddress);
        }
        this.universe = universe;
        Sacn.rootLayer(bytes, LENGTH, Sacn.VECTOR_ROOT_DATA, cid);
        Sacn.flagsAndLength(bytes, 38, LENGTH - 38);
        Sacn.putInt(bytes, 40, Sacn.VECTOR_FRAMING_DATA);
        writeSourceName(bytes, 44, sourceName);
        bytes[PRIORITY_AT] = (byte) priority;
        Sacn.putShort(bytes, SYNC_ADDRESS_AT, syncAddress);
        bytes[SEQUENCE_AT] = 0;
        bytes[OPTIONS_AT] = 0;
        Sacn.putShort(bytes, UNIVERSE_AT, universe);
        Sacn.flagsAndLength(bytes, 115, LENGTH - 115);
        bytes[117] = 0x02;                               // VECTOR_DMP_SET_PROPERTY
        bytes[118] = (byte) 0xA1;                        // address and data type
        Sacn.putShort(bytes, 119, 0);                    // first property address
        Sacn.putShort(bytes, 121, 1);                    // address increment
        Sacn.putShort(bytes, 123, SLOTS + 1);            // property value count: START code + slots
        bytes[125] = 0;                                  // START code 0: dimmer data
    }

    /** Source name as UTF-8, cut at a character boundary to at most 63 bytes so it stays zero-terminated. */
    static void writeSourceName(byte[] packet, int at, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(utf8.length, SOURCE_NAME_BYTES - 1);
        while (length > 0 && length < utf8.length && (utf8[length] & 0xC0) == 0x80) {
            length--; // never split a multi-byte character
        }
        System.arraycopy(utf8, 0, packet, at, length);
    }

    public int universe() {
        return universe;
    }

    /** The whole packet as a buffer over {@link #bytes()}, created once; senders reset its position. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int dataOffset() {
        return HEADER;
    }

    public int length() {
        return LENGTH;
    }

    /** Advances the sequence number (0..255, wrapping) and stamps it. */
    public int nextSequence() {
        sequence = (sequence + 1) & 0xFF;
        bytes[SEQUENCE_AT] = (byte) sequence;
        return sequence;
    }

    public int sequence() {
        return sequence;
    }

    public int priority() {
        return bytes[PRIORITY_AT] & 0xFF;
    }

    /** Carries on from {@code other}'s sequence number (the same receiver sees one stream). */
    public void continueSequenceOf(SacnDataPacket other) {
        sequence = other.sequence;
        bytes[SEQUENCE_AT] = (byte) sequence;
    }

    /** A packet with the same headers (CID, name, priority, sync, universe) and zero slots, its sequence continuing. */
    public SacnDataPacket zeroedCopy() {
        SacnDataPacket copy = new SacnDataPacket(this);
        copy.continueSequenceOf(this);
        return copy;
    }

    private SacnDataPacket(SacnDataPacket original) {
        this.universe = original.universe;
        System.arraycopy(original.bytes, 0, bytes, 0, HEADER);
        bytes[OPTIONS_AT] = 0;
    }

    /** Sets or clears the stream-terminated option (bit 6). */
    public void setTerminated(boolean terminated) {
        setOption(Sacn.OPTION_STREAM_TERMINATED, terminated);
    }

    /** Sets or clears the preview-data option (bit 7): receivers show it on visualisers only. */
    public void setPreview(boolean preview) {
        setOption(Sacn.OPTION_PREVIEW, preview);
    }

    private void setOption(int bit, boolean on) {
        bytes[OPTIONS_AT] = (byte) (on ? bytes[OPTIONS_AT] | bit : bytes[OPTIONS_AT] & ~bit);
    }
}
