package io.beatlight.output;

import io.beatlight.playback.FrameSource;
import io.beatlight.playback.PlaybackSource;
import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.Timecode;
import io.beatlight.timecode.TimecodeOffset;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Art-Net OpTimeCode while the song plays, one packet per timecode frame at each frame's start, to every
 * Art-Net destination of the output, so other gear can chase Beatlight. The timecode is the song's offset plus the song time of the published {@link PlaybackSource}
 * (the same extrapolation the output loop uses), so it never asks the engine thread anything. Runs on its own thread
 * with its own socket: it never waits for, or makes wait, the output loop.
 */
public final class ArtNetTimecodeOut implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArtNetTimecodeOut.class);
    private static final long IDLE_POLL_NANOS = 5_000_000L;

    private static final long REFRESH_TARGETS_NANOS = 1_000_000_000L;

    private final Supplier<List<InetSocketAddress>> destinations;
    private List<InetSocketAddress> targets = List.of();
    private long targetsAt;
    private final FrameRate rate;
    private final Supplier<FrameSource> published;
    private final Supplier<TimecodeOffset> offset;
    private final DatagramChannel channel;
    private final byte[] packet = new byte[ArtTimeCodePacket.LENGTH];
    private final ByteBuffer buffer = ByteBuffer.wrap(packet);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private volatile boolean running;
    private Thread thread;

    /**
     * @param destinations where to send, read again every second (see {@link #artNetDestinations})
     */
    public ArtNetTimecodeOut(Supplier<List<InetSocketAddress>> destinations, FrameRate rate,
                             Supplier<FrameSource> published, Supplier<TimecodeOffset> offset, String bindHost)
            throws IOException {
        this.destinations = destinations;
        this.rate = rate;
        this.published = published;
        this.offset = offset;
        this.channel = ArtNetSocket.channel(bindHost).bind(new InetSocketAddress(bindHost, 0));
    }

    public ArtNetTimecodeOut start() {
        running = true;
        thread = new Thread(this::run, "timecode-out");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Timecode out: Art-Net OpTimeCode at {} fps to the Art-Net destinations", rate.id());
        return this;
    }

    public FrameRate rate() {
        return rate;
    }

    /** Packets sent (one per target per frame). */
    public long packetsSent() {
        return sent.get();
    }

    public long errors() {
        return errors.get();
    }

    private void run() {
        long lastFrame = Long.MIN_VALUE;
        while (running) {
            FrameSource source = published.get();
            if (!(source instanceof PlaybackSource playing)) {
                lastFrame = Long.MIN_VALUE;
                LockSupport.parkNanos(IDLE_POLL_NANOS);
                continue;
            }
            long now = System.nanoTime();
            double position = offset.get().secondsAt(rate) + playing.timeAt(now);
            double exact = position * rate.actualFps();
            long frame = (long) Math.floor(exact + 1e-9);
            boolean ended = playing.timeAt(now) >= playing.lengthSeconds();
            if (frame != lastFrame && !ended) {
                send(Timecode.ofFrameNumber(frame, rate));
                lastFrame = frame;
            }
            long untilNext = (long) ((frame + 1 - exact) / rate.actualFps() * 1e9);
            LockSupport.parkNanos(Math.max(200_000L, Math.min(untilNext, IDLE_POLL_NANOS)));
        }
    }

    /**
     * Every Art-Net destination the output sends a universe to (command-line targets, outputs.json routes, subscribed
     * devices), each once; {@code fallback} before the output loop has resolved its routes.
     */
    public static List<InetSocketAddress> artNetDestinations(ArtNetOutput output, List<InetSocketAddress> fallback) {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        output.effectiveRoutes().values().forEach(list -> list.stream()
                .filter(d -> d.route().protocol() == OutputRoute.Protocol.ARTNET)
                .forEach(d -> out.add(d.route().target())));
        return out.isEmpty() ? List.copyOf(fallback) : List.copyOf(out);
    }

    private void send(Timecode tc) {
        long now = System.nanoTime();
        if (targets.isEmpty() || now - targetsAt > REFRESH_TARGETS_NANOS) {
            try {
                targets = destinations.get();
            } catch (RuntimeException e) {
                errorLog.warn("timecode out: the destinations could not be read", e);
            }
            targetsAt = now;
        }
        ArtTimeCodePacket.encodeInto(tc.hours(), tc.minutes(), tc.seconds(), tc.frames(), rate, packet);
        for (InetSocketAddress target : targets) {
            try {
                buffer.clear();
                channel.send(buffer, target);
                sent.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                errorLog.warn("timecode out to " + target + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the timecode-out socket", e);
        }
    }
}
