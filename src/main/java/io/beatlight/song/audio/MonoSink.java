package io.beatlight.song.audio;

/** Receives a decoded song as mono samples in [-1, 1] at the file's own sample rate, in order. */
public interface MonoSink {
    /**
     * Called once before any sample: the file's sample rate and how many samples will follow when the header tells
     * ({@code -1} when it does not).
     */
    void begin(int sampleRate, long expectedSamples);

    /** The next {@code count} samples; the array is reused by the caller after the call returns. */
    void accept(float[] samples, int count);
}
