package io.beatlight.effects;

import io.beatlight.rig.FixtureTemplate;

/**
 * Travel limits of a moving head (docs/effects.md#travel-limits-v2): how far pan and tilt may move per frame, from the
 * template's {@code physical_movement} (defaults pan 2.0 s, tilt 0.9 s for a full 0→65535 travel; 0 means unlimited).
 */
final class Travel {
    private final double maxPan;
    private final double maxTilt;

    Travel(FixtureTemplate template, int fps) {
        FixtureTemplate.PhysicalMovement movement = template.physicalMovement();
        double pan = movement == null || movement.panFullTravelSeconds() == null ? 2.0
                : Math.max(0, movement.panFullTravelSeconds());
        double tilt = movement == null || movement.tiltFullTravelSeconds() == null ? 0.9
                : Math.max(0, movement.tiltFullTravelSeconds());
        maxPan = pan == 0 ? 0 : 65535 / (pan * fps);
        maxTilt = tilt == 0 ? 0 : 65535 / (tilt * fps);
    }

    /** {@code STEP(cur, tgt, m)}: move toward the target by at most m, clamped to 0..65535. */
    static long step(double current, double target, double max) {
        double t = target < 0 ? Math.ceil(target) : Math.floor(target);
        double next;
        if (max <= 0) {
            next = Math.rint(t);
        } else if (t - current > max) {
            next = Math.rint(current + max);
        } else if (t - current < -max) {
            next = Math.rint(current - max);
        } else {
            next = Math.rint(t);
        }
        return (long) Math.max(0, Math.min(65535, next));
    }

    long pan(double current, double target) {
        return step(current, target, maxPan);
    }

    long tilt(double current, double target) {
        return step(current, target, maxTilt);
    }
}
