package io.beatlight.assistant;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Why a request failed, as the {@code llm_error} event reports it: a stable code, plain words, and whether trying
 * again may help. Providers throw this for failures they recognise (refusals, malformed tool calls).
 */
public final class AssistantFailure extends Exception {
    private final String code;
    private final boolean retryable;

    public AssistantFailure(String code, String detail, boolean retryable) {
        super(detail);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    public boolean retryable() {
        return retryable;
    }

    /** The failure for any exception a provider let through. */
    public static AssistantFailure of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AssistantFailure failure) {
                return failure;
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException
                    || t instanceof SocketTimeoutException) {
                return new AssistantFailure("assistant_timeout", "the model server did not answer in time", true);
            }
            if (t instanceof ConnectException) {
                return new AssistantFailure("assistant_request_failed",
                        "cannot reach the model server (" + t.getMessage() + ")", true);
            }
            if (t instanceof IOException) {
                return new AssistantFailure("assistant_request_failed",
                        "the model server connection failed: " + t.getMessage(), true);
            }
        }
        return new AssistantFailure("assistant_error", "the assistant failed: " + e, false);
    }
}
