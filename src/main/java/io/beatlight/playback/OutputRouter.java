package io.beatlight.playback;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Decides what the output universe shows (docs/protocol.md#output-routing) and publishes it to Art-Net as an immutable
 * {@link FrameSource}. Nothing else ever chooses output. Owned by the show engine thread.
 */
public final class OutputRouter {
    /** What the output shows right now. */
    public enum Mode { EDITOR, BLACKOUT, PLAYING, PREVIEW }

    private final Consumer<FrameSource> publisher;
    /** Runs a task after the ones already queued on the owning thread (see {@link #showEditorSoon()}). */
    private final Executor later;
    private DmxBuffer editor;
    private Mode mode = Mode.EDITOR;
    private FrameSource current;
    /** The editor changed in EDITOR mode and is not frozen and published yet. */
    private boolean editorPending;

    public OutputRouter(DmxFrame initialEditor, Consumer<FrameSource> publisher) {
        this(initialEditor, publisher, Runnable::run);
    }

    public OutputRouter(DmxFrame initialEditor, Consumer<FrameSource> publisher, Executor later) {
        this.publisher = publisher;
        this.later = later;
        this.editor = DmxBuffer.copyOf(initialEditor);
        showEditor();
    }

    public Mode mode() {
        return mode;
    }

    /** The editor universe, for edits. Call {@link #showEditor()} after changing it. */
    public DmxBuffer editor() {
        return editor;
    }

    /** Replaces the editor universe (song load, seek while idle, pause) and shows it. */
    public void setEditor(DmxFrame frame) {
        if (frame.layout().equals(editor.layout())) {
            editor.copyFrom(frame);
        } else {
            editor = DmxBuffer.copyOf(frame);
        }
        showEditor();
    }

    /** {@code output := editor}. */
    public void showEditor() {
        publish(Mode.EDITOR, FrameSource.constant(editor.freeze()));
    }

    /**
     * {@code output := editor}, published once the owning thread has run the tasks already queued: a burst of live
     * edits (many clients sending at 50 Hz) costs one copy of the universes instead of one per edit. Reading the
     * output on the owning thread publishes at once, and any other output change supersedes it.
     */
    public void showEditorSoon() {
        mode = Mode.EDITOR;
        if (!editorPending) {
            editorPending = true;
            later.execute(this::publishPendingEditor);
        }
    }

    private void publishPendingEditor() {
        if (editorPending) {
            showEditor();
        }
    }

    /** {@code output := all zero}, held until the next edit, seek, preview or play. */
    public void blackout() {
        publish(Mode.BLACKOUT, FrameSource.constant(DmxFrame.blackout(editor.layout())));
    }

    /** Output follows the song clock; without a rendered timeline it shows the editor universe. */
    public void play(FrameTimeline timeline, Transport transport) {
        if (timeline == null) {
            publish(Mode.PLAYING, FrameSource.constant(editor.freeze()));
        } else {
            publish(Mode.PLAYING, new PlaybackSource(timeline, transport.anchorSeconds(), transport.anchorNanos(),
                    transport.lengthSeconds()));
        }
    }

    /** Output plays a preview clip in real time from {@code startNanos}. */
    public ClipSource preview(FrameTimeline clip, long startNanos) {
        ClipSource source = new ClipSource(clip, startNanos);
        publish(Mode.PREVIEW, source);
        return source;
    }

    /** The frame on the wire at {@code nanoTime}. */
    public DmxFrame outputAt(long nanoTime) {
        return current().frameAt(nanoTime);
    }

    public FrameSource current() {
        publishPendingEditor();
        return current;
    }

    private void publish(Mode newMode, FrameSource source) {
        editorPending = false;
        mode = newMode;
        current = source;
        publisher.accept(source);
    }
}
