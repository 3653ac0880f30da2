package io.beatlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Effect;
import io.beatlight.effects.RenderVersion;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.Rig;
import io.beatlight.show.Canvas;
import io.beatlight.show.RenderInput;
import io.beatlight.show.CanvasDebugLog;
import io.beatlight.show.Chasers;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueHistory;
import io.beatlight.show.CueSheet;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.Section;
import io.beatlight.song.SectionsWriter;
import io.beatlight.song.SongMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded song and what is drawn on it: its metadata, the cue sheet and its checked cues, the chasers, the
 * rendered canvas, and the undo/redo history of sheet edits. Every change becomes current at once; its file is
 * written on the {@link Persistence} thread from the immutable new sheet and its canvas is re-rendered on the
 * {@link RenderWorker} (installed by {@link CanvasRenders} when done), so the engine never waits for the disk or a
 * render: the request's reply waits for both instead ({@link Persistence#track}). Runs on the engine thread.
 */
public final class CueSession {
    private static final Logger LOG = LoggerFactory.getLogger(CueSession.class);

    private final ShowEngine engine;
    private final ShowFolders folders;
    private final CueHistory history = new CueHistory(200);
    private SongMetadata song;
    private Path songAudio;
    private Chasers chasers = Chasers.empty();
    private CueSheet sheet;
    private CueEntries cues;
    private volatile boolean canvasDebugLog;

    CueSession(ShowEngine engine, ShowFolders folders) {
        this.engine = engine;
        this.folders = folders;
    }

    // ---- songs ------------------------------------------------------------------------------------------------

    /** A song was loaded by the {@link SongLoader}: its files read and checked, its canvas rendered. */
    void songLoaded(SongMetadata metadata, Path audio, Chasers loadedChasers, CueSheet loadedSheet,
                    CueEntries checked, Canvas rendered) {
        song = metadata;
        songAudio = audio;
        chasers = loadedChasers;
        sheet = loadedSheet;
        cues = checked;
        history.clear();
        engine.renders().installNow(rendered);
        writeDebugLog(rendered);
    }

    /**
     * Saves the loaded song's sections to their metadata file on the persistence thread; once it is durable the
     * metadata is read again (the song's sections follow the file). Returns the file that is written.
     */
    public Path saveSections(List<Section> sections) throws IOException {
        String id = song.id();
        Path file = SectionsWriter.target(folders.meta(), id);
        List<Section> snapshot = List.copyOf(sections);
        CompletableFuture<Void> durable = engine.persistence().write(file,
                sync -> SectionsWriter.save(folders.meta(), id, snapshot, sync));
        engine.persistence().track(durable.thenCompose(done -> engine.submit(() -> {
            metadataSaved(id);
            return null;
        })));
        return file;
    }

    private void metadataSaved(String songId) {
        if (song != null && song.id().equals(songId)) {
            song = MetadataLoader.load(folders.meta(), song.id(), songAudio);
        }
    }

    /** A song's metadata file was rewritten (by an analysis): when it is the loaded song, re-read and re-render. */
    void metadataRewritten(String songId) {
        if (song != null && song.id().equals(songId)) {
            song = MetadataLoader.load(folders.meta(), song.id(), songAudio);
            engine.playback().songLengthChanged(song.lengthSeconds());
            rerender(0);
        }
    }

    // ---- cue sheet edits --------------------------------------------------------------------------------------

    /**
     * Replaces the cue sheet's rows: valid rows re-sorted into sheet order, rows that fail validation kept verbatim
     * after them. The new sheet becomes current; its file is written on the persistence thread and its canvas
     * rendered on the render worker (the running request's reply waits for both). A read-only sheet (its file did
     * not parse) is refused and nothing changes.
     */
    public void replaceCueRows(List<JsonNode> rows) throws IOException {
        replaceCueRows(rows, 0);
    }

    /**
     * As {@link #replaceCueRows(List)}, when every changed row (old and new versions) starts at or after
     * {@code changedFromSeconds}: only the frames from there on are rendered again.
     */
    public void replaceCueRows(List<JsonNode> rows, double changedFromSeconds) throws IOException {
        long t0 = System.nanoTime();
        // the current entries were checked against this rig, these chasers and this version: unchanged rows keep
        // their verdicts
        CueEntries nextCues = CueEntries.recheck(rows, cues, engine.rig(), engine.effects(), chasers,
                sheet.version()).inSheetOrder();
        CueSheet next = sheet.withRows(nextCues.rows());
        long t1 = System.nanoTime();
        persist(next);
        long t2 = System.nanoTime();
        history.recordEdit(sheet, CueHistory.describe(sheet, next));
        sheet = next;
        cues = nextCues;
        rerender(changedFromSeconds);
        long t3 = System.nanoTime();
        LOG.debug("cue edit: check {} ms, hand over {} ms, hand to the render worker {} ms", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** Saves and installs a new version of the sheet (rows or render version), then re-renders. */
    public void replaceSheet(CueSheet next) throws IOException {
        persist(next);
        history.recordEdit(sheet, CueHistory.describe(sheet, next));
        install(next);
    }

    /** Undoes the last cue sheet edit (saved, re-rendered); empty when there is nothing to undo. */
    public Optional<String> undo() throws IOException {
        return stepHistory(true);
    }

    /** Redoes the last undone edit; empty when there is nothing to redo. */
    public Optional<String> redo() throws IOException {
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
        persist(restored);
        CueSheet current = sheet;
        install(restored);
        return Optional.of((back ? history.completeUndo(current) : history.completeRedo(current)).label());
    }

    /**
     * Hands the immutable sheet to the persistence thread (sheets and their rows are never changed in place: the
     * history keeps them too). A read-only sheet is refused here, before anything changes.
     */
    private void persist(CueSheet next) throws IOException {
        if (next.readOnly()) {
            throw new IOException("refusing to overwrite " + next.file().getFileName() + ": " + next.unreadable());
        }
        engine.persistence().write(next.file(), sync -> CueSheetFiles.save(next, sync));
    }

    private void install(CueSheet next) {
        replacesRendersUnderWay(next);
        sheet = next;
        cues = CueEntries.check(sheet.rows(), engine.rig(), engine.effects(), chasers, sheet.version());
        rerender();
    }

    /** Re-reads the cue file and the chasers; the current sheet stays when the file cannot be read. */
    public CueSheetFiles.Loaded reload() {
        CueSheetFiles.Loaded loaded = CueSheetFiles.load(folders.cues(), song.id());
        if (!loaded.sheet().readOnly()) {
            chasers = Chasers.load(folders.chasers());
            replacesRendersUnderWay(loaded.sheet());
            sheet = loaded.sheet();
            cues = CueEntries.check(sheet.rows(), engine.rig(), engine.effects(), chasers, sheet.version());
            history.clear();
            rerender();
        }
        return loaded;
    }

    /** A sheet under another render version changes every frame: renders of the old version are not installed. */
    private void replacesRendersUnderWay(CueSheet next) {
        if (sheet != null && next.version() != sheet.version()) {
            engine.renders().startOver();
        }
    }

    /**
     * The rig changed (a patch edit): the cues are checked against it again, since rows may name a fixture that left
     * or came back, and the canvas is rendered again here, on the engine thread (patch edits are refused while
     * playing), so no canvas of the old universe layout is ever installed after this.
     */
    void rigChanged() {
        if (sheet != null) {
            cues = CueEntries.check(sheet.rows(), engine.rig(), engine.effects(), chasers, sheet.version());
        }
        if (song == null || cues == null) {
            return;
        }
        Canvas rendered = engine.renderer().render(renderInput());
        engine.renders().installNow(rendered);
        canvasInstalled(rendered);
    }

    // ---- rendering --------------------------------------------------------------------------------------------

    /** Re-renders the canvas after a cue or POI change; while playing the output follows the new canvas. */
    public void rerender() {
        rerender(0);
    }

    /**
     * Re-renders from {@code changedFromSeconds} on (0 = everything) on the render worker; until the new canvas is
     * installed, playback keeps the previous one. The running request's reply waits until it is installed.
     */
    public void rerender(double changedFromSeconds) {
        if (song == null || cues == null) {
            return;
        }
        engine.persistence().track(engine.renders().rerender(renderInput(), changedFromSeconds));
    }

    private RenderInput renderInput() {
        return engine.renderInput(cues.renderRows(chasers, song.bpm()), song.lengthSeconds(), sheet.version());
    }

    /** A re-rendered canvas is installed: while playing the output follows it. */
    void canvasInstalled(Canvas rendered) {
        writeDebugLog(rendered);
        engine.playback().canvasChanged();
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
        Rig rigNow = engine.rig();
        CompletableFuture.runAsync(() -> {
            try {
                CanvasDebugLog.write(folders.cues(), id, rendered, rigNow);
            } catch (IOException e) {
                LOG.warn("Could not write the canvas debug log: {}", e.getMessage());
            }
        });
    }

    // ---- readers ----------------------------------------------------------------------------------------------

    /** The loaded song's metadata, or null. */
    public SongMetadata song() {
        return song;
    }

    /** The loaded song's id, or null. */
    public String songId() {
        return song == null ? null : song.id();
    }

    /** The loaded song's length in seconds; a song must be loaded. */
    public double songLengthSeconds() {
        return song.lengthSeconds();
    }

    /** The loaded song's tempo, or null when there is no song or it has none. */
    public Double bpm() {
        return song == null ? null : song.bpm();
    }

    public Path songAudio() {
        return songAudio;
    }

    /** The loaded song's cue sheet, or null. */
    public CueSheet sheet() {
        return sheet;
    }

    /** The sheet's rows checked against the rig, or null when no song is loaded. */
    public CueEntries cues() {
        return cues;
    }

    /** The sheet's rows in file order, valid or not (a song must be loaded). */
    public List<JsonNode> sheetRows() {
        return sheet.rows();
    }

    /** The valid cues in sheet order: the indexes of state.cues; empty when no song is loaded. */
    public List<CueEntries.Entry> sheetOrder() {
        return cues == null ? List.of() : cues.sheetOrder();
    }

    /** The rows of {@link #sheetOrder()}. */
    public List<JsonNode> validRows() {
        return sheetOrder().stream().map(CueEntries.Entry::row).toList();
    }

    public Chasers chasers() {
        return chasers;
    }

    /** Every chaser definition. */
    public List<ObjectNode> chaserDefinitions() {
        return chasers.all();
    }

    /** The definition of chaser {@code id}, if there is one. */
    public Optional<ObjectNode> chaser(String id) {
        return chasers.find(id);
    }

    /** The installed canvas (a re-render under way is not in it yet), or null before the first song. */
    public Canvas canvas() {
        return engine.renders().canvas();
    }

    /**
     * A canvas holding every change made so far: the installed one, or, while a re-render is under way, the current
     * sheet rendered here on the engine thread. For the rare readers that must see the latest edits (an export, a
     * read of the rendered output); playback never waits for this.
     */
    public Canvas upToDateCanvas() {
        CanvasRenders renders = engine.renders();
        if (renders.newestGeneration() == renders.installedGeneration() || song == null || cues == null) {
            return renders.canvas();
        }
        return engine.renderer().render(renderInput());
    }

    public CueHistory history() {
        return history;
    }

    /** The render semantics in force: the loaded sheet's, or v2 when there is none. */
    public RenderVersion renderVersion() {
        return sheet == null ? RenderVersion.V2 : sheet.version();
    }

    /** The effects the fixture offers under the render version in force. */
    public List<Effect> supportedEffects(Fixture fixture) {
        return engine.effects().supported(fixture, renderVersion());
    }
}
