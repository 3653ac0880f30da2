package io.beatlight.engine;

import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.SourceOptions;
import io.beatlight.timecode.Timecode;
import io.beatlight.timecode.TimecodeOffset;
import io.beatlight.timecode.TimecodeOffsets;
import io.beatlight.timecode.TimecodeSource;
import io.beatlight.timecode.TimecodeSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport's clock when it is not the browser: external timecode (Art-Net, MTC, LTC) drives play, pause and
 * seek. Readings arrive on the source's thread and are handed to the engine thread, where everything here runs.
 *
 * <p>It locks after {@link ChaseSettings#lockFrames} readings in a row that run steadily (see {@link #steady}), maps timecode to song time through the
 * song's offset (the timecode of song time 0, from {@code timecode.json}), then follows: nothing moves while the
 * difference stays within the re-anchor threshold, the clock is re-anchored silently beyond it, and a difference
 * beyond the jump threshold seeks. Code before the song's start holds the song at 0, paused; code past its end lets
 * it end. When the code stops advancing the transport freewheels for {@link ChaseSettings#freewheelSeconds}, then
 * pauses and the lock is lost.
 */
public final class TimecodeChase {
    private static final Logger LOG = LoggerFactory.getLogger(TimecodeChase.class);
    private static final long WATCH_NANOS = 10_000_000L;

    /** What the state document reports. {@code rate}, {@code lastTimecode} and {@code driftMs} may be null. */
    public record Status(String source, String description, boolean locked, boolean freewheeling, FrameRate rate,
                         Timecode lastTimecode, Double driftMs, TimecodeOffset offset, long jumps, long frames) {
    }

    private final ShowEngine engine;
    private TimecodeSources sources = new TimecodeSources();
    private SourceOptions options = SourceOptions.NONE;
    private ChaseSettings settings = ChaseSettings.DEFAULT;
    private String kind = TimecodeSources.BROWSER;
    private TimecodeSource source;
    private int generation;
    private ScheduledFuture<?> watch;
    private TimecodeOffsets offsets = TimecodeOffsets.empty();
    private volatile TimecodeOffset songOffset = TimecodeOffset.ZERO;

    private Timecode last;
    private int consecutive;
    private boolean locked;
    private long lastAdvanceNanos;
    private Double driftMs;
    private long jumps;
    private long frames;

    TimecodeChase(ShowEngine engine) {
        this.engine = engine;
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    /**
     * The source factories, the device names handed to them and the chase settings (before a source is chosen);
     * reads timecode.json.
     */
    public void configure(TimecodeSources factories, SourceOptions sourceOptions, ChaseSettings chaseSettings) {
        this.sources = factories;
        this.options = sourceOptions;
        this.settings = chaseSettings;
        reloadOffsets();
    }

    public TimecodeSources sources() {
        return sources;
    }

    public ChaseSettings settings() {
        return settings;
    }

    public SourceOptions options() {
        return options;
    }

    /**
     * Makes {@code newKind} the clock. A source that cannot be opened changes nothing and throws. Leaving a chase
     * pauses the transport (the page's audio is not playing); a new source starts the lock again from nothing, the
     * same source with the same device keeps it (only the settings change). The new source is opened before the old
     * one is closed, so a failure leaves the old one running.
     */
    public void setSource(String newKind, SourceOptions newOptions, ChaseSettings newSettings)
            throws TimecodeSources.UnavailableException {
        if (source != null && newKind.equals(kind) && newOptions.equals(options)) {
            // the same source: keep it open and its lock; only the settings change
            settings = newSettings;
            engine.publish(ShowEvent.STATE_CHANGED);
            return;
        }
        TimecodeSource next = null;
        if (!newKind.equals(TimecodeSources.BROWSER)) {
            next = sources.create(newKind, newOptions);
            int nextGeneration = generation + 1;
            try {
                next.start((tc, at) -> engine.executeUnlessStopped(() -> onTimecode(nextGeneration, tc, at)));
            } catch (IOException | RuntimeException e) {
                next.close();
                throw new TimecodeSources.UnavailableException("cannot open " + newKind + " timecode: "
                        + e.getMessage());
            }
        }
        boolean wasChasing = chasing();
        closeSource();
        generation++;
        kind = newKind;
        source = next;
        options = newOptions;
        settings = newSettings;
        unlock();
        if (wasChasing) {
            engine.playback().pause();
        }
        if (source != null) {
            reloadOffsets();
            watch = engine.scheduleAtFixedRate(this::watch, WATCH_NANOS);
            LOG.info("Clock: chasing {}", source.description());
        } else {
            LOG.info("Clock: the browser");
        }
        engine.publish(ShowEvent.STATE_CHANGED);
    }

    /** The chosen clock: {@code browser}, {@code artnet}, {@code mtc} or {@code ltc}. */
    public String source() {
        return kind;
    }

    /** Whether external timecode drives the transport (the browser may not). */
    public boolean chasing() {
        return !kind.equals(TimecodeSources.BROWSER);
    }

    public Status status() {
        return new Status(kind, source == null ? "the browser's audio" : source.description(), locked,
                locked && System.nanoTime() - lastAdvanceNanos > freewheelGapNanos(), last == null ? null
                : last.rate(), last, driftMs, songOffset, jumps, frames);
    }

    // ---- offsets ----------------------------------------------------------------------------------------------

    public Path offsetsFile() {
        return engine.folders().root().resolve(TimecodeOffsets.FILE);
    }

    /** Reads timecode.json again (problems are logged; an unreadable file counts as empty and is never written). */
    public TimecodeOffsets reloadOffsets() {
        offsets = TimecodeOffsets.load(offsetsFile());
        offsets.problems().forEach(p -> LOG.warn("{}", p));
        songLoaded();
        return offsets;
    }

    public TimecodeOffsets offsets() {
        return offsets;
    }

    /** Sets a song's offset in memory and hands the file write to the persistence thread. */
    public CompletableFuture<Void> setOffset(String songId, TimecodeOffset offset) throws IOException {
        TimecodeOffsets next = offsets.with(songId, offset);
        if (!next.writable()) {
            throw new IOException("refusing to overwrite " + TimecodeOffsets.FILE + ", which did not parse");
        }
        Path file = offsetsFile();
        CompletableFuture<Void> durable = engine.persistence().write(file, sync -> next.save(file, sync));
        offsets = next;
        songLoaded();
        engine.publish(ShowEvent.STATE_CHANGED);
        return durable;
    }

    /** The loaded song's offset; safe from any thread (timecode out reads it). */
    public TimecodeOffset currentOffset() {
        return songOffset;
    }

    /** A song was loaded (or the offsets changed): its offset applies from the next frame. */
    void songLoaded() {
        songOffset = offsets.offsetOf(engine.session().songId());
    }

    // ---- following --------------------------------------------------------------------------------------------

    private void onTimecode(int fromGeneration, Timecode tc, long atNanos) {
        if (fromGeneration != generation) {
            return; // a reading of a source closed since
        }
        frames++;
        boolean sameRate = last != null && last.rate() == tc.rate();
        if (sameRate && tc.frameNumber() == last.frameNumber()) {
            return; // repeated: the code is parked, which is not time passing
        }
        boolean next = sameRate && steady(tc.frameNumber() - last.frameNumber(), atNanos - lastAdvanceNanos,
                tc.rate());
        last = tc;
        lastAdvanceNanos = atNanos;
        if (!locked) {
            consecutive = next ? consecutive + 1 : 1;
            if (consecutive < settings.lockFrames()) {
                return;
            }
            locked = true;
            LOG.info("Clock locked at {} ({})", tc, tc.rate().id());
            follow(tc, atNanos);
            engine.publish(ShowEvent.STATE_CHANGED);
            return;
        }
        follow(tc, atNanos);
    }

    /**
     * Whether a reading follows the previous one as running code does: 1 to 4 frames on (MIDI Time Code completes
     * an address every second frame), as much later in time as in frames, within two frames.
     */
    private static boolean steady(long frames, long nanos, FrameRate rate) {
        if (frames < 1 || frames > 4) {
            return false;
        }
        double frameSeconds = 1 / rate.actualFps();
        return Math.abs(frames * frameSeconds - nanos / 1e9) <= 2 * frameSeconds;
    }

    /** Moves the transport to where the code says the song is, when it is far enough away. */
    private void follow(Timecode tc, long atNanos) {
        PlaybackControl playback = engine.playback();
        if (engine.session().song() == null) {
            driftMs = null;
            return;
        }
        long now = System.nanoTime();
        double target = tc.toSeconds() - songOffset.secondsAt(tc.rate()) + (now - atNanos) / 1e9;
        double length = engine.session().songLengthSeconds();
        if (target < 0) {
            driftMs = null;
            if (playback.isPlaying() || playback.timeNow() > 0) {
                playback.pause();
                playback.seek(0, false);
                engine.publish(ShowEvent.STATE_CHANGED);
            }
            return;
        }
        if (target >= length) {
            driftMs = null; // past the end: the ticker ends the song; nothing to follow
            return;
        }
        if (!playback.isPlaying()) {
            playback.seek(target, false);
            playback.play();
            driftMs = 0.0;
            engine.publish(ShowEvent.STATE_CHANGED);
            return;
        }
        double drift = playback.timeAt(now) - target;
        driftMs = drift * 1000;
        if (Math.abs(drift) > settings.jumpThresholdSeconds()) {
            jumps++;
            LOG.info("Clock jump to {} ({} s away)", tc, String.format("%.3f", drift));
            playback.seek(target, false);
            engine.publish(ShowEvent.STATE_CHANGED);
        } else if (Math.abs(drift) > settings.reanchorSeconds()) {
            playback.seek(target, true);
        }
    }

    /** Every 10 ms while chasing: past the freewheel time without a new frame, pause and lose the lock. */
    private void watch() {
        try {
            if (!locked) {
                return;
            }
            long silent = System.nanoTime() - lastAdvanceNanos;
            if (silent > (long) (settings.freewheelSeconds() * 1e9)) {
                LOG.info("Clock lost: no new timecode for {} ms; pausing", silent / 1_000_000);
                unlock();
                engine.playback().pause();
                engine.publish(ShowEvent.STATE_CHANGED);
            }
        } catch (RuntimeException e) {
            LOG.error("clock watch failed", e);
        }
    }

    /** Four frames at the slowest rate without a new reading: the transport runs on its own. */
    private static long freewheelGapNanos() {
        return 4 * 1_000_000_000L / 24 + 5_000_000L;
    }

    private void unlock() {
        locked = false;
        consecutive = 0;
        driftMs = null;
    }

    private void closeSource() {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (source != null) {
            try {
                source.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the {} timecode source failed", kind, e);
            }
            source = null;
        }
    }

    /** Stops listening (shutdown). */
    void close() {
        generation++;
        closeSource();
    }
}
