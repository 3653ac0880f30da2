package io.beatlight.timecode;

import javax.sound.sampled.AudioFormat;

/** Turns interleaved PCM bytes (signed or unsigned integers of 8 to 32 bits, or 32-bit floats) into one channel. */
final class PcmSamples {
    private final int bytesPerSample;
    private final int frameSize;
    private final int channel;
    private final boolean bigEndian;
    private final boolean unsigned;
    private final boolean floating;

    PcmSamples(AudioFormat format, int channel) {
        AudioFormat.Encoding encoding = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        boolean integer = encoding.equals(AudioFormat.Encoding.PCM_SIGNED)
                || encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        boolean isFloat = encoding.equals(AudioFormat.Encoding.PCM_FLOAT) && bits == 32;
        if (!(integer && bits % 8 == 0 && bits >= 8 && bits <= 32) && !isFloat) {
            throw new IllegalArgumentException("LTC needs linear PCM audio, not " + format);
        }
        if (channel < 0 || channel >= format.getChannels()) {
            throw new IllegalArgumentException("no channel " + (channel + 1) + " in " + format);
        }
        this.bytesPerSample = bits / 8;
        this.frameSize = format.getFrameSize();
        this.channel = channel;
        this.bigEndian = format.isBigEndian();
        this.unsigned = encoding.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        this.floating = isFloat;
    }

    int frameSize() {
        return frameSize;
    }

    /** Converts the whole frames in {@code bytes[0, length)}; returns how many samples it wrote to {@code out}. */
    int convert(byte[] bytes, int length, float[] out) {
        int count = length / frameSize;
        for (int i = 0; i < count; i++) {
            out[i] = sample(bytes, i * frameSize + channel * bytesPerSample);
        }
        return count;
    }

    private float sample(byte[] b, int at) {
        long raw = 0;
        for (int i = 0; i < bytesPerSample; i++) {
            int index = bigEndian ? at + i : at + bytesPerSample - 1 - i;
            raw = (raw << 8) | (b[index] & 0xFF);
        }
        if (floating) {
            return Float.intBitsToFloat((int) raw);
        }
        int bits = bytesPerSample * 8;
        long full = 1L << bits;
        long value = unsigned ? raw - full / 2 : (raw >= full / 2 ? raw - full : raw);
        return (float) (value / (double) (full / 2));
    }
}
