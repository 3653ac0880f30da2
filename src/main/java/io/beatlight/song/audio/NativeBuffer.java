package io.beatlight.song.audio;

/** Keeps the decoded mono samples at the file's own rate (for timebase checks and tools). */
public final class NativeBuffer implements MonoSink {
    private FloatBuffer samples;
    private int sampleRate;

    @Override
    public void begin(int rate, long expectedSamples) {
        this.sampleRate = rate;
        samples = new FloatBuffer(expectedSamples, rate * 60);
    }

    @Override
    public void accept(float[] chunk, int count) {
        samples.add(chunk, count);
    }

    public float[] samples() {
        return samples == null ? new float[0] : samples.toArray();
    }

    public int sampleRate() {
        return sampleRate;
    }
}
