package io.beatlight.show.fseq;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes an FSEQ version 2.0 file (Falcon Player's sequence format, also read and written by xLights), little-endian:
 * <pre>
 *  0  'PSEQ'                          20  compression type (0 none, 1 zstd); high 4 bits: block count bits 8-11 (0)
 *  4  u16 offset of the channel data  21  u8 compression block count (0 when uncompressed)
 *  6  u8 minor version 0              22  u8 sparse range count (0: every frame holds all channels)
 *  7  u8 major version 2              23  u8 flags, 0
 *  8  u16 header length: 32 + 8 × blocks + 6 × sparse ranges (where the variable headers start)
 * 10  u32 channels per frame          24  u64 unique id (a microsecond timestamp, as Falcon Player uses)
 * 14  u32 frame count                 32  block index: per block u32 first frame, u32 compressed length
 * 18  u8 step time in ms              then the variable headers: u16 length (4-byte prefix included), two-character
 * 19  u8 flags, 0                         code, NUL-terminated text; zero padding to a multiple of 4: the data offset
 * </pre>
 * then the channel data: every frame's channels one after another, or the blocks one after another, each block an
 * independent zstd frame holding its frames uncompressed back to back.
 */
public final class FseqWriter {
    public static final int FIXED_HEADER_BYTES = 32;
    public static final int BLOCK_ENTRY_BYTES = 8;
    public static final int MAJOR_VERSION = 2;
    public static final int MINOR_VERSION = 0;
    /** zstd's default level: a 6-minute show compresses in well under a second. */
    public static final int ZSTD_LEVEL = 3;

    /** A variable header: a two-character code ({@code mf} media file, {@code sp} sequence producer) and its text. */
    public record VariableHeader(String code, String text) {
        public VariableHeader {
            if (code.length() != 2 || !code.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException("a variable header code is two printable ASCII characters");
            }
            if (text.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("variable header text cannot hold NUL");
            }
        }

        byte[] encoded() {
            byte[] value = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[4 + value.length + 1];
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort((short) out.length)
                    .put(code.getBytes(StandardCharsets.US_ASCII)).put(value);
            return out;
        }
    }

    /** The file's bytes and what went into them. */
    public record Encoded(byte[] bytes, int dataOffset, int channelCount, int frames, int blocks) {
    }

    /** Where the frames come from: frame {@code n}'s channels are {@code source[offset(n) …+channels)}. */
    public interface Frames {
        int count();

        int channels();

        byte[] source();

        int offset(int frame);
    }

    private FseqWriter() {
    }

    public static Encoded encode(Frames frames, int stepMs, FseqCompression compression,
                                 List<VariableHeader> headers, long uniqueId) throws IOException {
        if (stepMs < 1 || stepMs > 255) {
            throw new IllegalArgumentException("step must be 1..255 ms: " + stepMs);
        }
        List<Integer> starts = compression == FseqCompression.NONE ? List.of()
                : FseqBlocks.starts(frames.count(), frames.channels());
        List<byte[]> blocks = new ArrayList<>();
        for (int b = 0; b < starts.size(); b++) {
            int end = b + 1 < starts.size() ? starts.get(b + 1) : frames.count();
            blocks.add(Zstd.compress(copy(frames, starts.get(b), end), ZSTD_LEVEL));
        }
        int headerLength = FIXED_HEADER_BYTES + BLOCK_ENTRY_BYTES * blocks.size();
        List<byte[]> variable = headers.stream().map(VariableHeader::encoded).toList();
        int dataOffset = roundUpTo4(headerLength + variable.stream().mapToInt(v -> v.length).sum());
        if (dataOffset > 0xFFFF) {
            throw new IllegalArgumentException("the variable headers do not fit the header (" + dataOffset + " bytes)");
        }
        long dataBytes = compression == FseqCompression.NONE ? (long) frames.count() * frames.channels()
                : blocks.stream().mapToLong(b -> b.length).sum();
        if (dataOffset + dataBytes > Integer.MAX_VALUE - 16) {
            throw new IOException("the export would be " + (dataOffset + dataBytes) + " bytes, over the 2 GiB one "
                    + "export can hold; use zstd or a longer step");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (dataOffset + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        out.put("PSEQ".getBytes(StandardCharsets.US_ASCII));
        out.putShort((short) dataOffset);
        out.put((byte) MINOR_VERSION).put((byte) MAJOR_VERSION);
        out.putShort((short) headerLength);
        out.putInt(frames.channels());
        out.putInt(frames.count());
        out.put((byte) stepMs);
        out.put((byte) 0);
        out.put((byte) compression.code());
        out.put((byte) blocks.size());
        out.put((byte) 0); // no sparse ranges
        out.put((byte) 0);
        out.putLong(uniqueId);
        for (int b = 0; b < blocks.size(); b++) {
            out.putInt(starts.get(b)).putInt(blocks.get(b).length);
        }
        variable.forEach(out::put);
        out.position(dataOffset);
        if (compression == FseqCompression.NONE) {
            for (int n = 0; n < frames.count(); n++) {
                out.put(frames.source(), frames.offset(n), frames.channels());
            }
        } else {
            blocks.forEach(out::put);
        }
        return new Encoded(out.array(), dataOffset, frames.channels(), frames.count(), blocks.size());
    }

    private static byte[] copy(Frames frames, int from, int to) {
        int channels = frames.channels();
        byte[] block = new byte[(to - from) * channels];
        for (int n = from; n < to; n++) {
            System.arraycopy(frames.source(), frames.offset(n), block, (n - from) * channels, channels);
        }
        return block;
    }

    private static int roundUpTo4(int n) {
        return (n + 3) & ~3;
    }
}
