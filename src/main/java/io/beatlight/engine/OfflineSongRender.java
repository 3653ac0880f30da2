package io.beatlight.engine;

import io.beatlight.effects.EffectRegistry;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.Canvas;
import io.beatlight.show.Chasers;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.show.RenderInput;
import io.beatlight.show.Renderer;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.SongMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A song rendered straight from the show folder's files, as {@link SongLoader} renders it (rig, POIs, metadata,
 * chasers, cue sheet, the canvas at {@link ShowEngine#CANVAS_FPS}), but on the calling thread with no engine, no
 * network and nothing written: for command-line exports. Unlike a song load it never starts an analysis.
 */
public final class OfflineSongRender {
    /** The rendered song, its audio file, and what could not be read (rows skipped, metadata problems). */
    public record Rendered(SongMetadata metadata, Path audio, Canvas canvas, int cues, List<String> problems) {
    }

    private OfflineSongRender() {
    }

    /** Renders song {@code id} of the show; fails when the song is not in {@code songs/}. */
    public static Rendered render(ShowFolders folders, String id) throws IOException {
        if (!SongLibrary.isSafeId(id)) {
            throw new IOException("'" + id + "' cannot name a song");
        }
        Path audio = new SongLibrary(folders.songs()).audioFile(id)
                .orElseThrow(() -> new IOException("no song '" + id + "' in " + folders.songs()));
        List<String> problems = new ArrayList<>();
        PoiBook.Loaded pois = PoiBook.load(folders.fixtures().resolve(PoiBook.FILE));
        RigLoader.Result rig = RigLoader.load(folders.fixtures());
        pois.problems().forEach(p -> problems.add(p.toString()));
        rig.problems().stream().filter(p -> p.severity() == LoadProblem.Severity.ERROR)
                .forEach(p -> problems.add(p.toString()));
        SongMetadata metadata = MetadataLoader.load(folders.meta(), id, audio);
        problems.addAll(metadata.problems());
        Chasers chasers = Chasers.load(folders.chasers());
        problems.addAll(chasers.problems());
        CueSheetFiles.Loaded sheet = CueSheetFiles.load(folders.cues(), id);
        problems.addAll(sheet.warnings());
        EffectRegistry effects = new EffectRegistry();
        CueEntries checked = CueEntries.check(sheet.sheet().rows(), rig.rig(), effects, chasers,
                sheet.sheet().version());
        checked.invalid().forEach(e -> problems.add("cue row " + e.fileIndex() + " skipped: " + e.problem()));
        Canvas canvas = new Renderer(effects).render(new RenderInput(rig.rig(), pois.book().valid(),
                checked.renderRows(chasers, metadata.bpm()), metadata.lengthSeconds(), (int) ShowEngine.CANVAS_FPS,
                sheet.sheet().version()));
        return new Rendered(metadata, audio, canvas, checked.sheetOrder().size(), problems);
    }
}
