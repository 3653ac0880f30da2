package io.beatlight.api.ws;

/**
 * What one connection may ask of the engine: a token bucket of messages per second (bursts of twice the rate) and a
 * bound on its messages handed to the engine and not yet run. A client over either bound is answered
 * {@code rate_limited} on its socket thread without touching the engine, so one fast client cannot grow the engine's
 * queue, delay other clients or starve the output; one that keeps flooding is closed.
 */
final class InboundLimit {
    /** What to do with one message. */
    enum Verdict { ADMIT, RATE_LIMITED, CLOSE }

    /** Messages of one connection queued for the engine at most. */
    static final int MAX_QUEUED = 64;
    private static final long SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private final int perSecond;
    private double tokens;
    private long lastNanos;
    private int queued;
    private long windowStart;
    private int rejectedInWindow;

    InboundLimit(int perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.ratePerNano = perSecond / (double) SECOND;
        this.burst = 2.0 * perSecond;
        this.tokens = burst;
        this.lastNanos = nowNanos;
        this.windowStart = nowNanos;
    }

    /**
     * Decides on a message arriving at {@code nowNanos}. Admitted messages must be paired with {@link #done()} once
     * the engine has run them. A connection that had more than twice its rate refused within one second is closed.
     */
    synchronized Verdict admit(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1 && queued < MAX_QUEUED) {
            tokens -= 1;
            queued++;
            return Verdict.ADMIT;
        }
        if (nowNanos - windowStart >= SECOND) {
            windowStart = nowNanos;
            rejectedInWindow = 0;
        }
        rejectedInWindow++;
        return rejectedInWindow > 2 * perSecond ? Verdict.CLOSE : Verdict.RATE_LIMITED;
    }

    /** An admitted message has been run by the engine. */
    synchronized void done() {
        queued--;
    }

    int perSecond() {
        return perSecond;
    }
}
