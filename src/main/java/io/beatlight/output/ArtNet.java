package io.beatlight.output;

import java.nio.charset.StandardCharsets;

/** Art-Net 4 constants and header helpers (the packet layouts are in the ArtDmx/ArtPoll/ArtSync packet classes). */
public final class ArtNet {
    public static final int PORT = 0x1936;
    public static final int PROTOCOL_VERSION = 14;
    public static final int OP_POLL = 0x2000;
    public static final int OP_POLL_REPLY = 0x2100;
    public static final int OP_DMX = 0x5000;
    public static final int OP_SYNC = 0x5200;
    public static final int OP_TIMECODE = 0x9700;
    public static final int DMX_HEADER = 18;
    public static final int POLL_REPLY_LENGTH = 239;
    static final byte[] ID = "Art-Net\0".getBytes(StandardCharsets.US_ASCII);

    private ArtNet() {
    }

    /** Writes the ID and the little-endian opcode; returns the next offset. */
    static int header(byte[] packet, int opcode) {
        System.arraycopy(ID, 0, packet, 0, ID.length);
        packet[8] = (byte) (opcode & 0xFF);
        packet[9] = (byte) (opcode >> 8);
        return 10;
    }

    /** The opcode of a packet, or -1 when it is not Art-Net. */
    public static int opcode(byte[] packet, int length) {
        if (length < 10) {
            return -1;
        }
        for (int i = 0; i < ID.length; i++) {
            if (packet[i] != ID[i]) {
                return -1;
            }
        }
        return (packet[8] & 0xFF) | (packet[9] & 0xFF) << 8;
    }
}
