package io.beatlight.show;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo of cue sheet edits: whole immutable sheets with a short label, so every kind of edit (a cue, a
 * cleared window, an applied chaser, a render version switch, an accepted assistant proposal) undoes the same way.
 * Shared by all clients, like the sheet itself; cleared when another song or the file on disk is loaded.
 */
public final class CueHistory {
    /** One step: the sheet as it was before (undo) or after (redo) the edit called {@code label}. */
    public record Step(CueSheet sheet, String label) {
    }

    private final int limit;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();

    public CueHistory(int limit) {
        this.limit = limit;
    }

    /** A new edit replaced {@code before}: it can be undone, and the redo list is gone. */
    public void recordEdit(CueSheet before, String label) {
        push(undo, new Step(before, label));
        redo.clear();
    }

    public Optional<Step> peekUndo() {
        return Optional.ofNullable(undo.peek());
    }

    public Optional<Step> peekRedo() {
        return Optional.ofNullable(redo.peek());
    }

    /** Called once the undo is applied: {@code current} (the sheet it replaced) becomes redoable. */
    public Step completeUndo(CueSheet current) {
        Step step = undo.pop();
        push(redo, new Step(current, step.label()));
        return step;
    }

    /** Called once the redo is applied: {@code current} becomes undoable again. */
    public Step completeRedo(CueSheet current) {
        Step step = redo.pop();
        push(undo, new Step(current, step.label()));
        return step;
    }

    public int undoCount() {
        return undo.size();
    }

    public int redoCount() {
        return redo.size();
    }

    public void clear() {
        undo.clear();
        redo.clear();
    }

    private void push(Deque<Step> stack, Step step) {
        stack.push(step);
        while (stack.size() > limit) {
            stack.removeLast();
        }
    }

    /** A label for an edit from the rows before and after it. */
    public static String describe(CueSheet before, CueSheet after) {
        int delta = after.rows().size() - before.rows().size();
        if (before.version() != after.version()) {
            return "render version " + after.version().number();
        }
        if (delta > 0) {
            return "add " + delta + (delta == 1 ? " cue" : " cues");
        }
        if (delta < 0) {
            return "remove " + -delta + (delta == -1 ? " cue" : " cues");
        }
        return "edit cues";
    }
}
