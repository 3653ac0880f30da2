package io.beatlight.rig;

import java.util.Locale;
import java.util.Optional;

/** The logical control types a template exposes to clients. */
public enum MetaKind {
    U8, U16, RGB, ENUM;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MetaKind> parse(String text) {
        for (MetaKind kind : values()) {
            if (kind.id().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
