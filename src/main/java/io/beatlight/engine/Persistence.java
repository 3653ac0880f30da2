package io.beatlight.engine;

import io.beatlight.util.FileSync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The show's file writes, on one persistence thread, so the engine thread never waits for the disk. The engine hands
 * over a write of an immutable snapshot (the whole new content of one file) and moves on: the change is already
 * current in memory, re-rendered and broadcast. Writes run in the order they were handed over, each one atomic (temp
 * file, fsync, rename, {@code .bak}); the future of a write completes on the persistence thread once the file is
 * durable, or exceptionally when the write failed.
 * <p>
 * The writes handed over while one request runs are collected ({@link #beginRequest()}, {@link #requestWrites()}) so
 * the control plane can send that request's reply only when they are all durable, without blocking the engine.
 * <p>
 * A failed write leaves the file as it was (the rename never happened) and keeps memory as it is: the file is marked
 * dirty, the failure is reported, and the next write of that file (which carries the whole latest state) retries it;
 * {@link #close()} retries what is still dirty once.
 */
public final class Persistence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);

    /** Writes one file's whole new content atomically, flushing it with {@code sync}. */
    @FunctionalInterface
    public interface Write {
        void run(FileSync sync) throws IOException;
    }

    private final FileSync sync;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "persistence");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, Write> dirty = new ConcurrentHashMap<>();
    private final List<CompletableFuture<?>> requestWrites = new ArrayList<>();
    private volatile BiConsumer<Path, Throwable> failureListener = (file, error) -> { };

    public Persistence(FileSync sync) {
        this.sync = sync;
    }

    /** How the show's files are flushed; other writers of show files (the .fseq export) flush the same way. */
    public FileSync sync() {
        return sync;
    }

    /** Told (on the persistence thread) about every failed write. */
    void onFailure(BiConsumer<Path, Throwable> listener) {
        this.failureListener = listener;
    }

    /**
     * Queues a write of {@code file} after every write handed over before it (engine thread). The future completes
     * once the file is durable.
     */
    public CompletableFuture<Void> write(Path file, Write write) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        try {
            writer.execute(() -> run(file, write, durable));
        } catch (RejectedExecutionException e) {
            durable.completeExceptionally(new IOException("the show is shutting down; " + file.getFileName()
                    + " was not written"));
        }
        track(durable);
        return durable;
    }

    private void run(Path file, Write write, CompletableFuture<Void> durable) {
        try {
            write.run(sync);
            dirty.remove(file);
            durable.complete(null);
        } catch (IOException | RuntimeException | Error e) {
            // an Error too: a request waiting for this write must always get its answer
            dirty.put(file, write);
            LOG.warn("Could not write {}: {}", file, e.getMessage());
            failureListener.accept(file, e);
            durable.completeExceptionally(e);
        }
    }

    /**
     * Makes the running request's reply wait for {@code step} too (e.g. a reload after a write, or the install of the
     * canvas re-rendered for the edit). Engine thread.
     */
    public void track(CompletableFuture<?> step) {
        requestWrites.add(step);
    }

    /** A request starts: the writes handed over from now on are its own (engine thread). */
    public void beginRequest() {
        requestWrites.clear();
    }

    /** Whether the request since {@link #beginRequest()} handed anything over (engine thread). */
    public boolean requestHasWrites() {
        return !requestWrites.isEmpty();
    }

    /**
     * What the request since {@link #beginRequest()} handed over, done when all of it is durable (at once when it
     * wrote nothing); fails with the first failure. Engine thread.
     */
    public CompletableFuture<Void> requestWrites() {
        if (requestWrites.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(requestWrites.toArray(CompletableFuture[]::new));
        requestWrites.clear();
        return all;
    }

    /** Files whose latest write failed (memory holds a newer state than the disk). */
    public List<Path> dirtyFiles() {
        return List.copyOf(dirty.keySet());
    }

    /** Blocks until every write handed over so far is done (for callers off the engine thread, and tests). */
    public void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("flush failed: {}", e.getMessage());
        }
    }

    /** Writes what is queued, retries the dirty files once, then stops the thread. */
    @Override
    public void close() {
        try {
            writer.submit(() -> dirty.forEach((file, write) -> run(file, write, new CompletableFuture<>())));
        } catch (RejectedExecutionException e) {
            return;
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.error("pending file writes did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!dirty.isEmpty()) {
            LOG.error("not saved, memory was newer than these files: {}", dirty.keySet());
        }
    }
}
