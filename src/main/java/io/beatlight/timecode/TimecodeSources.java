package io.beatlight.timecode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The timecode sources this build can open, by kind. A kind is chaseable once its factory is registered (one line
 * in the application wiring per kind); until then choosing it is refused as not available.
 */
public final class TimecodeSources {
    /** The browser's own audio clock: no timecode source. */
    public static final String BROWSER = "browser";
    /** Every clock a show can choose, registered or not. */
    public static final List<String> KINDS = List.of(BROWSER, "artnet", "mtc", "ltc");

    /** Creates a source of one kind (not started); an IOException says why it cannot be opened. */
    @FunctionalInterface
    public interface Factory {
        TimecodeSource create(SourceOptions options) throws java.io.IOException;
    }

    /** A kind that is known but cannot be opened here. */
    public static final class UnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message) {
            super(message);
        }
    }

    private final Map<String, Factory> factories = new ConcurrentHashMap<>();

    public TimecodeSources register(String kind, Factory factory) {
        if (!KINDS.contains(kind) || kind.equals(BROWSER)) {
            throw new IllegalArgumentException("not a timecode source kind: " + kind);
        }
        factories.put(kind, factory);
        return this;
    }

    public boolean available(String kind) {
        return factories.containsKey(kind);
    }

    /** The kinds that can be chosen now, browser first. */
    public List<String> availableKinds() {
        return KINDS.stream().filter(k -> k.equals(BROWSER) || available(k)).toList();
    }

    /** A new, not yet started source of {@code kind}. */
    public TimecodeSource create(String kind, SourceOptions options) throws UnavailableException {
        Factory factory = factories.get(kind);
        if (factory == null) {
            throw new UnavailableException(KINDS.contains(kind)
                    ? "timecode source '" + kind + "' is not available in this build"
                    : "unknown clock '" + kind + "' (one of " + String.join(", ", KINDS) + ")");
        }
        try {
            return factory.create(options);
        } catch (java.io.IOException | RuntimeException e) {
            throw new UnavailableException("cannot open " + kind + " timecode: " + e.getMessage());
        }
    }
}
