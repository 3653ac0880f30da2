package io.beatlight.rig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Undo and redo of patch edits: whole {@code fixtures.json} contents with a short label, so adding, moving, renaming
 * and removing fixtures all undo the same way. Template files written by an edit stay (they are harmless when unused,
 * and a redo needs them). Show-wide and shared by all clients; memory only.
 */
public final class RigHistory {
    /** One step: the rows as they were before (undo) or after (redo) the edit called {@code label}. */
    public record Step(ArrayNode rows, String label) {
    }

    private final int limit;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();

    public RigHistory(int limit) {
        this.limit = limit;
    }

    /** A new edit replaced {@code before}: it can be undone, and the redo list is gone. */
    public void recordEdit(ArrayNode before, String label) {
        push(undo, new Step(before.deepCopy(), label));
        redo.clear();
    }

    public Optional<Step> peekUndo() {
        return Optional.ofNullable(undo.peek());
    }

    public Optional<Step> peekRedo() {
        return Optional.ofNullable(redo.peek());
    }

    /** Called once the undo is applied: {@code current} (the rows it replaced) becomes redoable. */
    public Step completeUndo(ArrayNode current) {
        Step step = undo.pop();
        push(redo, new Step(current.deepCopy(), step.label()));
        return step;
    }

    /** Called once the redo is applied: {@code current} becomes undoable again. */
    public Step completeRedo(ArrayNode current) {
        Step step = redo.pop();
        push(undo, new Step(current.deepCopy(), step.label()));
        return step;
    }

    public int undoCount() {
        return undo.size();
    }

    public int redoCount() {
        return redo.size();
    }

    private void push(Deque<Step> stack, Step step) {
        stack.push(step);
        while (stack.size() > limit) {
            stack.removeLast();
        }
    }
}
