package io.beatlight.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.rig.FixturesFile;
import io.beatlight.rig.RigHistory;
import io.beatlight.rig.TemplatePlacement;
import io.beatlight.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Patch edits: every change of {@code fixtures.json} (and the template file a new fixture needs) becomes the rig at
 * once (the cues are checked against it again, the canvas re-renders and each remaining fixture keeps its look) and is
 * written on the {@link Persistence} thread, atomically with a {@code .bak}. Until those writes are durable the rows and
 * new templates are served from memory, so a quick second edit builds on the first. Every edit can be undone and
 * redone. Runs on the engine thread.
 */
public final class RigEditor {
    private final ShowEngine engine;
    private final FixturesFile file;
    private final RigHistory history = new RigHistory(100);
    /** The rows handed over and not yet known durable; null when fixtures.json on disk is current. */
    private ArrayNode latest;
    /** New template files (by file name) handed over and not yet known durable; written again with every save. */
    private final Map<String, JsonNode> newTemplates = new TreeMap<>();
    private int pendingWrites;

    RigEditor(ShowEngine engine, ShowFolders folders) {
        this.engine = engine;
        this.file = new FixturesFile(folders.fixtures());
    }

    /** The rows of fixtures.json as they are (or will be, once written); fails when the file cannot be read. */
    public ArrayNode rows() throws IOException {
        return latest != null ? latest.deepCopy() : file.read();
    }

    /**
     * Makes {@code next} (with {@code template} when it is given and not there yet) the rig, and hands the files to the
     * persistence thread. A failed write keeps the new rig in memory (the next patch save writes it again).
     */
    public void apply(ArrayNode next, String label, TemplatePlacement.Placed template) throws IOException {
        ArrayNode before = rows();
        if (template != null && !template.exists()) {
            newTemplates.put(template.fileName(), template.template().deepCopy());
        }
        save(next.deepCopy());
        history.recordEdit(before, label);
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
        ArrayNode current = rows();
        save(step.get().rows().deepCopy());
        RigHistory.Step done = back ? history.completeUndo(current) : history.completeRedo(current);
        return Optional.of(done.label());
    }

    /** Hands {@code rows} and the pending templates over (immutable copies), then reloads the rig from them. */
    private void save(ArrayNode rows) {
        Map<String, JsonNode> templates = Map.copyOf(newTemplates);
        Path dir = engine.folders().fixtures();
        latest = rows;
        pendingWrites++;
        engine.persistence().write(file.path(), sync -> {
            for (Map.Entry<String, JsonNode> t : templates.entrySet()) {
                AtomicFiles.writeJson(dir.resolve(t.getKey()), t.getValue(), true, sync);
            }
            file.save(rows, sync);
        }).whenComplete((done, failure) -> engine.execute(() -> written(failure == null)));
        engine.reloadRig(rows, templates);
    }

    /** A write finished: once all are durable and none failed, the folder on disk is current again. */
    private void written(boolean succeeded) {
        pendingWrites--;
        if (pendingWrites == 0 && succeeded) {
            latest = null;
            newTemplates.clear();
        }
    }

    public RigHistory history() {
        return history;
    }
}
