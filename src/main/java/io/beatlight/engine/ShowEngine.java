package io.beatlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.playback.FrameSource;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.CueRow;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.util.FileSync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of show state. Intents, ticks, song loads and renders all run on one engine thread, in
 * order; everything in this package must be called on that thread ({@link #submit}). The engine owns the thread,
 * the rig and its POIs, and wires the parts that own the rest:
 * <ul>
 *   <li>{@link #playback()}: transport, output, arm state, previews;</li>
 *   <li>{@link #session()}: the loaded song, its cue sheet, canvas and edit history;</li>
 *   <li>{@link #songLoader()}: loading a song into the session;</li>
 *   <li>{@link #analysis()}: background song analysis;</li>
 *   <li>{@link #songs()}: the songs folder;</li>
 *   <li>{@link #persistence()}: the thread that writes the show's files, so this one never waits for the disk;</li>
 *   <li>{@link #renders()}: the installed canvas and the {@code canvas-render} thread that re-renders it, so this one
 *   never waits for a render.</li>
 * </ul>
 * Output is published to Art-Net through an immutable {@link FrameSource}, so the output loop never waits for this
 * thread. What the engine changes on its own is told to the {@link ShowListener} as {@link ShowEvent}s.
 */
public final class ShowEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShowEngine.class);
    /** The canvas rate: fixed, whatever the output rate. */
    public static final double CANVAS_FPS = 60;

    private final ShowFolders folders;
    private final ScheduledThreadPoolExecutor executor;
    private ShowListener listener = ShowListener.NONE;

    private final EffectRegistry effects = new EffectRegistry();
    private final Renderer renderer = new Renderer(effects);
    private final PlaybackControl playback;
    private final CueSession session;
    private final SongLoader songLoader;
    private final SongAnalysisJobs analysis;
    private final SongWatcher songs;
    private final RigEditor rigEditor;
    private final FixtureLibraries library = new FixtureLibraries(this);
    private final Persistence persistence;
    private final CanvasRenders renders;
    private final TimecodeChase clock;

    private Rig rig = Rig.empty();
    private final MasterControl master = new MasterControl();
    private Map<String, FixtureTemplate> templates = Map.of();
    private List<LoadProblem> rigProblems = List.of();
    private List<LoadProblem> poiProblems = List.of();
    private PoiBook pois = PoiBook.empty();

    public ShowEngine(ShowFolders folders, Consumer<FrameSource> outputPublisher) {
        this(folders, outputPublisher, FileSync.FORCE);
    }

    /** With {@code sync} flushing every file the show writes (tests pass a slow or failing one). */
    public ShowEngine(ShowFolders folders, Consumer<FrameSource> outputPublisher, FileSync sync) {
        this(folders, outputPublisher, sync, RenderWorker.BeforeRender.NONE);
    }

    /** With {@code beforeRender} run on the render worker before each render (tests hold renders with it). */
    ShowEngine(ShowFolders folders, Consumer<FrameSource> outputPublisher, FileSync sync,
               RenderWorker.BeforeRender beforeRender) {
        this.folders = folders;
        this.persistence = new Persistence(sync);
        this.persistence.onFailure((file, error) -> execute(() -> publish(new ShowEvent.WriteFailed(
                folders.root().relativize(file.toAbsolutePath()).toString(), error.getMessage()))));
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "show-engine");
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.playback = new PlaybackControl(this, outputPublisher);
        this.session = new CueSession(this, folders);
        this.renders = new CanvasRenders(this, renderer, session::canvasInstalled,
                look -> playback.showEarlyLook(look), beforeRender);
        this.songLoader = new SongLoader(this, folders);
        this.analysis = new SongAnalysisJobs(this, folders);
        this.songs = new SongWatcher(this, folders.songs());
        this.rigEditor = new RigEditor(this, folders);
        this.clock = new TimecodeChase(this);
    }

    // ---- threading --------------------------------------------------------------------------------------------

    /**
     * Runs {@code task} on the engine thread unless the engine has shut down, for background threads reporting back
     * (an analysis, the fixture library): after shutdown there is nobody left to tell. False when dropped.
     */
    public boolean executeUnlessStopped(Runnable task) {
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Tasks waiting for the engine thread now, scheduled ones included (for /healthz). */
    public int queuedTasks() {
        return executor.getQueue().size();
    }

    public void execute(Runnable task) {
        executor.execute(logFailures(task));
    }

    /** Runs {@code task} on the engine thread after a delay. */
    public Future<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(logFailures(task), delay, unit);
    }

    /** Runs {@code task} on the engine thread every {@code periodNanos}, first after one period. */
    ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long periodNanos) {
        return executor.scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    private static Runnable logFailures(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("engine task failed", t);
            }
        };
    }

    // ---- events -----------------------------------------------------------------------------------------------

    public void setListener(ShowListener listener) {
        this.listener = listener;
    }

    /** Tells the listener about a change (engine thread). */
    void publish(ShowEvent event) {
        listener.on(event);
    }

    // ---- the parts --------------------------------------------------------------------------------------------

    public PlaybackControl playback() {
        return playback;
    }

    public CueSession session() {
        return session;
    }

    public SongLoader songLoader() {
        return songLoader;
    }

    public SongAnalysisJobs analysis() {
        return analysis;
    }

    public SongWatcher songs() {
        return songs;
    }

    /** The fixture library new fixtures are patched from. */
    public FixtureLibraries library() {
        return library;
    }

    /** Patch edits of the rig, with their undo history. */
    public RigEditor rigEditor() {
        return rigEditor;
    }

    /** The transport's clock: the browser, or external timecode it chases. */
    public TimecodeChase clock() {
        return clock;
    }

    /** The persistence thread every show file write goes through. */
    public Persistence persistence() {
        return persistence;
    }

    public ShowFolders folders() {
        return folders;
    }

    public EffectRegistry effects() {
        return effects;
    }

    Renderer renderer() {
        return renderer;
    }

    /** The installed canvas and the re-renders on their way to it. */
    CanvasRenders renders() {
        return renders;
    }

    /** A canvas-rate render of {@code rows} over the current rig and POIs, starting from the arm defaults. */
    RenderInput renderInput(List<CueRow> rows, double lengthSeconds, RenderVersion version) {
        return new RenderInput(rig, poiRecords(), rows, lengthSeconds, (int) CANVAS_FPS, version);
    }

    // ---- the rig and its POIs ---------------------------------------------------------------------------------

    /** Loads POIs and the rig, then applies the arm defaults to editor and output. */
    public List<LoadProblem> loadRig() {
        List<LoadProblem> problems = new ArrayList<>();
        PoiBook.Loaded loadedPois = PoiBook.load(poisFile());
        pois = loadedPois.book();
        poiProblems = loadedPois.problems();
        problems.addAll(poiProblems);
        RigLoader.Result result = RigLoader.load(folders.fixtures());
        rig = result.rig();
        templates = result.templates();
        problems.addAll(result.problems());
        rigProblems = List.copyOf(problems);
        playback.rigLoaded(rig);
        master.rigChanged(rig);
        return rigProblems;
    }

    /**
     * Loads the rig from the patch edit's rows and new templates (what the fixtures folder holds once the pending
     * writes are done; POIs stay): the editor keeps the look of every fixture that
     * stayed, the cues are checked against the new rig and the canvas re-renders.
     */
    void reloadRig(JsonNode fixtures, Map<String, ? extends JsonNode> newTemplates) {
        RigLoader.Result result = RigLoader.load(folders.fixtures(), fixtures, newTemplates);
        Rig previous = rig;
        rig = result.rig();
        templates = result.templates();
        List<LoadProblem> problems = new ArrayList<>(poiProblems);
        problems.addAll(result.problems());
        rigProblems = List.copyOf(problems);
        result.problems().stream().filter(p -> p.severity() == LoadProblem.Severity.ERROR)
                .forEach(p -> LOG.warn("{}", p));
        playback.rigChanged(previous, rig);
        master.rigChanged(rig);
        session.rigChanged();
    }

    /**
     * Makes the new POI book current and re-renders; the file is written on the persistence thread (the running
     * request's reply waits for it). A book read from a file that did not parse is refused.
     */
    public void replacePois(PoiBook next) throws IOException {
        if (!next.writable()) {
            throw new IOException("refusing to overwrite " + PoiBook.FILE + ": " + next.unreadableReason());
        }
        Path file = poisFile();
        persistence.write(file, sync -> next.save(file, sync));
        pois = next;
        session.rerender();
    }

    public Path poisFile() {
        return folders.fixtures().resolve(PoiBook.FILE);
    }

    public Rig rig() {
        return rig;
    }

    /** The master dimmer and live blackout (applied by the output loop). */
    public MasterControl master() {
        return master;
    }

    public Optional<Fixture> fixture(String id) {
        return rig.fixture(id);
    }

    public Map<String, FixtureTemplate> templates() {
        return templates;
    }

    public List<LoadProblem> rigProblems() {
        return rigProblems;
    }

    public PoiBook pois() {
        return pois;
    }

    /** The valid POI records, as the renderer and the state use them. */
    public List<ObjectNode> poiRecords() {
        return pois.valid();
    }

    // ---- shutdown ---------------------------------------------------------------------------------------------

    /**
     * Stops the song watch, analyses, the render worker and the engine thread: nothing changes the show or the output
     * after this.
     */
    public void stopThread() {
        songs.close();
        analysis.close();
        executor.shutdownNow();
        renders.stopWorker();
        try {
            if (executor.awaitTermination(2, TimeUnit.SECONDS)) {
                renders.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clock.close(); // the engine thread is done: no reading is followed any more
    }

    /** Stops the engine thread, then finishes every file write it handed over (and retries failed ones). */
    @Override
    public void close() {
        stopThread();
        persistence.close();
    }
}
