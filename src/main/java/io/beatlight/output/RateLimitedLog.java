package io.beatlight.output;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs a recurring problem at most once per interval, with how many were suppressed. Used on the output path, where
 * a dead node would otherwise log 60 lines a second.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long lastLogged = Long.MIN_VALUE / 2;
    private long suppressed;

    RateLimitedLog(Logger log, long interval, TimeUnit unit) {
        this.log = log;
        this.intervalNanos = unit.toNanos(interval);
    }

    synchronized void warn(String message, Throwable error) {
        long now = System.nanoTime();
        if (now - lastLogged >= intervalNanos) {
            String detail = error == null ? "" : ": " + error;
            if (suppressed > 0) {
                log.warn("{}{} ({} similar suppressed)", message, detail, suppressed);
            } else {
                log.warn("{}{}", message, detail);
            }
            lastLogged = now;
            suppressed = 0;
        } else {
            suppressed++;
        }
    }
}
