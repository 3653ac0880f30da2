package io.beatlight.effects;

import java.util.Optional;

/**
 * Render semantics, chosen per cue sheet. V1 reproduces the seed reference renderer byte for byte, quirks included,
 * because real shows depend on them; V2 is the later semantics with the reference's bugs fixed.
 */
public enum RenderVersion {
    V1(1), V2(2);

    private final int number;

    RenderVersion(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static Optional<RenderVersion> of(int number) {
        for (RenderVersion v : values()) {
            if (v.number == number) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
