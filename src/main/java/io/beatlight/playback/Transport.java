package io.beatlight.playback;

/**
 * The song clock. The browser's audio is the authority: play, seeks and syncs anchor the clock at a song time,
 * and between anchors the server extrapolates from the monotonic clock so output moves every frame.
 * Not thread-safe: owned by the show engine.
 */
public final class Transport {
    /** At or below this time a non-playing transport reports {@code stopped} rather than {@code paused}. */
    public static final double STOPPED_EPSILON_S = 0.001;

    private boolean playing;
    private double anchorSeconds;
    private long anchorNanos;
    private double lengthSeconds;

    public Transport(double lengthSeconds) {
        this.lengthSeconds = Math.max(0, lengthSeconds);
    }

    public boolean isPlaying() {
        return playing;
    }

    public double lengthSeconds() {
        return lengthSeconds;
    }

    /** Song time at {@code nanoTime}, clamped to [0, length]. */
    public double timeAt(long nanoTime) {
        if (!playing) {
            return anchorSeconds;
        }
        return clamp(anchorSeconds + (nanoTime - anchorNanos) / 1e9);
    }

    public void play(long nanoTime) {
        if (!playing) {
            anchorNanos = nanoTime;
            playing = true;
        }
    }

    /** Freezes the clock at the current time. */
    public void pause(long nanoTime) {
        if (playing) {
            anchorSeconds = timeAt(nanoTime);
            playing = false;
        }
    }

    /** Sets the song time (a seek or a sync); keeps playing if it was. */
    public void anchor(double seconds, long nanoTime) {
        anchorSeconds = clamp(seconds);
        anchorNanos = nanoTime;
    }

    /** Stops at {@code t} (used at the end of the song and on stop). */
    public void stopAt(double seconds) {
        playing = false;
        anchorSeconds = clamp(seconds);
    }

    /** Resets for a new song: stopped at 0. */
    public void reset(double newLengthSeconds) {
        playing = false;
        anchorSeconds = 0;
        lengthSeconds = Math.max(0, newLengthSeconds);
    }

    /** Changes the song length (new metadata) keeping the time, clamped. */
    public void setLength(double newLengthSeconds) {
        lengthSeconds = Math.max(0, newLengthSeconds);
        anchorSeconds = clamp(anchorSeconds);
    }

    /** The anchor, for building frame sources that extrapolate the same way. */
    public double anchorSeconds() {
        return anchorSeconds;
    }

    public long anchorNanos() {
        return anchorNanos;
    }

    /** {@code playing}, {@code paused} or {@code stopped}, as the state document reports it. */
    public String stateName(long nanoTime) {
        if (playing) {
            return "playing";
        }
        return timeAt(nanoTime) <= STOPPED_EPSILON_S ? "stopped" : "paused";
    }

    private double clamp(double seconds) {
        if (!(seconds > 0)) {
            return 0;
        }
        return Math.min(seconds, lengthSeconds);
    }
}
