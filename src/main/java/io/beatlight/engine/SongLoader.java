package io.beatlight.engine;

import io.beatlight.show.Canvas;
import io.beatlight.show.Chasers;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.SongMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a song: reads its metadata, the chasers and its cue sheet, renders the first canvas, and only then hands
 * everything to the {@link CueSession} and resets playback. Runs on the engine thread.
 */
public final class SongLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SongLoader.class);

    private final ShowEngine engine;
    private final ShowFolders folders;

    SongLoader(ShowEngine engine, ShowFolders folders) {
        this.engine = engine;
        this.folders = folders;
    }

    /** The outcome of a song load: metadata problems, and the cue sheet's (with each bad row's index). */
    public record Result(SongMetadata metadata, List<String> problems, List<String> cueWarnings,
                         List<CueEntries.Entry> invalidCues) {
    }

    /**
     * Loads a listed song: metadata, cue sheet, chasers and canvas; the editor and output go back to the arm
     * defaults at t = 0, not playing. Nothing changes when reading the song fails.
     */
    public Result load(String id) throws IOException {
        Path audio = engine.songs().audioFile(id).orElseThrow(() -> new IOException("unknown song " + id));
        SongMetadata metadata = MetadataLoader.load(folders.meta(), id, audio);
        Chasers chasers = Chasers.load(folders.chasers());
        CueSheetFiles.Loaded loadedSheet = CueSheetFiles.load(folders.cues(), id);
        CueEntries checked = CueEntries.check(loadedSheet.sheet().rows(), engine.rig(), engine.effects(), chasers,
                loadedSheet.sheet().version());
        long started = System.nanoTime();
        Canvas rendered = engine.renderer().render(engine.renderInput(checked.renderRows(chasers, metadata.bpm()),
                metadata.lengthSeconds(), loadedSheet.sheet().version()));
        engine.session().songLoaded(metadata, audio, chasers, loadedSheet.sheet(), checked, rendered);
        engine.playback().songLoaded(metadata.lengthSeconds());
        LOG.info("Loaded song '{}' ({} s, bpm {}; {} cues, render v{} {} frames in {} ms)", id,
                String.format("%.1f", metadata.lengthSeconds()), metadata.bpm(), checked.sheetOrder().size(),
                loadedSheet.sheet().version().number(), rendered.frameCount(),
                (System.nanoTime() - started) / 1_000_000);
        analyseWhenTempoUnknown(id, metadata);
        List<String> cueWarnings = new ArrayList<>(loadedSheet.warnings());
        cueWarnings.addAll(chasers.problems());
        return new Result(metadata, metadata.problems(), cueWarnings, checked.invalid());
    }

    /** Loads the preferred song when listed, else the first song, else nothing. */
    public Optional<Result> loadDefault(Optional<String> preferred) {
        List<String> ids = engine.songs().list();
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
            Result loaded = load(pick);
            loaded.problems().forEach(p -> LOG.warn("Song metadata: {}", p));
            loaded.cueWarnings().forEach(w -> LOG.warn("Cue sheet: {}", w));
            loaded.invalidCues().forEach(e -> LOG.warn("Cue sheet row {} skipped: {}", e.fileIndex(), e.problem()));
            return Optional.of(loaded);
        } catch (IOException e) {
            LOG.error("Cannot load song '{}': {}", pick, e.getMessage());
            return Optional.empty();
        }
    }

    /** When nothing in the metadata tells the tempo, finds it from the audio, in the background. */
    private void analyseWhenTempoUnknown(String id, SongMetadata metadata) {
        if (metadata.bpm() != null || !metadata.beats().isEmpty() || !metadata.sections().isEmpty()) {
            return;
        }
        try {
            engine.analysis().start(id);
        } catch (IOException e) {
            LOG.warn("Cannot analyse '{}': {}", id, e.getMessage());
        }
    }
}
