package io.beatlight.output;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.playback.FrameSource;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Art-Net output loop: a dedicated thread that sends, every frame, one ArtDmx per used universe to every
 * target (unicast), optionally followed by ArtSync. Frames leave on a deadline grid ({@code start + n·period});
 * when late, the newest frame goes out at once and the grid is kept. The frame comes from a volatile
 * {@link FrameSource}, so the loop never waits for the show engine; errors are logged (rate-limited) and never
 * stop it.
 */
public final class ArtNetOutput implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetOutput.class);
    /**
     * Park until this close to the deadline, then spin. On virtual machines parkNanos wakes up to half a millisecond
     * late; spinning the last millisecond of each 16.7 ms frame costs about 6 % of one core and keeps the p99 error
     * of the send time in tens of microseconds.
     */
    private static final long SPIN_NANOS = Long.getLong("beatlight.output.spinNanos", 1_000_000);
    private static final int BLACKOUT_REPEATS = 3;
    private static final int REALTIME_PRIORITY = 40;

    private final List<InetSocketAddress> targets;
    private final int fps;
    private final long periodNanos;
    private final boolean artSync;
    private final DatagramSocket socket;
    private final DatagramPacket datagram = new DatagramPacket(new byte[0], 0);
    private final byte[] syncPacket = ArtSyncPacket.encode();
    /** Every Port-Address ever sent keeps its packet, so sequence numbers continue across layout changes. */
    private final Map<Integer, ArtDmxPacket> packets = new HashMap<>();
    private UniverseLayout packetLayout;
    private ArtDmxPacket[] packetsInLayout;
    /**
     * Universes that left the layout (their last fixture was unpatched) and how many all-zero frames each still
     * gets: a node would otherwise hold the last look of a universe nobody sends any more.
     */
    private final Map<Integer, Integer> retiring = new HashMap<>();
    private final RateLimitedLog sendErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final RateLimitedLog sourceErrors = new RateLimitedLog(LOG, 5, TimeUnit.SECONDS);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean shutDown = new AtomicBoolean();
    private volatile FrameSource source;
    private volatile boolean realtime;
    private volatile Thread thread;
    private DmxFrame lastFrame;

    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong packetsSent = new AtomicLong();
    private final AtomicLong lateFrames = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String lastError;
    private volatile long firstFrameNanos;
    /** Send time minus deadline of the last 60 s of frames, in microseconds (a ring; written by the loop only). */
    private final int[] lateness;
    private volatile long latenessCount;

    public ArtNetOutput(List<InetSocketAddress> targets, int fps, boolean artSync, FrameSource initial)
            throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no Art-Net target");
        }
        if (fps < 1 || fps > 1000) {
            throw new IllegalArgumentException("fps out of range: " + fps);
        }
        this.targets = List.copyOf(targets);
        this.fps = fps;
        this.periodNanos = 1_000_000_000L / fps;
        this.artSync = artSync;
        this.lateness = new int[fps * 60];
        this.source = initial;
        this.lastFrame = DmxFrame.blackout(UniverseLayout.single());
        this.socket = new DatagramSocket();
    }

    /** What the output shows from now on. Safe from any thread; takes effect at the next frame. */
    public void setSource(FrameSource source) {
        this.source = source;
    }

    /** Asks for real-time scheduling of the output thread when it starts (best effort, Linux). */
    public ArtNetOutput withRealtimeScheduling(boolean enabled) {
        this.realtime = enabled;
        return this;
    }

    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::run, "artnet-output");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
        LOG.info("Art-Net output at {} FPS to {}{}", fps, targets, artSync ? " with ArtSync" : "");
    }

    private void run() {
        if (realtime) {
            RealtimeScheduling.elevateCurrentThread(REALTIME_PRIORITY);
        }
        long start = System.nanoTime();
        long n = 0;
        while (running.get()) {
            long deadline = start + n * periodNanos;
            waitUntil(deadline);
            if (!running.get()) {
                break;
            }
            long now = System.nanoTime();
            try {
                sendFrame(frameAt(now));
            } catch (RuntimeException e) {
                // nothing may stop the lights: log, count, and keep the clock running
                errors.incrementAndGet();
                lastError = "frame: " + e;
                sendErrors.warn("Sending a frame failed", e);
            }
            lateness[(int) (latenessCount % lateness.length)] = (int) Math.min(Integer.MAX_VALUE, (now - deadline) / 1000);
            latenessCount++;
            n++;
            long behind = now - (start + n * periodNanos);
            if (behind >= 0) {
                // a whole period or more was lost (GC, suspended VM): skip the missed deadlines, keep the grid
                long skipped = behind / periodNanos + 1;
                lateFrames.addAndGet(skipped);
                n += skipped;
            }
        }
    }

    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    private DmxFrame frameAt(long now) {
        try {
            DmxFrame frame = source.frameAt(now);
            if (frame != null) {
                lastFrame = frame;
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError = "frame source: " + e;
            sourceErrors.warn("Frame source failed; resending the last good frame", e);
        }
        return lastFrame;
    }

    private void sendFrame(DmxFrame frame) {
        UniverseLayout layout = frame.layout();
        if (layout != packetLayout) {
            // resolved once per layout, not per frame: the loop allocates nothing while the layout stays
            retireUniversesLeaving(layout);
            packetsInLayout = new ArtDmxPacket[layout.count()];
            for (int i = 0; i < layout.count(); i++) {
                packetsInLayout[i] = packets.computeIfAbsent(layout.universeAt(i), ArtDmxPacket::new);
            }
            packetLayout = layout;
        }
        for (int i = 0; i < layout.count(); i++) {
            ArtDmxPacket packet = packetsInLayout[i];
            frame.copyUniverse(i, packet.bytes(), packet.dataOffset());
            packet.nextSequence();
            sendToAll(packet.bytes(), packet.length());
        }
        if (!retiring.isEmpty()) {
            sendRetiringBlackouts();
        }
        if (artSync) {
            sendToAll(syncPacket, syncPacket.length);
        }
        if (framesSent.getAndIncrement() == 0) {
            firstFrameNanos = System.nanoTime();
        }
    }

    private void retireUniversesLeaving(UniverseLayout next) {
        if (packetLayout == null) {
            return;
        }
        for (int i = 0; i < packetLayout.count(); i++) {
            int universe = packetLayout.universeAt(i);
            if (next.indexOf(universe) < 0) {
                retiring.put(universe, BLACKOUT_REPEATS);
            }
        }
        for (int i = 0; i < next.count(); i++) {
            retiring.remove(next.universeAt(i));
        }
    }

    private void sendRetiringBlackouts() {
        var it = retiring.entrySet().iterator();
        while (it.hasNext()) {
            var entry = it.next();
            ArtDmxPacket packet = packets.get(entry.getKey());
            Arrays.fill(packet.bytes(), packet.dataOffset(), packet.dataOffset() + ArtDmxPacket.SLOTS, (byte) 0);
            packet.nextSequence();
            sendToAll(packet.bytes(), packet.length());
            if (entry.getValue() <= 1) {
                it.remove();
            } else {
                entry.setValue(entry.getValue() - 1);
            }
        }
    }

    private void sendToAll(byte[] bytes, int length) {
        for (InetSocketAddress target : targets) {
            try {
                datagram.setData(bytes, 0, length);
                datagram.setSocketAddress(target);
                socket.send(datagram);
                packetsSent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                lastError = target + ": " + e;
                sendErrors.warn("Art-Net send to " + target + " failed", e);
            }
        }
    }

    /**
     * Stops the loop, then sends an all-zero frame for every universe of the last frame's layout, a few times a
     * frame apart (sequence numbers continue), and closes the socket. Idempotent; safe from a shutdown hook.
     */
    public void shutdownWithBlackout() {
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        running.set(false);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        DmxFrame blackout = DmxFrame.blackout(lastFrame.layout());
        for (int i = 0; i < BLACKOUT_REPEATS; i++) {
            sendFrame(blackout);
            if (i + 1 < BLACKOUT_REPEATS) {
                LockSupport.parkNanos(periodNanos);
            }
        }
        socket.close();
        LOG.info("Art-Net output stopped after a blackout");
    }

    @Override
    public void close() {
        shutdownWithBlackout();
    }

    /** Counters for /healthz and benchmarks. */
    public record Stats(int fps, List<String> targets, long framesSent, long packetsSent, long lateFrames,
                        long errors, String lastError) {
    }

    public Stats stats() {
        return new Stats(fps, targets.stream().map(t -> t.getHostString() + ":" + t.getPort()).toList(),
                framesSent.get(), packetsSent.get(), lateFrames.get(), errors.get(), lastError);
    }

    /** Percentiles of send time minus deadline over the most recent frames. */
    public record Lateness(int frames, double p50Ms, double p99Ms, double maxMs) {
    }

    public Lateness lateness() {
        int count = (int) Math.min(latenessCount, lateness.length);
        int[] copy = Arrays.copyOf(lateness, count);
        Arrays.sort(copy);
        if (count == 0) {
            return new Lateness(0, 0, 0, 0);
        }
        return new Lateness(count, copy[count / 2] / 1000.0, copy[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)]
                / 1000.0, copy[count - 1] / 1000.0);
    }

    /** When the first frame left, or 0 before that. */
    public long firstFrameNanos() {
        return firstFrameNanos;
    }

    public int fps() {
        return fps;
    }
}
