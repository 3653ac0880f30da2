package io.beatlight.song.audio;

/** The 4-byte header of an MPEG audio frame: what it takes to find the frame's length and its Xing/VBRI tag. */
record Mp3FrameHeader(int version, int layer, int bitrateKbps, int sampleRate, boolean padded, boolean mono) {
    /** MPEG version codes as in the header: 0 = 2.5, 2 = 2, 3 = 1. */
    static final int MPEG1 = 3;

    private static final int[][] BITRATES = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG-2/2.5 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG-2/2.5 layers II, III
    };
    private static final int[] RATES = {44100, 48000, 32000};

    /** The header at {@code at}, or null when those bytes are not a valid frame header. */
    static Mp3FrameHeader parse(byte[] b, int at) {
        if (at + 4 > b.length || (b[at] & 0xFF) != 0xFF || (b[at + 1] & 0xE0) != 0xE0) {
            return null;
        }
        int version = (b[at + 1] >> 3) & 3;
        int layer = 4 - ((b[at + 1] >> 1) & 3);
        int bitrateIndex = (b[at + 2] >> 4) & 15;
        int rateIndex = (b[at + 2] >> 2) & 3;
        if (version == 1 || layer == 4 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
            return null; // reserved version or layer, free format or bad bitrate, reserved rate
        }
        int table = version == MPEG1 ? layer - 1 : (layer == 1 ? 3 : 4);
        int rate = RATES[rateIndex] >> (version == MPEG1 ? 0 : version == 2 ? 1 : 2);
        boolean padded = ((b[at + 2] >> 1) & 1) == 1;
        boolean mono = ((b[at + 3] >> 6) & 3) == 3;
        return new Mp3FrameHeader(version, layer, BITRATES[table][bitrateIndex], rate, padded, mono);
    }

    int samplesPerFrame() {
        return layer == 1 ? 384 : layer == 2 || version == MPEG1 ? 1152 : 576;
    }

    int frameBytes() {
        if (layer == 1) {
            return (12 * bitrateKbps * 1000 / sampleRate + (padded ? 1 : 0)) * 4;
        }
        int perFrame = samplesPerFrame() / 8; // 144 or 72 bytes per kbit/s per Hz
        return perFrame * bitrateKbps * 1000 / sampleRate + (padded ? 1 : 0);
    }

    /** Where a Xing/Info tag starts in a layer III frame: after the header and the side information. */
    int xingOffset() {
        return 4 + (version == MPEG1 ? (mono ? 17 : 32) : (mono ? 9 : 17));
    }
}
