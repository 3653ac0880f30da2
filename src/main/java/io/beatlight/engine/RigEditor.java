package io.beatlight.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.rig.FixturesFile;
import io.beatlight.rig.RigHistory;
import io.beatlight.rig.TemplatePlacement;
import java.io.IOException;
import java.util.Optional;

/**
 * Patch edits: every change of {@code fixtures.json} (and the template file a new fixture needs) is written first,
 * atomically with a {@code .bak}; only then does the engine reload the rig, check the cues against it again,
 * re-render and keep each remaining fixture's look. Every edit can be undone and redone. Runs on the engine thread.
 */
public final class RigEditor {
    private final ShowEngine engine;
    private final FixturesFile file;
    private final RigHistory history = new RigHistory(100);

    RigEditor(ShowEngine engine, ShowFolders folders) {
        this.engine = engine;
        this.file = new FixturesFile(folders.fixtures());
    }

    /** The rows of fixtures.json as stored; fails when the file cannot be read (it is then never written). */
    public ArrayNode rows() throws IOException {
        return file.read();
    }

    /**
     * Writes {@code template} when it is given and not there yet, then {@code next} as the new fixtures.json, and
     * reloads the rig. When a write fails nothing changes in memory (a template file already written stays unused).
     */
    public void apply(ArrayNode next, String label, TemplatePlacement.Placed template) throws IOException {
        ArrayNode before = file.read();
        if (template != null) {
            template.write(engine.folders().fixtures());
        }
        file.save(next);
        history.recordEdit(before, label);
        engine.reloadRig();
    }

    /** Undoes the last patch edit (saved, rig reloaded); empty when there is nothing to undo. */
    public Optional<String> undo() throws IOException {
        return step(true);
    }

    /** Redoes the last undone patch edit; empty when there is nothing to redo. */
    public Optional<String> redo() throws IOException {
        return step(false);
    }

    private Optional<String> step(boolean back) throws IOException {
        Optional<RigHistory.Step> step = back ? history.peekUndo() : history.peekRedo();
        if (step.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode current = file.read();
        file.save(step.get().rows());
        RigHistory.Step done = back ? history.completeUndo(current) : history.completeRedo(current);
        engine.reloadRig();
        return Optional.of(done.label());
    }

    public RigHistory history() {
        return history;
    }
}
