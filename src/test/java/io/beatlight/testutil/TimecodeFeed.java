package io.beatlight.testutil;

import io.beatlight.output.ArtTimeCodePacket;
import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Generates Art-Net OpTimeCode on loopback as a timecode master does: one packet at the start of each frame, running
 * from a start address at the rate's real speed; it can jump, stop, and send raw (malformed) packets.
 */
public final class TimecodeFeed implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final FrameRate rate;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean sending;
    private volatile long baseFrame;
    private volatile long baseNanos;
    private volatile long firstSentNanos;
    private volatile int every = 1;

    public TimecodeFeed(int port, FrameRate rate) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.target = new InetSocketAddress("127.0.0.1", port);
        this.rate = rate;
        this.thread = new Thread(this::run, "timecode-feed");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public FrameRate rate() {
        return rate;
    }

    /** Runs from {@code from}, sending it now. */
    public synchronized void start(Timecode from) {
        baseFrame = from.frameNumber();
        baseNanos = System.nanoTime();
        sending = true;
        LockSupport.unpark(thread);
    }

    /** Jumps to {@code to} and runs on from there. */
    public void jumpTo(Timecode to) {
        start(to);
    }

    /** Sends only every {@code n}-th frame (as MIDI Time Code completes an address every second frame). */
    public void sendEvery(int n) {
        every = n;
    }

    /** Stops sending (the master stopped). */
    public void stop() {
        sending = false;
    }

    /** The timecode position in real seconds the feed shows at {@code nanos} (not quantised to frames). */
    public double secondsAt(long nanos) {
        return baseFrame / rate.actualFps() + (nanos - baseNanos) / 1e9;
    }

    public long framesSent() {
        return sent.get();
    }

    /** When the first packet went out (0 before). */
    public long firstSentNanos() {
        return firstSentNanos;
    }

    public void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, target));
    }

    private void run() {
        long last = Long.MIN_VALUE;
        long lastBase = Long.MIN_VALUE;
        while (running) {
            if (!sending) {
                last = Long.MIN_VALUE;
                LockSupport.parkNanos(2_000_000L);
                continue;
            }
            long base = baseNanos;
            long now = System.nanoTime();
            double elapsedFrames = (now - base) / 1e9 * rate.actualFps();
            long frame = baseFrame + (long) Math.floor(elapsedFrames);
            if ((frame != last || base != lastBase) && Math.floorMod(frame, every) == 0) {
                try {
                    sendRaw(ArtTimeCodePacket.encode(Timecode.ofFrameNumber(frame, rate)));
                    if (firstSentNanos == 0) {
                        firstSentNanos = now;
                    }
                    sent.incrementAndGet();
                } catch (IOException e) {
                    // loopback: keep going
                }
                last = frame;
                lastBase = base;
            }
            double untilNext = (Math.floor(elapsedFrames) + 1 - elapsedFrames) / rate.actualFps();
            LockSupport.parkNanos(Math.max(100_000L, (long) (untilNext * 1e9)));
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
