package io.beatlight.output;

/** ArtSync (OpCode 0x5200): sent after a frame's ArtDmx packets so nodes latch every universe at once. */
public final class ArtSyncPacket {
    private ArtSyncPacket() {
    }

    public static byte[] encode() {
        byte[] bytes = new byte[14];
        int at = ArtNet.header(bytes, ArtNet.OP_SYNC);
        bytes[at] = 0;
        bytes[at + 1] = ArtNet.PROTOCOL_VERSION;
        return bytes; // Aux1, Aux2 = 0
    }
}
