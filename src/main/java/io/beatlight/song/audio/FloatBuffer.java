package io.beatlight.song.audio;

import java.util.Arrays;

/** A growable float array, sized up front when the length is known so that no copy is ever made. */
final class FloatBuffer {
    private float[] data;
    private int length;

    FloatBuffer(long expected, int fallback) {
        data = new float[(int) Math.min(Integer.MAX_VALUE - 8, expected >= 0 ? expected : fallback)];
    }

    void add(float value) {
        if (length == data.length) {
            data = Arrays.copyOf(data, Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8, data.length * 3L / 2)));
        }
        data[length++] = value;
    }

    void add(float[] values, int count) {
        if (length + count > data.length) {
            long grown = Math.max(length + (long) count, data.length * 3L / 2);
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, grown));
        }
        System.arraycopy(values, 0, data, length, count);
        length += count;
    }

    int length() {
        return length;
    }

    /** The samples; the same array when it was sized exactly. */
    float[] toArray() {
        return length == data.length ? data : Arrays.copyOf(data, length);
    }
}
