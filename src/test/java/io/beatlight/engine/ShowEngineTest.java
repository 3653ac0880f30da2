package io.beatlight.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.playback.FrameSource;
import io.beatlight.show.Canvas;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine and its parts on their own thread, without the HTTP/WebSocket server. */
class ShowEngineTest {
    @TempDir
    Path dir;

    private final BlockingQueue<ShowEvent> events = new LinkedBlockingQueue<>();
    private final AtomicReference<FrameSource> published = new AtomicReference<>();
    private ShowEngine engine;

    @BeforeEach
    void loadRigAndSong() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        engine = new ShowEngine(ShowFolders.of(dir), published::set);
        engine.setListener(events::add);
        on(engine::loadRig);
        on(() -> engine.songLoader().load("Song"));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private <T> T on(Callable<T> task) throws Exception {
        return engine.submit(task).get(10, TimeUnit.SECONDS);
    }

    /** Something to run on the engine thread that returns nothing. */
    private interface Step {
        void run() throws Exception;
    }

    private void run(Step step) throws Exception {
        on(() -> {
            step.run();
            return null;
        });
    }

    private <E extends ShowEvent> E await(Class<E> type, Predicate<E> matching, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ShowEvent event = events.poll(50, TimeUnit.MILLISECONDS);
            if (type.isInstance(event) && matching.test(type.cast(event))) {
                return type.cast(event);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + timeout);
    }

    private static ObjectNode flash(double time) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", "parcan_l").put("effect", "flash")
                .put("duration", 0.5);
        row.putObject("data");
        return row;
    }

    @Test
    void loadingASongRendersItsCanvasAndResetsTheTransport() throws Exception {
        assertThat(on(() -> engine.fixture("parcan_l")).isPresent()).isTrue();
        assertThat(on(() -> engine.session().song().id())).isEqualTo("Song");
        assertThat(on(() -> engine.session().canvas().frameCount())).isGreaterThanOrEqualTo(600);
        assertThat(on(() -> engine.session().sheet().rows())).isEmpty();
        assertThat(on(() -> engine.playback().stateName(System.nanoTime()))).isEqualTo("stopped");
        assertThat(on(() -> engine.songs().list())).containsExactly("Song");
        assertThat(published.get()).isNotNull();
    }

    @Test
    void cueEditsAreSavedAndCanBeUndoneAndRedone() throws Exception {
        Canvas before = on(() -> engine.session().canvas());
        // as a request does: the reply waits until the file is durable and the new canvas installed
        on(() -> {
            engine.persistence().beginRequest();
            engine.session().replaceCueRows(List.of(flash(2.0)), 2.0);
            return engine.persistence().requestWrites();
        }).get(10, TimeUnit.SECONDS);
        assertThat(on(() -> engine.session().cues().sheetOrder())).hasSize(1);
        assertThat(on(() -> engine.session().canvas())).isNotSameAs(before);
        Path file = dir.resolve("cues/Song.cue.json");
        engine.persistence().flush();
        assertThat(Files.readString(file)).contains("\"flash\"");

        Optional<String> undone = on(() -> engine.session().undo());
        assertThat(undone).isPresent();
        assertThat(on(() -> engine.session().sheet().rows())).isEmpty();
        engine.persistence().flush();
        assertThat(Files.readString(file)).doesNotContain("\"flash\"");
        assertThat(on(() -> engine.session().history().redoCount())).isEqualTo(1);

        assertThat(on(() -> engine.session().redo())).isPresent();
        List<JsonNode> rows = on(() -> engine.session().sheet().rows());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("effect").asText()).isEqualTo("flash");
        assertThat(on(() -> engine.session().redo())).isEmpty();
    }

    @Test
    void seekPlayAndStopMoveTheTransport() throws Exception {
        assertThat(on(() -> engine.playback().seek(4.0, false))).isTrue();
        assertThat(on(() -> engine.playback().timeNow())).isEqualTo(4.0);
        run(() -> engine.playback().play());
        assertThat(on(() -> engine.playback().isPlaying())).isTrue();
        assertThat(on(() -> engine.playback().stateName(System.nanoTime()))).isEqualTo("playing");
        run(() -> engine.playback().stop());
        assertThat(on(() -> engine.playback().isPlaying())).isFalse();
        assertThat(on(() -> engine.playback().timeNow())).isEqualTo(0.0);
        assertThat(on(() -> engine.playback().stateName(System.nanoTime()))).isEqualTo("stopped");
    }

    @Test
    void playingToTheEndStopsAndReportsTheSongEnd() throws Exception {
        run(() -> {
            engine.playback().seek(9.9, false);
            engine.playback().play();
        });
        ShowEvent.SongEnded ended = await(ShowEvent.SongEnded.class, e -> true, Duration.ofSeconds(5));
        assertThat(ended.songId()).isEqualTo("Song");
        assertThat(on(() -> engine.playback().isPlaying())).isFalse();
        assertThat(on(() -> engine.playback().timeNow())).isEqualTo(10.0);
    }

    @Test
    void aPreviewPlaysOutAndReportsItsEnd() throws Exception {
        Preview preview = on(() -> engine.playback().previewEffect("parcan_l", "flash", 0.2, Json.object()));
        assertThat(preview.kind()).isEqualTo(Preview.Kind.FIXTURE);
        assertThat(preview.seconds()).isGreaterThan(0);
        assertThat(on(() -> engine.playback().preview())).isSameAs(preview);
        ShowEvent.PreviewFinished finished = await(ShowEvent.PreviewFinished.class,
                e -> e.preview().requestId().equals(preview.requestId()), Duration.ofSeconds(5));
        assertThat(finished.preview().fixtureId()).isEqualTo("parcan_l");
        assertThat(finished.preview().effectId()).isEqualTo("flash");
        assertThat(on(() -> engine.playback().preview())).isNull();
    }

    @Test
    void aCancelledPreviewDoesNotReportAnEnd() throws Exception {
        on(() -> engine.playback().previewEffect("parcan_l", "flash", 0.2, Json.object()));
        assertThat(on(() -> engine.playback().cancelPreview())).isTrue();
        assertThat(on(() -> engine.playback().cancelPreview())).isFalse();
        Thread.sleep(400);
        assertThat(events).noneMatch(ShowEvent.PreviewFinished.class::isInstance);
    }

    @Test
    void theWatcherNoticesANewSong() throws Exception {
        engine.songs().watch(50);
        assertThat(on(() -> engine.songs().catalog())).extracting(SongWatcher.SongEntry::id).containsExactly("Song");
        TestShow.writeSilentWav(dir.resolve("songs/Second.wav"), 2);
        ShowEvent.SongListChanged changed = await(ShowEvent.SongListChanged.class,
                e -> e.songIds().contains("Second"), Duration.ofSeconds(5));
        assertThat(changed.songIds()).containsExactly("Second", "Song");
        List<SongWatcher.SongEntry> catalog = on(() -> engine.songs().catalog());
        assertThat(catalog).extracting(SongWatcher.SongEntry::id).containsExactly("Second", "Song");
        assertThat(catalog.get(0).durationSeconds()).isEqualTo(2.0);
    }
}
