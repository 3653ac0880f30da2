package io.beatlight.output;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A reusable E1.31 universe synchronization packet (root vector EXTENDED, framing vector SYNC, 49 bytes): sent
 * after each frame to the sync address so receivers latch every universe together. It has its own sequence.
 */
public final class SacnSyncPacket {
    public static final int LENGTH = 49;
    static final int SEQUENCE_AT = 44;

    private final byte[] bytes = new byte[LENGTH];
    private final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    private final int syncAddress;
    private int sequence = -1;

    public SacnSyncPacket(UUID cid, int syncAddress) {
        Sacn.checkUniverse(syncAddress);
        this.syncAddress = syncAddress;
        Sacn.rootLayer(bytes, LENGTH, Sacn.VECTOR_ROOT_EXTENDED, cid);
        Sacn.flagsAndLength(bytes, 38, LENGTH - 38);
        Sacn.putInt(bytes, 40, Sacn.VECTOR_FRAMING_SYNC);
        Sacn.putShort(bytes, 45, syncAddress);
        // 47..48 reserved, zero
    }

    public int syncAddress() {
        return syncAddress;
    }

    /** The whole packet as a buffer over {@link #bytes()}, created once; senders reset its position. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return LENGTH;
    }

    public int nextSequence() {
        sequence = (sequence + 1) & 0xFF;
        bytes[SEQUENCE_AT] = (byte) sequence;
        return sequence;
    }
}
