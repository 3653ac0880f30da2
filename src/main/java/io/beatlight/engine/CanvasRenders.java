package io.beatlight.engine;

import io.beatlight.show.Canvas;
import io.beatlight.show.PartialCanvas;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installed canvas and the re-renders on their way to it. Re-renders run on the {@link RenderWorker}; until one
 * is installed, playback, seeks and previews keep using the installed canvas, so nothing on the engine thread waits
 * for a render. Every re-render and every install gets the next generation; a result is installed only when it is
 * newer than the installed canvas and not from before a {@link #startOver() start-over}, so a canvas of a song or
 * rig that is gone never comes back. Each re-render's future completes once a canvas containing it is installed
 * (or when a song load made it moot), and fails with {@link RenderFailedException} when its render failed (the
 * installed canvas stays). Engine thread, except where said.
 */
final class CanvasRenders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CanvasRenders.class);

    private final ShowEngine engine;
    private final RenderWorker worker;
    private final Consumer<Canvas> installed;
    private final Consumer<PartialCanvas> earlyLook;
    private final NavigableMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>();
    private Canvas canvas;
    private long canvasGeneration;
    private long lastGeneration;
    /** Results of older generations are from a state that is gone. */
    private long oldestValid;

    /** {@code installed} runs on the engine thread with each newly installed canvas. */
    CanvasRenders(ShowEngine engine, Renderer renderer, Consumer<Canvas> installed,
                  Consumer<PartialCanvas> earlyLook, RenderWorker.BeforeRender beforeRender) {
        this.engine = engine;
        this.installed = installed;
        this.earlyLook = earlyLook;
        this.worker = new RenderWorker(renderer, new RenderWorker.Results() {
            @Override
            public void rendered(RenderWorker.Job job, Canvas result, long nanos) {
                engine.executeUnlessStopped(() -> install(job.generation(), result, nanos));
            }

            @Override
            public void failed(RenderWorker.Job job, Throwable error) {
                engine.executeUnlessStopped(() -> renderFailed(job.generation(), error));
            }

            @Override
            public void early(RenderWorker.Job job, PartialCanvas look) {
                engine.executeUnlessStopped(() -> showEarly(job.generation(), look));
            }
        }, beforeRender);
    }

    /** The installed canvas, or null before the first song. */
    Canvas canvas() {
        return canvas;
    }

    /** The generation of the installed canvas. */
    long installedGeneration() {
        return canvasGeneration;
    }

    /** The newest generation handed out; above {@link #installedGeneration()} while a re-render is under way. */
    long newestGeneration() {
        return lastGeneration;
    }

    /**
     * Installs a canvas rendered on the engine thread (a song load, a rig change): renders still under way are stale
     * from now on, and their futures complete (the canvas installed now contains their change, or its song is gone).
     */
    void installNow(Canvas rendered) {
        long generation = ++lastGeneration;
        oldestValid = generation;
        canvas = rendered;
        canvasGeneration = generation;
        worker.forgetChainBefore(generation);
        complete(generation);
    }

    /**
     * Hands a re-render of {@code input} to the worker; only rows starting at or after {@code changedFromSeconds}
     * differ from the previous re-render's (or the installed canvas's) input. Returns at once; the future completes
     * once a canvas containing this input is installed.
     */
    CompletableFuture<Void> rerender(RenderInput input, double changedFromSeconds) {
        long generation = ++lastGeneration;
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.put(generation, done);
        long now = System.nanoTime();
        double playhead = engine.playback().isPlaying() ? engine.playback().timeAt(now) : Double.NaN;
        worker.submit(new RenderWorker.Job(generation, input, canvas, canvasGeneration, changedFromSeconds,
                playhead, now));
        return done;
    }

    /**
     * The next re-render replaces everything under way (e.g. the render version changed): results handed over before
     * it are not installed any more; their futures complete with its install.
     */
    void startOver() {
        oldestValid = lastGeneration + 1;
    }

    private void install(long generation, Canvas rendered, long nanos) {
        if (generation <= canvasGeneration || generation < oldestValid) {
            LOG.debug("canvas render {} dropped: superseded", generation);
            return;
        }
        canvas = rendered;
        canvasGeneration = generation;
        installed.accept(rendered);
        complete(generation);
        LOG.debug("canvas render {} installed, rendered in {} ms", generation, nanos / 1_000_000);
    }

    /**
     * The frames around the playhead of re-render {@code generation} are done: playback may follow them while the
     * rest renders, unless a newer canvas is installed or the render's state is gone. The installed canvas (and what
     * seeks, previews and exports use) stays until the whole render is installed.
     */
    private void showEarly(long generation, PartialCanvas look) {
        if (generation <= canvasGeneration || generation < oldestValid) {
            return;
        }
        earlyLook.accept(look);
        LOG.debug("canvas render {}: frames to {} shown early", generation, look.readyUntil());
    }

    private void renderFailed(long generation, Throwable error) {
        if (generation <= canvasGeneration || generation < oldestValid) {
            return;
        }
        engine.playback().renderFailed(); // playback may follow an early look of the failed render
        RenderFailedException failure = new RenderFailedException(error);
        NavigableMap<Long, CompletableFuture<Void>> failed = waiting.headMap(generation, true);
        failed.values().forEach(f -> f.completeExceptionally(failure));
        failed.clear();
    }

    private void complete(long generation) {
        NavigableMap<Long, CompletableFuture<Void>> done = waiting.headMap(generation, true);
        done.values().forEach(f -> f.complete(null));
        done.clear();
    }

    /** Stops the worker: no render starts after this and no result is installed (any thread). */
    void stopWorker() {
        worker.close();
        try {
            worker.awaitStop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the worker and fails the re-renders still waiting; called once the engine thread has stopped. */
    @Override
    public void close() {
        stopWorker();
        for (Map.Entry<Long, CompletableFuture<Void>> entry : waiting.entrySet()) {
            entry.getValue().completeExceptionally(new RenderFailedException("the show is shutting down"));
        }
        waiting.clear();
    }
}
