package io.beatlight.song.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the start of an MP3 file says about its timing: the first frame's format and, when that frame is a
 * Xing/Info (LAME) or VBRI tag rather than audio, the tag frame's extent, the number of audio frames, and — from
 * the LAME extension — the encoder delay and end padding (12 bits each) that gapless players trim.
 *
 * @param tagEnd     the byte offset of the first audio frame when the first frame is a tag, else -1
 * @param frames     the number of audio frames the tag counts, or 0 when it does not tell
 * @param lame       whether a LAME extension (written by LAME and by FFmpeg) gives delay and padding
 */
record Mp3InfoTag(Mp3FrameHeader first, long tagEnd, long frames, boolean lame, int encoderDelay, int padding) {
    private static final int HEAD_BYTES = 1 << 17;

    /** The tag of the file's first frame; null when no MPEG audio frame is found near the start. */
    static Mp3InfoTag read(Path file) throws IOException {
        byte[] head;
        long skipped;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            skipped = skipId3v2(in);
            head = in.readNBytes(HEAD_BYTES);
        } catch (EOFException e) {
            return null; // a tag that claims more bytes than the file has
        }
        int at = firstFrame(head);
        if (at < 0) {
            return null;
        }
        Mp3FrameHeader first = Mp3FrameHeader.parse(head, at);
        long frameStart = skipped + at;
        long tagEnd = frameStart + first.frameBytes();
        if (first.layer() == 3) {
            int xing = at + first.xingOffset();
            String id = ascii(head, xing, 4);
            if (id.equals("Xing") || id.equals("Info")) {
                return xing(head, xing, first, tagEnd);
            }
            if (ascii(head, at + 36, 4).equals("VBRI")) {
                return new Mp3InfoTag(first, tagEnd, u32(head, at + 36 + 14), false, 0, 0);
            }
        }
        return new Mp3InfoTag(first, -1, 0, false, 0, 0);
    }

    private static Mp3InfoTag xing(byte[] b, int at, Mp3FrameHeader first, long tagEnd) {
        int flags = (int) u32(b, at + 4);
        int p = at + 8;
        long frames = 0;
        if ((flags & 1) != 0) {
            frames = u32(b, p);
            p += 4;
        }
        if ((flags & 2) != 0) {
            p += 4; // byte count
        }
        if ((flags & 4) != 0) {
            p += 100; // seek table
        }
        if ((flags & 8) != 0) {
            p += 4; // quality
        }
        // the LAME extension: 9-byte encoder name, then (after 12 bytes of gain and flags) 24 bits of delay|padding;
        // FFmpeg honours it for encoders named LAME, Lavf and Lavc, and so does this reader
        String encoder = ascii(b, p, 4);
        if ((encoder.equals("LAME") || encoder.equals("Lavf") || encoder.equals("Lavc")) && p + 24 <= b.length) {
            int v = ((b[p + 21] & 0xFF) << 16) | ((b[p + 22] & 0xFF) << 8) | (b[p + 23] & 0xFF);
            return new Mp3InfoTag(first, tagEnd, frames, true, v >> 12, v & 0xFFF);
        }
        return new Mp3InfoTag(first, tagEnd, frames, false, 0, 0);
    }

    /** The first offset holding a frame header followed by another one right after the frame (two in a row). */
    private static int firstFrame(byte[] b) {
        for (int i = 0; i + 4 <= b.length; i++) {
            Mp3FrameHeader h = Mp3FrameHeader.parse(b, i);
            if (h == null) {
                continue;
            }
            int next = i + h.frameBytes();
            if (next + 4 > b.length) {
                return i; // a file of one frame
            }
            Mp3FrameHeader second = Mp3FrameHeader.parse(b, next);
            if (second != null && second.sampleRate() == h.sampleRate() && second.layer() == h.layer()) {
                return i;
            }
        }
        return -1;
    }

    /** Skips ID3v2 tags (there may be several) and returns how many bytes were skipped. */
    static long skipId3v2(InputStream in) throws IOException {
        long skipped = 0;
        while (true) {
            in.mark(10);
            byte[] h = in.readNBytes(10);
            if (h.length < 10 || h[0] != 'I' || h[1] != 'D' || h[2] != '3') {
                in.reset();
                return skipped;
            }
            long size = ((h[6] & 0x7F) << 21) | ((h[7] & 0x7F) << 14) | ((h[8] & 0x7F) << 7) | (h[9] & 0x7F);
            if ((h[5] & 0x10) != 0) {
                size += 10; // footer
            }
            in.skipNBytes(size);
            skipped += 10 + size;
        }
    }

    private static String ascii(byte[] b, int at, int n) {
        return at >= 0 && at + n <= b.length ? new String(b, at, n, StandardCharsets.ISO_8859_1) : "";
    }

    private static long u32(byte[] b, int at) {
        if (at + 4 > b.length) {
            return 0;
        }
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
