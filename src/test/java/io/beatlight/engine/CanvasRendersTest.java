package io.beatlight.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.playback.FrameSource;
import io.beatlight.show.Canvas;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canvas re-renders on the {@code canvas-render} worker: the engine thread goes on while a render runs, successive
 * edits coalesce into one render equal to a full one, and a result from before a song load is never installed. The
 * worker's hook holds each render until the test hands out a permit.
 */
class CanvasRendersTest {
    @TempDir
    Path dir;

    /** One render the worker started: the job and the time it restarts at. */
    private record Started(long generation, double fromSeconds) {
    }

    private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
    private final Semaphore permits = new Semaphore(0);
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicReference<FrameSource> published = new AtomicReference<>();
    private final List<FrameSource> publishedAll = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ShowEngine engine;

    @BeforeEach
    void loadRigAndSong() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null).song("Other", 12, 100, null);
        engine = new ShowEngine(ShowFolders.of(dir), source -> {
            published.set(source);
            publishedAll.add(source);
        }, FileSync.FORCE, (job, from) -> {
            started.add(new Started(job.generation(), from));
            if (!permits.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the render");
            }
            if (failNext.getAndDecrement() > 0) {
                throw new IllegalStateException("render failure made by the test");
            }
        });
        on(engine::loadRig);
        on(() -> engine.songLoader().load("Song"));
    }

    @AfterEach
    void close() {
        permits.release(1000);
        engine.close();
    }

    private <T> T on(Callable<T> task) throws Exception {
        return engine.submit(task).get(10, TimeUnit.SECONDS);
    }

    /** Applies an edit on the engine thread as a request does; returns what its reply waits for. */
    private CompletableFuture<Void> edit(List<JsonNode> rows, double changedFrom) throws Exception {
        return on(() -> {
            engine.persistence().beginRequest();
            engine.session().replaceCueRows(rows, changedFrom);
            return engine.persistence().requestWrites();
        });
    }

    private Started awaitStarted() throws InterruptedException {
        Started next = started.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a render started").isNotNull();
        return next;
    }

    private static ObjectNode row(double time, String fixture, String effect, double duration) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", fixture).put("effect", effect)
                .put("duration", duration);
        row.putObject("data");
        return row;
    }

    /** The canvas of the loaded sheet rendered from scratch on the engine thread, without the worker. */
    private Canvas fullRenderOfTheSheet() throws Exception {
        return on(() -> {
            CueSession s = engine.session();
            return engine.renderer().render(engine.renderInput(s.cues().renderRows(s.chasers(), s.bpm()),
                    s.songLengthSeconds(), s.renderVersion()));
        });
    }

    @Test
    void seekAndPlayRightAfterAnEditAreAppliedWhileItsRenderIsStillRunning() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        CompletableFuture<Void> reply = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        awaitStarted();

        // the render is held: the engine still answers at once, on the installed canvas
        assertThat(on(() -> engine.playback().seek(5.0, false))).isTrue();
        assertThat(on(() -> engine.playback().timeNow())).isEqualTo(5.0);
        on(() -> {
            engine.playback().play();
            return null;
        });
        assertThat(on(() -> engine.playback().isPlaying())).isTrue();
        assertThat(on(() -> engine.session().cues().sheetOrder())).hasSize(1);
        assertThat(on(() -> engine.session().canvas())).isSameAs(before);
        FrameSource playingOld = published.get();
        assertThat(reply).isNotDone();

        permits.release();
        reply.get(10, TimeUnit.SECONDS);
        // once the reply may go, the canvas holding the edit is installed and the output plays it
        Canvas after = on(() -> engine.session().canvas());
        assertThat(after).isNotSameAs(before);
        assertThat(after.bytes()).isEqualTo(fullRenderOfTheSheet().bytes());
        assertThat(published.get()).isNotSameAs(playingOld);
    }

    @Test
    void aSeekWhileAnEarlierEditRendersShowsThatEditOnceItsCanvasIsIn() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        CompletableFuture<Void> reply = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        awaitStarted();
        on(() -> engine.playback().seek(2.0, false));
        // at once: the look of the installed canvas
        assertThat(on(() -> engine.playback().outputAt(System.nanoTime())).toBytes())
                .isEqualTo(before.frameAt(2.0).toBytes());

        permits.release();
        reply.get(10, TimeUnit.SECONDS);
        Canvas after = on(() -> engine.session().canvas());
        assertThat(after.frameAt(2.0).toBytes()).isNotEqualTo(before.frameAt(2.0).toBytes());
        assertThat(on(() -> engine.playback().outputAt(System.nanoTime())).toBytes())
                .isEqualTo(after.frameAt(2.0).toBytes());

        // an edit after the seek leaves the editor alone while not playing (R6)
        permits.release();
        edit(List.of(row(2.0, "parcan_l", "flash", 0.5), row(2.0, "parcan_r", "flash", 0.5)), 2.0)
                .get(10, TimeUnit.SECONDS);
        assertThat(on(() -> engine.playback().outputAt(System.nanoTime())).toBytes())
                .isEqualTo(after.frameAt(2.0).toBytes());
    }

    @Test
    void whilePlayingTheFramesAroundThePlayheadAreShownBeforeTheWholeCanvasIsIn() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        on(() -> {
            engine.playback().seek(1.9, false);
            engine.playback().play();
            return null;
        });
        CompletableFuture<Void> reply = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        awaitStarted();
        // hold the engine until the worker has reported both the early look and the canvas
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        engine.execute(() -> {
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        permits.release();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.queuedTasks() < 2 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        int sourcesBefore = publishedAll.size();
        hold.countDown();
        reply.get(10, TimeUnit.SECONDS);
        Canvas after = on(() -> engine.session().canvas());

        List<FrameSource> shown = publishedAll.subList(sourcesBefore, publishedAll.size());
        assertThat(shown).hasSizeGreaterThanOrEqualTo(2);
        var look = (io.beatlight.show.PartialCanvas) ((io.beatlight.playback.PlaybackSource) shown.get(0)).timeline();
        assertThat(((io.beatlight.playback.PlaybackSource) shown.get(1)).timeline()).isSameAs(after);
        // the look: the new render up to a second past the playhead, the installed canvas after that
        assertThat(look.readyUntil()).isBetween(174, 174 + 30); // (1.9 s + 1 s) × 60, and the time since play
        assertThat(look.frame(121).toBytes()).isEqualTo(after.frame(121).toBytes())
                .isNotEqualTo(before.frame(121).toBytes());
        assertThat(look.frame(look.readyUntil()).toBytes()).isEqualTo(after.frame(look.readyUntil()).toBytes());
        assertThat(look.frame(look.readyUntil() + 1).toBytes())
                .isEqualTo(before.frame(look.readyUntil() + 1).toBytes());
        assertThat(after.bytes()).isEqualTo(fullRenderOfTheSheet().bytes());
    }

    @Test
    void aFailedRenderTakesPlaybackBackFromItsEarlyLookToTheInstalledCanvas() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        on(() -> {
            engine.playback().seek(1.9, false);
            engine.playback().play();
            return null;
        });
        failNext.set(1);
        permits.release();
        CompletableFuture<Void> failed = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(((io.beatlight.playback.PlaybackSource) published.get()).timeline()).isSameAs(before);
    }

    @Test
    void successiveEditsCoalesceIntoOneRenderEqualToAFullRender() throws Exception {
        List<JsonNode> rows = new ArrayList<>(List.of(row(0.5, "parcan_r", "fade_in", 9.0),
                row(1.0, "parcan_pl", "strobe", 6.0)));
        edit(List.copyOf(rows), 0.5);
        Started first = awaitStarted();

        // three more edits while the first render is held: the earliest change is at 1.5 s
        rows.add(row(6.0, "parcan_l", "flash", 1.0));
        edit(List.copyOf(rows), 6.0);
        rows.add(row(1.5, "parcan_pr", "fade_in", 2.0));
        edit(List.copyOf(rows), 1.5);
        rows.add(row(8.0, "parcan_l", "flash", 0.5));
        CompletableFuture<Void> last = edit(List.copyOf(rows), 8.0);

        permits.release(10);
        last.get(10, TimeUnit.SECONDS);
        Started second = awaitStarted();
        assertThat(started).as("the three later edits rendered once").isEmpty();
        assertThat(second.generation()).isEqualTo(first.generation() + 3);
        assertThat(second.fromSeconds()).isEqualTo(1.5);
        Canvas installed = on(() -> engine.session().canvas());
        assertThat(installed.bytes()).isEqualTo(fullRenderOfTheSheet().bytes());
    }

    @Test
    void aSongLoadWhileARenderIsUnderWayNeverInstallsTheStaleCanvas() throws Exception {
        CompletableFuture<Void> oldEdit = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        awaitStarted();
        on(() -> engine.songLoader().load("Other"));
        Canvas loaded = on(() -> engine.session().canvas());
        // the edit is applied and saved; its song is gone, so its reply does not wait for its canvas
        oldEdit.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> newEdit = edit(List.of(row(3.0, "parcan_r", "flash", 0.5)), 3.0);
        permits.release();
        // the worker reported the stale canvas before it started this render; the engine has seen it by now
        Started next = awaitStarted();
        assertThat(next.fromSeconds()).isEqualTo(3.0);
        assertThat(on(() -> engine.session().canvas())).isSameAs(loaded);

        permits.release();
        newEdit.get(10, TimeUnit.SECONDS);
        Canvas installed = on(() -> engine.session().canvas());
        assertThat(installed.frameCount()).isEqualTo(Canvas.frameCount(12, 60));
        assertThat(installed.bytes()).isEqualTo(fullRenderOfTheSheet().bytes());
    }

    @Test
    void aFailedRenderAnswersTheEditWithAnErrorKeepsTheCanvasAndTheWorkerGoesOn() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        failNext.set(1);
        permits.release();
        CompletableFuture<Void> failed = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RenderFailedException.class)
                .hasMessageContaining("render failure made by the test");
        assertThat(on(() -> engine.session().canvas())).isSameAs(before);
        assertThat(awaitStarted().fromSeconds()).isEqualTo(2.0);

        // the next edit renders from the failed one's change on, so both are in the canvas
        permits.release();
        edit(List.of(row(2.0, "parcan_l", "flash", 0.5), row(7.0, "parcan_r", "flash", 0.5)), 7.0)
                .get(10, TimeUnit.SECONDS);
        assertThat(awaitStarted().fromSeconds()).isEqualTo(2.0);
        assertThat(on(() -> engine.session().canvas()).bytes()).isEqualTo(fullRenderOfTheSheet().bytes());
    }

    @Test
    void noRenderIsInstalledAfterTheEngineStops() throws Exception {
        CompletableFuture<Void> reply = edit(List.of(row(2.0, "parcan_l", "flash", 0.5)), 2.0);
        awaitStarted();
        Canvas before = on(() -> engine.session().canvas());
        engine.stopThread();
        permits.release();
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(RenderFailedException.class);
        assertThat(engine.session().canvas()).isSameAs(before);
    }
}
