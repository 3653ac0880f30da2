package io.beatlight.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rejected intent: a stable code, a human message, optionally the payload field at fault and legacy details.
 * It may also carry the legacy event the reference sent for this failure (sent to the requester only).
 */
public final class IntentException extends Exception {
    private final String code;
    private final String field;
    private final ObjectNode details;
    private LegacyEvent legacyEvent;

    /** An event the reference clients understand, sent alongside the reply. */
    public record LegacyEvent(String level, String message, ObjectNode data) {
    }

    public IntentException(String code, String message) {
        this(code, message, null, null);
    }

    public IntentException(String code, String message, String field, ObjectNode details) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.details = details;
    }

    public static IntentException invalid(String field, String message) {
        return new IntentException(ErrorCode.INVALID_PAYLOAD, message, field, null);
    }

    /** Attaches the legacy event of the reference for this failure. */
    public IntentException withLegacy(String level, String message, ObjectNode data) {
        this.legacyEvent = new LegacyEvent(level, message, data);
        return this;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public ObjectNode details() {
        return details;
    }

    public LegacyEvent legacyEvent() {
        return legacyEvent;
    }
}
