package io.beatlight.rig.library;

/**
 * A definition file that cannot become a Beatlight fixture. {@link #reason()} is a short category for reports
 * (such as "not a fixture definition" or "no usable mode"); the message says what exactly was wrong.
 */
public final class FixtureImportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public FixtureImportException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FixtureImportException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
