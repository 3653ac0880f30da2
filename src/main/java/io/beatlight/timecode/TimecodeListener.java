package io.beatlight.timecode;

/** Receives the timecode a source decoded, with the local {@code System.nanoTime()} at which it was current. */
@FunctionalInterface
public interface TimecodeListener {
    void timecode(Timecode timecode, long atNanos);
}
