package io.beatlight.assistant;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.beatlight.assistant.AssistantProvider.Sink;
import io.beatlight.assistant.AssistantProvider.Turn;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streamed model call as it arrives: deltas to the sink, then the whole response (or the error). The caller
 * waits in {@link #await}, which stops the stream when the turn is cancelled or the timeout passes.
 */
final class StreamedReply implements StreamingChatResponseHandler {
    /** How often the wait looks whether the turn was cancelled. */
    private static final long POLL_MS = 20;

    private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    private final AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    private final Turn turn;
    private final Sink sink;

    StreamedReply(Turn turn, Sink sink) {
        this.turn = turn;
        this.sink = sink;
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
        handle.set(context.streamingHandle());
        if (turn.cancelled()) {
            context.streamingHandle().cancel();
            return;
        }
        sink.delta(partial.text());
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    /**
     * Waits for the whole response, looking every 20 ms whether the turn was cancelled (the stream stops at once)
     * or the timeout has passed. Null when cancelled.
     */
    ChatResponse await(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (turn.cancelled()) {
                cancel();
                return null;
            }
            try {
                return done.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    cancel();
                    throw new AssistantFailure("assistant_timeout", "the model server did not finish within "
                            + timeout.toSeconds() + " s", true);
                }
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }
    }

    /** Stops the stream, if it has started. */
    private void cancel() {
        StreamingHandle h = handle.get();
        if (h != null) {
            h.cancel();
        }
    }

    /** What the model call's error means to the user: a reply that does not parse, or a server that failed. */
    private static Exception failure(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause.getClass().getName().contains("Json") || message.contains("JSON") || message.contains("parse")) {
            return new AssistantFailure("assistant_bad_response", "the model server sent a reply that is not valid "
                    + "chat-completions data: " + message, true);
        }
        if (cause instanceof Exception e) {
            AssistantFailure known = AssistantFailure.of(e);
            if (!"assistant_error".equals(known.code())) {
                return known;
            }
            return new AssistantFailure("assistant_request_failed", "the model server failed: " + message, true);
        }
        return new AssistantFailure("assistant_request_failed", "the model server failed: " + message, true);
    }
}
