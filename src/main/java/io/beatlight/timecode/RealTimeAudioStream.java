package io.beatlight.timecode;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Releases PCM bytes no faster than real time, as a capture line does: a read waits until its last frame is due,
 * and {@link #available()} tells the bytes due but not read yet. Time starts at the first read.
 */
public final class RealTimeAudioStream extends InputStream {
    private final InputStream in;
    private final int frameSize;
    private final double framesPerNano;
    private long startNanos = -1;
    private long framesRead;
    private boolean ended;

    public RealTimeAudioStream(InputStream in, int frameSize, double frameRate) {
        if (frameSize <= 0 || !(frameRate > 0)) {
            throw new IllegalArgumentException("frame size and rate must be positive");
        }
        this.in = in;
        this.frameSize = frameSize;
        this.framesPerNano = frameRate / 1e9;
    }

    /** {@code System.nanoTime()} of the first read: when the first sample was "captured" (-1 before). */
    public synchronized long startNanos() {
        return startNanos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long frames = Math.max(1, len / frameSize);
        long start;
        synchronized (this) {
            if (startNanos < 0) {
                startNanos = System.nanoTime();
            }
            start = startNanos;
        }
        long dueAt = start + (long) Math.ceil((framesRead + frames) / framesPerNano);
        for (long wait = dueAt - System.nanoTime(); wait > 0; wait = dueAt - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        int want = (int) Math.min(len, frames * frameSize);
        int got = in.readNBytes(b, off, want);
        if (got == 0 && want > 0) {
            ended = true;
            return -1;
        }
        synchronized (this) {
            framesRead += got / frameSize;
        }
        return got;
    }

    @Override
    public synchronized int available() throws IOException {
        if (ended || startNanos < 0) {
            return 0;
        }
        long due = (long) ((System.nanoTime() - startNanos) * framesPerNano) - framesRead;
        return (int) Math.max(0, Math.min(Math.min(due * frameSize, in.available()), Integer.MAX_VALUE));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
