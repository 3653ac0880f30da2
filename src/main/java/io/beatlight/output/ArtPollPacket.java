package io.beatlight.output;

/** ArtPoll (OpCode 0x2000): discovery request. */
public final class ArtPollPacket {
    private ArtPollPacket() {
    }

    /** An ArtPoll as a controller sends it (used by tests and tools). */
    public static byte[] encode(int flags) {
        byte[] b = new byte[14];
        int at = ArtNet.header(b, ArtNet.OP_POLL);
        b[at] = 0;
        b[at + 1] = ArtNet.PROTOCOL_VERSION;
        b[12] = (byte) flags;
        b[13] = 0; // DiagPriority
        return b;
    }

    public static boolean isPoll(byte[] packet, int length) {
        return ArtNet.opcode(packet, length) == ArtNet.OP_POLL && length >= 12;
    }
}
