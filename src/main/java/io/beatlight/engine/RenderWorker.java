package io.beatlight.engine;

import io.beatlight.show.Canvas;
import io.beatlight.show.EarlyLook;
import io.beatlight.show.PartialCanvas;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-renders the canvas on one {@code canvas-render} thread, so the engine thread never waits for a render. The
 * engine hands over {@link Job}s made of immutable values and moves on; the worker renders only the newest of the
 * jobs queued meanwhile and reports each result or failure through {@link Results} (the engine decides whether to
 * install it).
 * <p>
 * A partial re-render is correct when every row that differs between the canvas it extends and the new sheet starts
 * at or after its restart time. The worker therefore chains from the last canvas it produced and restarts at the
 * earliest {@code changedFromSeconds} of every job since that canvas (skipped and failed ones included); when the
 * engine installed a canvas the worker did not make (a song load, a rig change), the chain starts again from the
 * job's own base canvas. A job from 0 is a full render, always correct.
 */
final class RenderWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenderWorker.class);

    /**
     * One re-render: {@code input} rendered from {@code base}, the engine's installed canvas (of generation
     * {@code baseGeneration}) when the job was made; only rows starting at or after {@code changedFromSeconds}
     * differ from the sheet of the job before. Generations increase with every job and every install.
     */
    /**
     * One re-render. {@code playheadSeconds} is the song time at {@code playheadNanos} while playing (NaN when not):
     * the render then shows an early look as soon as the second past the playhead is rendered.
     */
    record Job(long generation, RenderInput input, Canvas base, long baseGeneration, double changedFromSeconds,
               double playheadSeconds, long playheadNanos) {
        Job(long generation, RenderInput input, Canvas base, long baseGeneration, double changedFromSeconds) {
            this(generation, input, base, baseGeneration, changedFromSeconds, Double.NaN, 0);
        }

        /** The song time now while playing, NaN when not playing. */
        double playheadNow() {
            return playheadSeconds + (System.nanoTime() - playheadNanos) / 1e9;
        }
    }

    /** How far past the playhead an early look reaches: the render finishes the rest long before then. */
    static final double LOOK_AHEAD_SECONDS = 1.0;

    /** Where results go; called on the worker thread. */
    interface Results {
        void rendered(Job job, Canvas canvas, long nanos);

        void failed(Job job, Throwable error);

        /** The frames around the playhead are rendered; the rest of the render is still under way. */
        default void early(Job job, PartialCanvas look) {
        }
    }

    /** Runs on the worker thread just before a render starts (tests hold renders with it). */
    @FunctionalInterface
    interface BeforeRender {
        BeforeRender NONE = (job, fromSeconds) -> { };

        void run(Job job, double fromSeconds) throws InterruptedException;
    }

    private final Renderer renderer;
    private final Results results;
    private final BeforeRender beforeRender;
    private final Thread thread;
    private final Object lock = new Object();
    private final List<Job> queued = new ArrayList<>();
    private volatile boolean stopped;
    /** The last canvas this worker rendered, and its generation (guarded by {@link #lock}). */
    private Canvas chain;
    private long chainGeneration = Long.MIN_VALUE;
    /** Renders older than this are of a state the engine replaced: not kept as the chain (guarded by the lock). */
    private long chainFloor = Long.MIN_VALUE;

    /** A job taken since {@link #chain} that it does not contain yet (skipped or failed). Worker thread only. */
    private record Pending(long generation, double changedFromSeconds) {
    }

    private final List<Pending> notInChain = new ArrayList<>();

    RenderWorker(Renderer renderer, Results results, BeforeRender beforeRender) {
        this.renderer = renderer;
        this.results = results;
        this.beforeRender = beforeRender;
        this.thread = new Thread(this::loop, "canvas-render");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * The engine installed a canvas of its own at {@code generation} (a song load, a rig change): the chain of older
     * renders is let go, so a canvas of the previous song is not kept alive (any thread).
     */
    void forgetChainBefore(long generation) {
        synchronized (lock) {
            chainFloor = Math.max(chainFloor, generation);
            if (chainGeneration < chainFloor) {
                chain = null;
            }
        }
    }

    /** Queues a job (any thread); ignored once stopped. */
    void submit(Job job) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            queued.add(job);
            lock.notifyAll();
        }
    }

    private void loop() {
        while (true) {
            List<Job> taken;
            synchronized (lock) {
                while (queued.isEmpty() && !stopped) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        if (stopped) {
                            return;
                        }
                    }
                }
                if (stopped) {
                    return;
                }
                taken = new ArrayList<>(queued);
                queued.clear();
            }
            taken.forEach(job -> notInChain.add(new Pending(job.generation(), job.changedFromSeconds())));
            renderNewest(taken.get(taken.size() - 1));
        }
    }

    private void renderNewest(Job job) {
        Canvas base;
        long since;
        Canvas last;
        long lastGeneration;
        synchronized (lock) {
            last = chain;
            lastGeneration = chainGeneration;
        }
        if (last != null && lastGeneration >= job.baseGeneration()) {
            base = last;
            since = lastGeneration;
        } else {
            // the engine installed a canvas this worker did not render: start the chain again from it
            base = job.base();
            since = job.baseGeneration();
            notInChain.removeIf(j -> j.generation() <= since);
        }
        double from = job.changedFromSeconds();
        for (Pending earlier : notInChain) {
            if (earlier.generation() > since) {
                from = Math.min(from, earlier.changedFromSeconds());
            }
        }
        try {
            beforeRender.run(job, from);
            if (stopped || isStale(job)) {
                // the engine installed a canvas of its own since: this result would be dropped
                return;
            }
            long started = System.nanoTime();
            double playhead = job.playheadNow();
            EarlyLook look = Double.isNaN(playhead) ? null
                    : new EarlyLook(playhead + LOOK_AHEAD_SECONDS, partial -> results.early(job, partial));
            Canvas rendered = renderer.rerender(base, from, job.input(), look);
            long nanos = System.nanoTime() - started;
            synchronized (lock) {
                chain = job.generation() >= chainFloor ? rendered : null;
                chainGeneration = job.generation();
            }
            notInChain.clear();
            if (!stopped) {
                results.rendered(job, rendered, nanos);
            }
        } catch (InterruptedException e) {
            // only close() interrupts
        } catch (Throwable t) {
            // the jobs stay in notInChain, so the next render restarts early enough to contain them
            LOG.error("canvas render {} failed", job.generation(), t);
            if (!stopped) {
                results.failed(job, t);
            }
        }
    }

    private boolean isStale(Job job) {
        synchronized (lock) {
            return job.generation() < chainFloor;
        }
    }

    /** Stops the thread: no render starts after this, and no result is reported. */
    @Override
    public void close() {
        synchronized (lock) {
            stopped = true;
            queued.clear();
            lock.notifyAll();
        }
        thread.interrupt();
    }

    /** Waits for the thread to end (a render under way finishes first; its result is dropped). */
    void awaitStop(long millis) throws InterruptedException {
        thread.join(millis);
    }
}
