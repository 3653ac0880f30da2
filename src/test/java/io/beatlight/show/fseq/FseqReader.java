package io.beatlight.show.fseq;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An FSEQ version 2 reader written from Falcon Player's format description (docs/FSEQ_Sequence_File_Format.txt in the
 * fpp repository), independently of {@link FseqWriter}: the fixed 32-byte header, the compression block index, the
 * sparse ranges, the variable headers, then the channel data, uncompressed, zstd or zlib blocks. Test code only.
 */
public final class FseqReader {
    public record Block(long firstFrame, long length) {
    }

    public record SparseRange(int startChannel, int channelCount) {
    }

    public final String magic;
    public final int dataOffset;
    public final int minorVersion;
    public final int majorVersion;
    public final int headerLength;
    public final long channelCount;
    public final long frameCount;
    public final int stepMs;
    public final int flags;
    public final int compressionType;
    public final int blockCount;
    public final int sparseRangeCount;
    public final int flags2;
    public final long uniqueId;
    public final List<Block> blocks = new ArrayList<>();
    public final List<SparseRange> sparseRanges = new ArrayList<>();
    /** Variable headers by their two-character code, the text without its terminating NUL. */
    public final Map<String, String> variableHeaders = new LinkedHashMap<>();
    /** Every frame's channels, one after another, decompressed. */
    private final byte[] channelData;

    private FseqReader(byte[] file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        magic = new String(file, 0, 4, StandardCharsets.US_ASCII);
        dataOffset = Short.toUnsignedInt(in.getShort(4));
        minorVersion = Byte.toUnsignedInt(in.get(6));
        majorVersion = Byte.toUnsignedInt(in.get(7));
        headerLength = Short.toUnsignedInt(in.getShort(8));
        channelCount = Integer.toUnsignedLong(in.getInt(10));
        frameCount = Integer.toUnsignedLong(in.getInt(14));
        stepMs = Byte.toUnsignedInt(in.get(18));
        flags = Byte.toUnsignedInt(in.get(19));
        int byte20 = Byte.toUnsignedInt(in.get(20));
        compressionType = byte20 & 0x0F;
        // bits 4-7 of byte 20 are bits 8-11 of the block count (FSEQ 2.1), byte 21 bits 0-7
        blockCount = ((byte20 & 0xF0) << 4) | Byte.toUnsignedInt(in.get(21));
        sparseRangeCount = Byte.toUnsignedInt(in.get(22));
        flags2 = Byte.toUnsignedInt(in.get(23));
        uniqueId = in.getLong(24);
        int pos = 32;
        for (int i = 0; i < blockCount; i++, pos += 8) {
            blocks.add(new Block(Integer.toUnsignedLong(in.getInt(pos)), Integer.toUnsignedLong(in.getInt(pos + 4))));
        }
        for (int i = 0; i < sparseRangeCount; i++, pos += 6) {
            sparseRanges.add(new SparseRange(u24(file, pos), u24(file, pos + 3)));
        }
        if (pos != headerLength) {
            throw new IOException("header length " + headerLength + " but the tables end at " + pos);
        }
        while (pos + 4 <= dataOffset) {
            int length = Short.toUnsignedInt(in.getShort(pos));
            if (length < 4) {
                break; // padding up to the data offset
            }
            String code = new String(file, pos + 2, 2, StandardCharsets.US_ASCII);
            byte[] value = Arrays.copyOfRange(file, pos + 4, pos + length);
            int end = value.length;
            while (end > 0 && value[end - 1] == 0) {
                end--;
            }
            variableHeaders.put(code, new String(value, 0, end, StandardCharsets.UTF_8));
            pos += length;
        }
        channelData = channelData(file);
    }

    public static FseqReader read(byte[] file) throws IOException {
        if (file.length < 32) {
            throw new IOException("shorter than the fixed header");
        }
        return new FseqReader(file);
    }

    private byte[] channelData(byte[] file) throws IOException {
        long total = channelCount * frameCount;
        if (compressionType == 0) {
            if (dataOffset + total > file.length) {
                throw new IOException("the channel data is cut short");
            }
            return Arrays.copyOfRange(file, dataOffset, (int) (dataOffset + total));
        }
        byte[] out = new byte[(int) total];
        long offset = dataOffset;
        List<Block> used = blocks.stream().filter(b -> b.length() > 0).toList();
        for (int i = 0; i < used.size(); i++) {
            Block block = used.get(i);
            long nextFrame = i + 1 < used.size() ? used.get(i + 1).firstFrame() : frameCount;
            int expected = (int) ((nextFrame - block.firstFrame()) * channelCount);
            byte[] compressed = Arrays.copyOfRange(file, (int) offset, (int) (offset + block.length()));
            byte[] frames = compressionType == 1 ? Zstd.decompress(compressed, expected)
                    : inflate(compressed, expected);
            if (frames.length != expected) {
                throw new IOException("block " + i + " holds " + frames.length + " bytes, expected " + expected);
            }
            System.arraycopy(frames, 0, out, (int) (block.firstFrame() * channelCount), expected);
            offset += block.length();
        }
        if (offset != file.length) {
            throw new IOException("the blocks end at " + offset + ", the file at " + file.length);
        }
        return out;
    }

    private static byte[] inflate(byte[] compressed, int expected) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[expected];
            int n = inflater.inflate(out);
            return n == expected ? out : Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }

    /** The channels of frame {@code n}. */
    public byte[] frame(int n) {
        int size = (int) channelCount;
        return Arrays.copyOfRange(channelData, n * size, (n + 1) * size);
    }

    /** Value of a 1-based channel of frame {@code n}. */
    public int channel(int n, int channel) {
        return channelData[(int) (n * channelCount + channel - 1)] & 0xFF;
    }
}
