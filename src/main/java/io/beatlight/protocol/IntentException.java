package io.beatlight.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A rejected intent: a stable code, a human message, optionally the payload field at fault and details. It may also
 * name the failure's {@linkplain #reason() reason}, the word the reference clients' failure events carry; which
 * event carries it is decided in one table (api.intents.FailureEvents, docs/protocol.md#failure-events).
 */
public final class IntentException extends Exception {
    private final String code;
    private final String field;
    private final ObjectNode details;
    private String reason;
    private ObjectNode reasonData;

    public IntentException(String code, String message) {
        this(code, message, null, null);
    }

    public IntentException(String code, String message, String field, ObjectNode details) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
        this.details = details;
    }

    /** A read of the payload that may fail. */
    @FunctionalInterface
    public interface Read<T> {
        T get() throws IntentException;
    }

    /** Runs {@code read}; when it fails, the failure is given {@code reason} (see {@link #because(String)}). */
    public static <T> T withReason(String reason, Read<T> read) throws IntentException {
        try {
            return read.get();
        } catch (IntentException e) {
            throw e.because(reason);
        }
    }

    public static IntentException invalid(String field, String message) {
        return new IntentException(ErrorCode.INVALID_PAYLOAD, message, field, null);
    }

    /** Names the failure for the reference clients' failure event (replacing an earlier reason). */
    public IntentException because(String reason) {
        return because(reason, null);
    }

    /** As {@link #because(String)}, with fields the failure event carries beside the reason. */
    public IntentException because(String reason, ObjectNode data) {
        this.reason = reason;
        this.reasonData = data;
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

    /** The failure's reason for the reference clients, or null when they get no failure event. */
    public String reason() {
        return reason;
    }

    /** Extra fields of the failure event, or null. */
    public ObjectNode reasonData() {
        return reasonData;
    }
}
