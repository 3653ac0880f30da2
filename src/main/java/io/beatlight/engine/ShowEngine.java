package io.beatlight.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.playback.FrameSource;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.show.Canvas;
import io.beatlight.show.Chasers;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueHistory;
import io.beatlight.show.CueSheet;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.playback.ClipSource;
import io.beatlight.playback.OutputRouter;
import io.beatlight.playback.Transport;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigLoader;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.Section;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.SongMetadata;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of show state. Intents, ticks, song loads and renders all run on one engine thread, in
 * order; everything here must be called on that thread ({@link #submit}). Output is published to Art-Net through
 * an immutable {@link FrameSource}, so the output loop never waits for this thread.
 */
public final class ShowEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShowEngine.class);
    /** The canvas rate: fixed, whatever the output rate. */
    public static final double CANVAS_FPS = 60;
    private static final long TICK_NANOS = 1_000_000_000L / 60;

    private final ShowFolders folders;
    private final ScheduledThreadPoolExecutor executor;
    private final Consumer<FrameSource> outputPublisher;
    private volatile Thread engineThread;
    private ShowListener listener = ShowListener.NONE;

    private Rig rig = Rig.empty();
    private Map<String, FixtureTemplate> templates = Map.of();
    private List<LoadProblem> rigProblems = List.of();
    private PoiBook pois = PoiBook.empty();
    private final SongLibrary songs;
    private SongMetadata song;
    private Path songAudio;
    private Canvas canvas;
    private volatile boolean canvasDebugLog;
    private final Transport transport = new Transport(0);
    private OutputRouter router;
    private final Map<String, Boolean> armed = new HashMap<>();
    private ScheduledFuture<?> ticker;
    private final EffectRegistry effects = new EffectRegistry();
    private final Renderer renderer = new Renderer(effects);
    private Chasers chasers = Chasers.empty();
    private CueSheet sheet;
    private CueEntries cues;
    private final CueHistory history = new CueHistory(200);

    public ShowEngine(ShowFolders folders, Consumer<FrameSource> outputPublisher) {
        this.folders = folders;
        this.outputPublisher = outputPublisher;
        this.songs = new SongLibrary(folders.songs());
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "show-engine");
            thread.setDaemon(true);
            engineThread = thread;
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.router = new OutputRouter(rig.armDefaults(), outputPublisher);
    }

    // ---- threading --------------------------------------------------------------------------------------------

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

    public void execute(Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("engine task failed", t);
            }
        });
    }

    /** Runs {@code task} on the engine thread after a delay. */
    public Future<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.error("engine task failed", t);
            }
        }, delay, unit);
    }

    public boolean onEngineThread() {
        return Thread.currentThread() == engineThread;
    }

    /** Turns the sparse text log of every rendered canvas on or off (written off the engine thread). */
    public void setCanvasDebugLog(boolean enabled) {
        this.canvasDebugLog = enabled;
    }

    private void writeDebugLog(Canvas rendered) {
        if (!canvasDebugLog || rendered == null || song == null) {
            return;
        }
        String id = song.id();
        Rig rigNow = rig;
        CompletableFuture.runAsync(() -> {
            try {
                io.beatlight.show.CanvasDebugLog.write(folders.cues(), id, rendered, rigNow);
            } catch (IOException e) {
                LOG.warn("Could not write the canvas debug log: {}", e.getMessage());
            }
        });
    }

    public void setListener(ShowListener listener) {
        this.listener = listener;
    }

    // ---- start-up ---------------------------------------------------------------------------------------------

    /** Loads POIs and the rig, then applies the arm defaults to editor and output. */
    public List<LoadProblem> loadRig() {
        List<LoadProblem> problems = new ArrayList<>();
        PoiBook.Loaded loadedPois = PoiBook.load(poisFile());
        pois = loadedPois.book();
        problems.addAll(loadedPois.problems());
        RigLoader.Result result = RigLoader.load(folders.fixtures());
        rig = result.rig();
        templates = result.templates();
        problems.addAll(result.problems());
        rigProblems = List.copyOf(problems);
        armed.clear();
        router = new OutputRouter(rig.armDefaults(), outputPublisher);
        return rigProblems;
    }

    // ---- songs ------------------------------------------------------------------------------------------------

    /** The outcome of a song load: metadata problems, and the cue sheet's (with each bad row's index). */
    public record SongLoad(SongMetadata metadata, List<String> problems, List<String> cueWarnings,
                           List<CueEntries.Entry> invalidCues) {
    }

    /** Loads a listed song (R5): metadata, canvas, editor = output = arm defaults, t = 0, not playing. */
    public SongLoad loadSong(String id) throws IOException {
        Path audio = songs.audioFile(id).orElseThrow(() -> new IOException("unknown song " + id));
        SongMetadata metadata = MetadataLoader.load(folders.meta(), id, audio);
        Chasers loadedChasers = Chasers.load(folders.chasers());
        CueSheetFiles.Loaded loadedSheet = CueSheetFiles.load(folders.cues(), id);
        CueEntries checked = CueEntries.check(loadedSheet.sheet().rows(), rig, effects, loadedChasers,
                loadedSheet.sheet().version());
        long started = System.nanoTime();
        Canvas rendered = renderer.render(new RenderInput(rig, pois.valid(),
                checked.renderRows(loadedChasers, metadata.bpm()), metadata.lengthSeconds(), (int) CANVAS_FPS,
                loadedSheet.sheet().version()));
        cancelPreview();
        stopTicker();
        song = metadata;
        songAudio = audio;
        chasers = loadedChasers;
        sheet = loadedSheet.sheet();
        cues = checked;
        history.clear();
        canvas = rendered;
        writeDebugLog(rendered);
        transport.reset(metadata.lengthSeconds());
        router.setEditor(rig.armDefaults());
        LOG.info("Loaded song '{}' ({} s, bpm {}; {} cues, render v{} {} frames in {} ms)", id,
                String.format("%.1f", metadata.lengthSeconds()), metadata.bpm(), checked.sheetOrder().size(),
                sheet.version().number(), rendered.frameCount(), (System.nanoTime() - started) / 1_000_000);
        if (metadata.bpm() == null && metadata.beats().isEmpty() && metadata.sections().isEmpty()) {
            // nothing tells the tempo: find it from the audio, in the background
            try {
                startAnalysis(id);
            } catch (IOException e) {
                LOG.warn("Cannot analyse '{}': {}", id, e.getMessage());
            }
        }
        List<String> cueWarnings = new ArrayList<>(loadedSheet.warnings());
        cueWarnings.addAll(loadedChasers.problems());
        return new SongLoad(metadata, metadata.problems(), cueWarnings, checked.invalid());
    }

    /** Loads the preferred song when listed, else the first song, else nothing. */
    public Optional<SongLoad> loadDefaultSong(Optional<String> preferred) {
        List<String> ids = songs.list();
        String pick = preferred.filter(ids::contains).orElse(ids.isEmpty() ? null : ids.get(0));
        if (preferred.isPresent() && !ids.contains(preferred.get())) {
            LOG.warn("Configured song '{}' is not in {}; loading {}", preferred.get(), folders.songs(),
                    pick == null ? "nothing" : "'" + pick + "'");
        }
        if (pick == null) {
            LOG.info("No songs in {}", folders.songs());
            return Optional.empty();
        }
        try {
            SongLoad loaded = loadSong(pick);
            loaded.problems().forEach(p -> LOG.warn("Song metadata: {}", p));
            loaded.cueWarnings().forEach(w -> LOG.warn("Cue sheet: {}", w));
            loaded.invalidCues().forEach(e -> LOG.warn("Cue sheet row {} skipped: {}", e.fileIndex(), e.problem()));
            return Optional.of(loaded);
        } catch (IOException e) {
            LOG.error("Cannot load song '{}': {}", pick, e.getMessage());
            return Optional.empty();
        }
    }

    // ---- the songs folder -------------------------------------------------------------------------------------

    private List<SongLibrary.SongFile> songFiles = List.of();
    private final Map<SongLibrary.SongFile, ObjectNode> songEntries = new HashMap<>();
    private ScheduledThreadPoolExecutor watcher;

    /** The songs as the state lists them: id, audio URL, duration and title read from the file. */
    public List<ObjectNode> songCatalog() {
        List<ObjectNode> out = new ArrayList<>();
        for (SongLibrary.SongFile file : songFiles) {
            out.add(songEntries.computeIfAbsent(file, f -> {
                ObjectNode entry = Json.object().put("id", f.id()).put("audio_url", SongLibrary.audioUrl(f.file()));
                entry.set("duration_s", Json.number(io.beatlight.song.AudioDuration.seconds(f.file()).orElse(null)));
                entry.put("title", io.beatlight.song.AudioDuration.title(f.file()).orElse(f.id()));
                return entry;
            }));
        }
        return out;
    }

    /**
     * Watches the songs folder (a cheap listing every {@code periodMillis}) so a dropped file appears without a
     * restart: the list is re-read and every client gets a {@code song_list} event and a patch.
     */
    public void watchSongs(long periodMillis) {
        execute(() -> songFiles = songs.files());
        watcher = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "songs-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                List<SongLibrary.SongFile> now = songs.files();
                execute(() -> {
                    if (!now.equals(songFiles)) {
                        songFiles = now;
                        songEntries.keySet().retainAll(now);
                        ArrayNode ids = Json.array();
                        now.forEach(f -> ids.add(f.id()));
                        listener.eventToAll("info", "song_list", (ObjectNode) Json.object().set("songs", ids));
                        listener.stateChanged();
                    }
                });
            } catch (RuntimeException e) {
                LOG.debug("songs folder check failed", e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    // ---- analysis -----------------------------------------------------------------------------------------------

    /** A running analysis: which song, and a flag to stop it. */
    public record Analysis(String songId, java.util.concurrent.atomic.AtomicBoolean cancelled) {
    }

    private final java.util.concurrent.ExecutorService analyzer = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "analyzer");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });
    private Analysis analysis;

    public Analysis analysis() {
        return analysis;
    }

    /**
     * Analyses a song in the background (never on the engine or output thread): progress events, then the
     * metadata is written in the reference layout and, if the song is loaded, re-read and re-rendered.
     */
    public Analysis startAnalysis(String id) throws IOException {
        Path audio = songs.audioFile(id).orElseThrow(() -> new IOException("unknown song " + id));
        if (analysis != null) {
            analysis.cancelled().set(true);
        }
        Analysis job = new Analysis(id, new java.util.concurrent.atomic.AtomicBoolean());
        analysis = job;
        analyzer.execute(() -> {
            int[] last = {-1};
            try {
                io.beatlight.song.analysis.SongAnalyzer.Result result = io.beatlight.song.analysis.SongAnalyzer
                        .analyze(audio, percent -> {
                            if (percent != last[0]) {
                                last[0] = percent;
                                execute(() -> listener.eventToAll("info", "song_analysis_progress",
                                        Json.object().put("filename", id).put("percent", percent)));
                            }
                        }, job.cancelled()::get);
                io.beatlight.song.analysis.SongAnalyzer.write(folders.meta(), id, result);
                execute(() -> analysisDone(job, result));
            } catch (java.util.concurrent.CancellationException e) {
                execute(() -> {
                    if (analysis == job) {
                        analysis = null;
                    }
                    listener.eventToAll("info", "song_analysis_cancelled", Json.object().put("filename", id));
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("Analysis of '{}' failed: {}", id, e.getMessage());
                execute(() -> {
                    if (analysis == job) {
                        analysis = null;
                    }
                    listener.eventToAll("error", "song_analysis_failed", Json.object().put("filename", id)
                            .put("error", String.valueOf(e.getMessage())));
                });
            }
        });
        return job;
    }

    /** Saves the loaded song's sections to their metadata file, then re-reads the metadata. */
    public Path saveSections(List<io.beatlight.song.Section> sections) throws IOException {
        Path file = io.beatlight.song.SectionsWriter.save(folders.meta(), song.id(), sections);
        song = MetadataLoader.load(folders.meta(), song.id(), songAudio);
        return file;
    }

    public boolean cancelAnalysis() {
        if (analysis == null) {
            return false;
        }
        analysis.cancelled().set(true);
        return true;
    }

    private void analysisDone(Analysis job, io.beatlight.song.analysis.SongAnalyzer.Result result) {
        if (analysis == job) {
            analysis = null;
        }
        if (song != null && song.id().equals(job.songId())) {
            song = MetadataLoader.load(folders.meta(), song.id(), songAudio);
            transport.setLength(song.lengthSeconds());
            rerender(0);
        }
        ArrayNode sections = Json.array();
        result.sections().forEach(s -> sections.add(s.name()));
        ObjectNode data = Json.object().put("filename", job.songId()).put("bpm", Math.rint(result.bpm() * 100) / 100)
                .put("beats", result.beats().size());
        data.set("sections", sections);
        listener.eventToAll("info", "song_analyzed", data);
        listener.stateChanged();
    }

    // ---- transport (protocol §6) ------------------------------------------------------------------------------

    /** R1: anchor at the current time and output the canvas. */
    public void play() {
        long now = System.nanoTime();
        if (transport.isPlaying()) {
            return;
        }
        cancelPreview();
        transport.anchor(transport.timeAt(now), now);
        transport.play(now);
        router.play(canvas, transport);
        startTicker();
    }

    /** R2: freeze time; editor := canvas[frame(t)]; output := editor. No-op when not playing. */
    public void pause() {
        if (!transport.isPlaying()) {
            return;
        }
        long now = System.nanoTime();
        transport.pause(now);
        stopTicker();
        if (canvas != null) {
            router.setEditor(canvas.frameAt(transport.timeAt(now)));
        } else {
            router.showEditor();
        }
    }

    /** R3: stop; t := 0; editor := canvas[0]; output := blackout (held until the next seek, edit or play). */
    public void stop() {
        cancelPreview();
        stopTicker();
        transport.stopAt(0);
        if (canvas != null) {
            router.setEditor(canvas.frame(0));
        }
        router.blackout();
    }

    /**
     * Replaces the cue sheet's rows: valid rows re-sorted into sheet order, rows that fail validation kept verbatim
     * after them. The file is written first; if that fails nothing changes in memory. Then the canvas re-renders.
     */
    public void replaceCueRows(List<com.fasterxml.jackson.databind.JsonNode> rows) throws IOException {
        replaceCueRows(rows, 0);
    }

    /**
     * As {@link #replaceCueRows(List)}, when every changed row (old and new versions) starts at or after
     * {@code changedFromSeconds}: only the frames from there on are rendered again.
     */
    public void replaceCueRows(List<com.fasterxml.jackson.databind.JsonNode> rows, double changedFromSeconds)
            throws IOException {
        long t0 = System.nanoTime();
        CueEntries checked = CueEntries.check(rows, rig, effects, chasers, sheet.version());
        List<com.fasterxml.jackson.databind.JsonNode> ordered = new ArrayList<>();
        checked.sheetOrder().forEach(e -> ordered.add(e.row()));
        checked.invalid().forEach(e -> ordered.add(e.row()));
        CueSheet next = sheet.withRows(ordered);
        CueEntries nextCues = CueEntries.check(next.rows(), rig, effects, chasers, next.version());
        long t1 = System.nanoTime();
        // render while the file is written; nothing becomes visible unless the write succeeds
        Canvas previous = canvas;
        CompletableFuture<Canvas> rendering = CompletableFuture.supplyAsync(() -> renderer.rerender(previous,
                changedFromSeconds, new RenderInput(rig, pois.valid(), nextCues.renderRows(chasers, song.bpm()),
                        song.lengthSeconds(), (int) CANVAS_FPS, next.version())));
        try {
            CueSheetFiles.save(next);
        } catch (IOException e) {
            rendering.cancel(false);
            throw e;
        }
        long t2 = System.nanoTime();
        history.recordEdit(sheet, CueHistory.describe(sheet, next));
        sheet = next;
        cues = nextCues;
        canvas = rendering.join();
        writeDebugLog(canvas);
        if (transport.isPlaying()) {
            router.play(canvas, transport);
        }
        long t3 = System.nanoTime();
        LOG.debug("cue edit: check {} ms, save {} ms, render done {} ms later", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** Saves and installs a new version of the sheet (rows or render version), then re-renders. */
    public void replaceSheet(CueSheet next) throws IOException {
        CueSheetFiles.save(next);
        history.recordEdit(sheet, CueHistory.describe(sheet, next));
        install(next);
    }

    /** Undoes the last cue sheet edit (saved, re-rendered); empty when there is nothing to undo. */
    public Optional<String> undoCues() throws IOException {
        return stepHistory(true);
    }

    /** Redoes the last undone edit; empty when there is nothing to redo. */
    public Optional<String> redoCues() throws IOException {
        return stepHistory(false);
    }

    private Optional<String> stepHistory(boolean back) throws IOException {
        Optional<CueHistory.Step> step = back ? history.peekUndo() : history.peekRedo();
        if (step.isEmpty()) {
            return Optional.empty();
        }
        CueSheet from = step.get().sheet();
        // the history's sheet, written to the file the current sheet lives in
        CueSheet restored = new CueSheet(sheet.file(), from.container(), from.header(), from.rows(), from.version(),
                null);
        CueSheetFiles.save(restored);
        CueSheet current = sheet;
        install(restored);
        return Optional.of((back ? history.completeUndo(current) : history.completeRedo(current)).label());
    }

    public CueHistory history() {
        return history;
    }

    private void install(CueSheet next) {
        sheet = next;
        cues = CueEntries.check(sheet.rows(), rig, effects, chasers, sheet.version());
        rerender();
    }

    /** Re-reads the cue file (cue.reload); the current sheet stays when the file cannot be read. */
    public CueSheetFiles.Loaded reloadCues() {
        CueSheetFiles.Loaded loaded = CueSheetFiles.load(folders.cues(), song.id());
        if (!loaded.sheet().readOnly()) {
            chasers = Chasers.load(folders.chasers());
            sheet = loaded.sheet();
            cues = CueEntries.check(sheet.rows(), rig, effects, chasers, sheet.version());
            history.clear();
            rerender();
        }
        return loaded;
    }

    /** R6: re-renders the canvas after a cue or POI change; while playing the output follows the new canvas. */
    public void rerender() {
        rerender(0);
    }

    /** Re-renders from {@code changedFromSeconds} on (0 = everything). */
    public void rerender(double changedFromSeconds) {
        if (song == null || cues == null) {
            return;
        }
        canvas = renderer.rerender(canvas, changedFromSeconds, new RenderInput(rig, pois.valid(),
                cues.renderRows(chasers, song.bpm()), song.lengthSeconds(), (int) CANVAS_FPS, sheet.version()));
        writeDebugLog(canvas);
        if (transport.isPlaying()) {
            router.play(canvas, transport);
        }
    }

    /** A seek (or a sync when {@code sync}): returns false when a sync was close enough to be a no-op. */
    public boolean seek(double seconds, boolean sync) {
        long now = System.nanoTime();
        double target = Math.max(0, Math.min(seconds, transport.lengthSeconds()));
        if (transport.isPlaying()) {
            if (sync && Math.abs(transport.timeAt(now) - target) < 0.010) {
                return false;
            }
            transport.anchor(target, now);
            router.play(canvas, transport);
            return true;
        }
        cancelPreview();
        transport.anchor(target, now);
        if (canvas != null) {
            router.setEditor(canvas.frameAt(target));
        } else {
            router.showEditor();
        }
        return true;
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** 60 Hz while playing or previewing: song end, preview end, and a (throttled) broadcast. */
    private void tick() {
        try {
            long now = System.nanoTime();
            if (preview != null) {
                finishPreviewIfDone(now);
                return;
            }
            if (!transport.isPlaying()) {
                stopTicker();
                return;
            }
            double t = transport.timeAt(now);
            if (t >= transport.lengthSeconds()) {
                transport.stopAt(transport.lengthSeconds());
                stopTicker();
                if (canvas != null) {
                    router.setEditor(canvas.frameAt(transport.lengthSeconds()));
                } else {
                    router.showEditor();
                }
                listener.eventToAll("info", "song_ended", Json.object()
                        .put("filename", song == null ? null : song.id()));
            }
            listener.stateChanged();
        } catch (Throwable t) {
            LOG.error("tick failed", t);
        }
    }

    // ---- live DMX ---------------------------------------------------------------------------------------------

    /** One validated channel write. */
    public record ChannelWrite(int universe, int channel, int value) {
    }

    /** Applies validated writes to the editor and shows it (the caller has checked we are not playing). */
    public void applyEdits(List<ChannelWrite> writes) {
        for (ChannelWrite write : writes) {
            router.editor().set(write.universe(), write.channel(), write.value());
        }
        router.showEditor();
    }

    /** A running preview: a fixture effect or a chaser, played on output from a clip. */
    public record Preview(String requestId, String kind, ObjectNode info, ClipSource source, boolean keepResult) {
    }

    private Preview preview;

    public Preview preview() {
        return preview;
    }

    /**
     * R4: plays a clip on output now, replacing any running preview. At the natural end a fixture preview leaves its
     * last frame in the editor (kept in memory, never in files); a chaser preview returns to the editor.
     */
    public Preview startPreview(Canvas clip, String kind, ObjectNode info, boolean keepResult) {
        cancelPreview();
        String requestId = java.util.UUID.randomUUID().toString();
        ClipSource source = router.preview(clip, System.nanoTime());
        preview = new Preview(requestId, kind, info, source, keepResult);
        startTicker();
        return preview;
    }

    /** Cancels a running preview (output := editor, the look from before it). Returns false when none ran. */
    public boolean cancelPreview() {
        if (preview == null) {
            return false;
        }
        preview = null;
        router.showEditor();
        return true;
    }

    /** Called by the ticker: ends a preview whose clip has played out. */
    private void finishPreviewIfDone(long now) {
        if (preview == null || !preview.source().finishedAt(now)) {
            return;
        }
        Preview done = preview;
        preview = null;
        if (done.keepResult()) {
            router.setEditor(done.source().clip().frame(done.source().clip().frameCount() - 1));
        } else {
            router.showEditor();
        }
        ObjectNode data = done.info().deepCopy().put("requestId", done.requestId());
        listener.eventToAll("info", done.kind().equals("chaser") ? "chaser_preview_finished" : "preview_finished",
                data);
        listener.stateChanged();
    }

    public void setArmed(String fixtureId, boolean value) {
        armed.put(fixtureId, value);
    }

    public boolean isArmed(String fixtureId) {
        return armed.getOrDefault(fixtureId, true);
    }

    // ---- POIs -------------------------------------------------------------------------------------------------

    /** Saves the new POI book, then makes it current (file first: memory never runs ahead of disk); re-renders. */
    public void replacePois(PoiBook next) throws IOException {
        next.save(poisFile());
        pois = next;
        rerender();
    }

    public Path poisFile() {
        return folders.fixtures().resolve(PoiBook.FILE);
    }

    // ---- readers (engine thread) ------------------------------------------------------------------------------

    public Rig rig() {
        return rig;
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

    public SongLibrary songs() {
        return songs;
    }

    public SongMetadata song() {
        return song;
    }

    public Path songAudio() {
        return songAudio;
    }

    public Transport transport() {
        return transport;
    }

    public OutputRouter router() {
        return router;
    }

    public ShowFolders folders() {
        return folders;
    }

    public Optional<Fixture> fixture(String id) {
        return rig.fixture(id);
    }

    public double timeNow() {
        return transport.timeAt(System.nanoTime());
    }

    public DmxFrame outputNow() {
        return router.outputAt(System.nanoTime());
    }

    public String sectionName() {
        if (song == null) {
            return null;
        }
        Section section = song.sectionAt(timeNow());
        return section == null ? null : section.name();
    }

    // ---- shutdown ---------------------------------------------------------------------------------------------

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        if (analysis != null) {
            analysis.cancelled().set(true);
        }
        analyzer.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public EffectRegistry effects() {
        return effects;
    }

    /** The render semantics in force: the loaded sheet's, or v2 when there is none. */
    public io.beatlight.effects.RenderVersion renderVersion() {
        return sheet == null ? io.beatlight.effects.RenderVersion.V2 : sheet.version();
    }

    public Renderer renderer() {
        return renderer;
    }

    public Chasers chasers() {
        return chasers;
    }

    /** The loaded song's cue sheet, or null. */
    public CueSheet sheet() {
        return sheet;
    }

    public CueEntries cues() {
        return cues;
    }

    public Canvas canvas() {
        return canvas;
    }

    public List<ObjectNode> poiRecords() {
        return pois.valid();
    }
}
