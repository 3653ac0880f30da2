package io.beatlight.playback;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import java.util.function.Consumer;

/**
 * Decides what the output universe shows (docs/protocol.md#output-routing) and publishes it to Art-Net as an immutable
 * {@link FrameSource}. Nothing else ever chooses output. Owned by the show engine thread.
 */
public final class OutputRouter {
    /** What the output shows right now. */
    public enum Mode { EDITOR, BLACKOUT, PLAYING, PREVIEW }

    private final Consumer<FrameSource> publisher;
    private DmxBuffer editor;
    private Mode mode = Mode.EDITOR;
    private FrameSource current;

    public OutputRouter(DmxFrame initialEditor, Consumer<FrameSource> publisher) {
        this.publisher = publisher;
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
        return current.frameAt(nanoTime);
    }

    public FrameSource current() {
        return current;
    }

    private void publish(Mode newMode, FrameSource source) {
        mode = newMode;
        current = source;
        publisher.accept(source);
    }
}
