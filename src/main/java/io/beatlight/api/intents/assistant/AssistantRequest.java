package io.beatlight.api.intents.assistant;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code llm.send_prompt} and its worker. Whoever ends it first (its reply, its failure, a cancel) sends its one
 * terminal event; the flags are read and set from the worker and the engine thread.
 */
final class AssistantRequest {
    private final RequestEvents events;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Future<?> worker;

    AssistantRequest(RequestEvents events) {
        this.events = events;
    }

    String id() {
        return events.requestId();
    }

    RequestEvents events() {
        return events;
    }

    void runsOn(Future<?> worker) {
        this.worker = worker;
    }

    boolean isRunning() {
        return !ended.get();
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    /** True for the one caller that ends the request. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    /** Stops the worker without a word; the interrupt aborts a model call. */
    void stop() {
        cancelled.set(true);
        Future<?> running = worker;
        if (running != null) {
            running.cancel(true);
        }
    }

    /** Stops the worker and reports exactly one {@code llm_cancelled}, unless the request had already ended. */
    void cancel() {
        stop();
        if (end()) {
            events.cancelled();
        }
    }
}
