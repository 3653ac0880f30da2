package io.beatlight.output;

import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;

/**
 * ArtTimeCode (OpCode 0x9700): ID, OpCode (little-endian), ProtVer 14 (big-endian), Filler1, StreamId, Frames,
 * Seconds, Minutes, Hours, Type (0 = Film 24, 1 = EBU 25, 2 = DF 29.97, 3 = SMPTE 30). 19 bytes.
 */
public final class ArtTimeCodePacket {
    public static final int LENGTH = 19;

    private ArtTimeCodePacket() {
    }

    /** Why a packet was refused; {@link #decode} returns it in a {@link Decoded} without a timecode. */
    public record Decoded(Timecode timecode, int streamId, String problem) {
        public boolean valid() {
            return timecode != null;
        }
    }

    /** Whether the packet claims to be an ArtTimeCode (it may still be malformed). */
    public static boolean isTimeCode(byte[] packet, int length) {
        return ArtNet.opcode(packet, length) == ArtNet.OP_TIMECODE;
    }

    /** Validates length, ID, opcode, protocol version, type and the ranges of the address. */
    public static Decoded decode(byte[] packet, int length) {
        if (ArtNet.opcode(packet, length) != ArtNet.OP_TIMECODE) {
            return new Decoded(null, 0, "not an ArtTimeCode");
        }
        if (length < LENGTH) {
            return new Decoded(null, 0, "too short: " + length + " bytes");
        }
        int version = (packet[10] & 0xFF) << 8 | (packet[11] & 0xFF);
        if (version < ArtNet.PROTOCOL_VERSION) {
            return new Decoded(null, 0, "protocol version " + version);
        }
        int streamId = packet[13] & 0xFF;
        int type = packet[18] & 0xFF;
        FrameRate rate = rateOf(type);
        if (rate == null) {
            return new Decoded(null, streamId, "unknown type " + type);
        }
        try {
            Timecode tc = new Timecode(packet[17] & 0xFF, packet[16] & 0xFF, packet[15] & 0xFF, packet[14] & 0xFF,
                    rate);
            return new Decoded(tc, streamId, null);
        } catch (IllegalArgumentException e) {
            return new Decoded(null, streamId, e.getMessage());
        }
    }

    /** A new packet for {@code tc} (stream 0). */
    public static byte[] encode(Timecode tc) {
        byte[] b = new byte[LENGTH];
        encodeInto(tc.hours(), tc.minutes(), tc.seconds(), tc.frames(), tc.rate(), b);
        return b;
    }

    /** Writes a whole packet into {@code b} (at least {@link #LENGTH} bytes) without allocating. */
    public static void encodeInto(int hours, int minutes, int seconds, int frames, FrameRate rate, byte[] b) {
        ArtNet.header(b, ArtNet.OP_TIMECODE);
        b[10] = 0;
        b[11] = ArtNet.PROTOCOL_VERSION;
        b[12] = 0;
        b[13] = 0;
        b[14] = (byte) frames;
        b[15] = (byte) seconds;
        b[16] = (byte) minutes;
        b[17] = (byte) hours;
        b[18] = (byte) typeOf(rate);
    }

    public static int typeOf(FrameRate rate) {
        return switch (rate) {
            case FPS_24 -> 0;
            case FPS_25 -> 1;
            case FPS_2997_DF -> 2;
            case FPS_30 -> 3;
        };
    }

    static FrameRate rateOf(int type) {
        return switch (type) {
            case 0 -> FrameRate.FPS_24;
            case 1 -> FrameRate.FPS_25;
            case 2 -> FrameRate.FPS_2997_DF;
            case 3 -> FrameRate.FPS_30;
            default -> null;
        };
    }
}
