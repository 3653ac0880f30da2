package io.beatlight.song.audio;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the sizes a FLAC file's metadata blocks declare before jFLAC reads them: jFLAC allocates whatever a
 * Vorbis comment or picture block claims (up to 4 GB from a few bytes), so a corrupt or hostile header would exhaust
 * the heap instead of failing. Every block must fit in the file, and every length inside a Vorbis comment or picture
 * block must fit in its block.
 */
final class FlacMetadataCheck {
    private static final int STREAMINFO = 0;
    private static final int VORBIS_COMMENT = 4;
    private static final int PICTURE = 6;

    private FlacMetadataCheck() {
    }

    static void check(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 12);
             DataInputStream in = new DataInputStream(buffered)) {
            long position = Mp3InfoTag.skipId3v2(buffered) + 4;
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'f' || magic[1] != 'L' || magic[2] != 'a' || magic[3] != 'C') {
                throw new IOException("the FLAC stream marker is missing");
            }
            boolean last = false;
            for (int index = 0; !last; index++) {
                int header = in.readUnsignedByte();
                last = (header & 0x80) != 0;
                int type = header & 0x7F;
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                position += 4;
                long left = size - position;
                if (length > left) {
                    throw new IOException("FLAC metadata block " + index + " claims " + length + " bytes, but only "
                            + left + " are left in the file");
                }
                if (index == 0 && type != STREAMINFO) {
                    throw new IOException("the FLAC stream header (STREAMINFO) is missing");
                }
                if (type == VORBIS_COMMENT || type == PICTURE) {
                    ByteBuffer block = ByteBuffer.wrap(in.readNBytes(length));
                    if (type == VORBIS_COMMENT) {
                        checkVorbisComment(block.order(ByteOrder.LITTLE_ENDIAN), index);
                    } else {
                        checkPicture(block, index);
                    }
                } else {
                    in.skipNBytes(length);
                }
                position += length;
            }
        } catch (EOFException e) {
            throw new IOException("the FLAC metadata is cut off", e);
        }
    }

    private static void checkVorbisComment(ByteBuffer block, int index) throws IOException {
        skipSized(block, index, "vendor string");
        long comments = unsigned(block, index, "comment count");
        // each comment takes at least its 4-byte length
        if (comments > block.remaining() / 4) {
            throw tooLarge(index, "comment count", comments, block.remaining());
        }
        for (long i = 0; i < comments; i++) {
            skipSized(block, index, "comment " + i);
        }
    }

    private static void checkPicture(ByteBuffer block, int index) throws IOException {
        unsigned(block, index, "picture type");
        skipSized(block, index, "MIME type");
        skipSized(block, index, "description");
        for (String field : new String[] {"width", "height", "depth", "colours"}) {
            unsigned(block, index, field);
        }
        skipSized(block, index, "picture data");
    }

    /** Reads a 32-bit length and skips that many bytes, which must be in the block. */
    private static void skipSized(ByteBuffer block, int index, String what) throws IOException {
        long length = unsigned(block, index, what + " length");
        if (length > block.remaining()) {
            throw tooLarge(index, what, length, block.remaining());
        }
        block.position(block.position() + (int) length);
    }

    private static long unsigned(ByteBuffer block, int index, String what) throws IOException {
        if (block.remaining() < 4) {
            throw new IOException("FLAC metadata block " + index + " ends before its " + what);
        }
        return block.getInt() & 0xFFFF_FFFFL;
    }

    private static IOException tooLarge(int index, String what, long claimed, int left) {
        return new IOException("FLAC metadata block " + index + ": the " + what + " claims " + claimed
                + " but only " + left + " bytes are left in the block");
    }
}
