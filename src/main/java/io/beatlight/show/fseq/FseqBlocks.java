package io.beatlight.show.fseq;

import java.util.ArrayList;
import java.util.List;

/**
 * How a compressed export is cut into blocks, as Falcon Player writes them: a small first block so a player starts
 * at once, then blocks of about 64 KiB of channel data, at most 255 of them (the count must fit the FSEQ 2.0 header),
 * so a player seeks by decompressing one block, not the file.
 */
public final class FseqBlocks {
    /** Frames in the first block. */
    public static final int FIRST_BLOCK_FRAMES = 10;
    /** Uncompressed channel data aimed at per block. */
    public static final int TARGET_BLOCK_BYTES = 64 * 1024;
    /** Most blocks an FSEQ 2.0 header can list (one byte; 2.1's extra four bits are not used). */
    public static final int MAX_BLOCKS = 255;

    private FseqBlocks() {
    }

    /** The first frame of each block, ascending, starting at 0. */
    public static List<Integer> starts(int frames, int channelCount) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        if (frames <= FIRST_BLOCK_FRAMES) {
            return starts;
        }
        int rest = frames - FIRST_BLOCK_FRAMES;
        int perBlock = Math.max(2, ceilDiv(TARGET_BLOCK_BYTES, Math.max(1, channelCount)));
        perBlock = Math.max(perBlock, ceilDiv(rest, MAX_BLOCKS - 1));
        for (int start = FIRST_BLOCK_FRAMES; start < frames; start += perBlock) {
            starts.add(start);
        }
        return starts;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
