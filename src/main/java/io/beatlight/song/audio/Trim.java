package io.beatlight.song.audio;

/** Drops the first {@code skip} samples and passes on at most {@code limit} (all when negative). */
final class Trim implements MonoSink {
    private final MonoSink target;
    private long skip;
    private long remaining;

    Trim(MonoSink target, long skip, long limit) {
        this.target = target;
        this.skip = Math.max(0, skip);
        this.remaining = limit < 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public void begin(int sampleRate, long expectedSamples) {
        long expected = remaining == Long.MAX_VALUE ? (expectedSamples < 0 ? -1 : Math.max(0, expectedSamples - skip))
                : remaining;
        target.begin(sampleRate, expected);
    }

    @Override
    public void accept(float[] samples, int count) {
        int from = (int) Math.min(skip, count);
        skip -= from;
        int n = (int) Math.min(count - from, remaining);
        if (n <= 0) {
            return;
        }
        remaining -= n;
        if (from == 0) {
            target.accept(samples, n);
        } else {
            float[] rest = new float[n];
            System.arraycopy(samples, from, rest, 0, n);
            target.accept(rest, n);
        }
    }
}
