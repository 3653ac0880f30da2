package io.beatlight.engine;

/**
 * How the transport follows external timecode.
 *
 * @param lockFrames readings in a row that run steadily (1..4 frames after the last, as much later in time) before
 *                   the chase locks
 * @param freewheelSeconds how long the transport runs on when the code stops before it pauses
 * @param jumpThresholdSeconds a difference beyond this is a jump: the transport seeks (and says so)
 * @param reanchorSeconds a difference beyond this (and within the jump threshold) re-anchors the clock silently;
 *                        below it nothing moves, so reception jitter never re-seeks the output
 */
public record ChaseSettings(int lockFrames, double freewheelSeconds, double jumpThresholdSeconds,
                            double reanchorSeconds) {
    public static final ChaseSettings DEFAULT = new ChaseSettings(4, 1.0, 1.0, 0.020);

    public ChaseSettings {
        if (lockFrames < 1 || lockFrames > 100) {
            throw new IllegalArgumentException("lock-frames must be 1..100");
        }
        if (!(freewheelSeconds >= 0 && freewheelSeconds <= 60)) {
            throw new IllegalArgumentException("freewheel must be 0..60 s");
        }
        if (!(jumpThresholdSeconds >= 0.05 && jumpThresholdSeconds <= 3600)) {
            throw new IllegalArgumentException("jump-threshold must be 0.05..3600 s");
        }
        if (!(reanchorSeconds >= 0.001 && reanchorSeconds <= jumpThresholdSeconds)) {
            throw new IllegalArgumentException("reanchor must be 1 ms..the jump threshold");
        }
    }

    public ChaseSettings withFreewheel(double seconds) {
        return new ChaseSettings(lockFrames, seconds, jumpThresholdSeconds, reanchorSeconds);
    }

    public ChaseSettings withJumpThreshold(double seconds) {
        return new ChaseSettings(lockFrames, freewheelSeconds, seconds, Math.min(reanchorSeconds, seconds));
    }

    public ChaseSettings withLockFrames(int frames) {
        return new ChaseSettings(frames, freewheelSeconds, jumpThresholdSeconds, reanchorSeconds);
    }
}
