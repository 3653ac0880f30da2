package io.beatlight.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.playback.ClipSource;
import io.beatlight.playback.FrameSource;
import io.beatlight.playback.OutputRouter;
import io.beatlight.playback.Transport;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.Rig;
import io.beatlight.show.Canvas;
import io.beatlight.show.PartialCanvas;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What goes out on Art-Net and when: the transport (play, pause, stop, seek), the editor universe and its live
 * channel edits, arm state, previews of a fixture effect or a chaser, and the 60 Hz ticker that notices the end of
 * the song or of a preview. Runs on the engine thread; the output loop only reads the immutable {@link FrameSource}
 * the router publishes.
 */
public final class PlaybackControl {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackControl.class);
    private static final long TICK_NANOS = 1_000_000_000L / 60;

    private final ShowEngine engine;
    private final Consumer<FrameSource> outputPublisher;
    private final Transport transport = new Transport(0);
    private final Map<String, Boolean> armed = new HashMap<>();
    private final PreviewClips clips;
    private OutputRouter router;
    private ScheduledFuture<?> ticker;
    private Preview preview;
    /**
     * The song time a seek or pause took the editor's look at while an edit handed over before it was still being
     * re-rendered (NaN when none): the look is taken again from each newly installed canvas until the one holding
     * that edit ({@link #refreshUpTo}) is in, unless the editor was changed meanwhile.
     */
    private double refreshEditorAt = Double.NaN;
    private long refreshUpTo;

    PlaybackControl(ShowEngine engine, Consumer<FrameSource> outputPublisher) {
        this.engine = engine;
        this.outputPublisher = outputPublisher;
        this.clips = new PreviewClips(engine);
        this.router = new OutputRouter(Rig.empty().armDefaults(), outputPublisher, engine::executeUnlessStopped);
    }

    // ---- transport --------------------------------------------------------------------------------------------

    /** Anchors at the current time and outputs the canvas. */
    public void play() {
        long now = System.nanoTime();
        if (transport.isPlaying()) {
            return;
        }
        cancelPreview();
        refreshEditorAt = Double.NaN;
        transport.anchor(transport.timeAt(now), now);
        transport.play(now);
        router.play(canvas(), transport);
        startTicker();
    }

    /** Freezes time; the editor takes the canvas frame at that time and goes to output. No-op when not playing. */
    public void pause() {
        if (!transport.isPlaying()) {
            return;
        }
        long now = System.nanoTime();
        transport.pause(now);
        stopTicker();
        showEditorAt(transport.timeAt(now));
    }

    /** Stops at t = 0; the editor takes the first canvas frame; output is black until the next seek, edit or play. */
    public void stop() {
        cancelPreview();
        refreshEditorAt = Double.NaN;
        stopTicker();
        transport.stopAt(0);
        Canvas canvas = canvas();
        if (canvas != null) {
            router.setEditor(canvas.frame(0));
        }
        router.blackout();
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
            router.play(canvas(), transport);
            return true;
        }
        cancelPreview();
        transport.anchor(target, now);
        showEditorAt(target);
        return true;
    }

    public boolean isPlaying() {
        return transport.isPlaying();
    }

    /** Song time now, in seconds. */
    public double timeNow() {
        return transport.timeAt(System.nanoTime());
    }

    public double timeAt(long nanoTime) {
        return transport.timeAt(nanoTime);
    }

    /** "playing", "paused" or "stopped". */
    public String stateName(long nanoTime) {
        return transport.stateName(nanoTime);
    }

    // ---- output and the editor universe -----------------------------------------------------------------------

    /** One validated channel write. */
    public record ChannelWrite(int universe, int channel, int value) {
    }

    /** Applies validated writes to the editor and shows it (the caller has checked we are not playing). */
    public void applyEdits(List<ChannelWrite> writes) {
        refreshEditorAt = Double.NaN;
        for (ChannelWrite write : writes) {
            router.editor().set(write.universe(), write.channel(), write.value());
        }
        router.showEditorSoon();
    }

    /** The editor's value of one channel (1-based address). */
    public int editorValue(int universe, int channel) {
        return router.editor().get(universe, channel);
    }

    public DmxFrame outputAt(long nanoTime) {
        return router.outputAt(nanoTime);
    }

    public void setArmed(String fixtureId, boolean value) {
        armed.put(fixtureId, value);
    }

    public boolean isArmed(String fixtureId) {
        return armed.getOrDefault(fixtureId, true);
    }

    // ---- previews ---------------------------------------------------------------------------------------------

    public Preview preview() {
        return preview;
    }

    /**
     * Renders one effect of one fixture, starting from the editor universe, and plays it on output now. At its end
     * the last frame stays in the editor (in memory only, never in files). The caller has validated the request.
     */
    public Preview previewEffect(String fixtureId, String effectId, double seconds, ObjectNode params) {
        Canvas clip = clips.effect(router.editor().freeze(), fixtureId, effectId, seconds, params);
        return startPreview(clip, Preview.Kind.FIXTURE, fixtureId, effectId, null, 1);
    }

    /**
     * Expands a chaser from time 0 at the loaded song's tempo and plays it from the editor universe; nothing is kept
     * afterwards. The caller has checked that the chaser exists and the song has a tempo.
     */
    public Preview previewChaser(String chaserId, long repetitions) {
        PreviewClips.ChaserClip chaser = clips.chaser(router.editor().freeze(), chaserId, repetitions);
        return startPreview(chaser.clip(), Preview.Kind.CHASER, null, null, chaserId, chaser.cueCount());
    }

    /** Plays a clip on output now, replacing any running preview. */
    private Preview startPreview(Canvas clip, Preview.Kind kind, String fixtureId, String effectId, String chaserId,
                                 int cueCount) {
        cancelPreview();
        refreshEditorAt = Double.NaN;
        ClipSource source = router.preview(clip, System.nanoTime());
        preview = new Preview(UUID.randomUUID().toString(), kind, fixtureId, effectId, chaserId, cueCount, source);
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

    // ---- changes made by the other parts ----------------------------------------------------------------------

    /** A new rig: arm state is forgotten and the editor starts from the rig's arm defaults. */
    void rigLoaded(Rig rig) {
        armed.clear();
        refreshEditorAt = Double.NaN;
        router = new OutputRouter(rig.armDefaults(), outputPublisher, engine::executeUnlessStopped);
    }

    /**
     * A patch edit changed the rig. A running preview stops. Each fixture that stayed keeps its look in the editor (a
     * moved fixture takes it along to its new address), a new fixture or one with another template starts from its arm
     * values, and addresses no fixture uses any more go dark. Arm flags of removed fixtures are forgotten.
     */
    void rigChanged(Rig previous, Rig next) {
        cancelPreview();
        refreshEditorAt = Double.NaN;
        DmxBuffer before = router.editor();
        DmxBuffer after = new DmxBuffer(next.layout());
        for (Fixture fixture : next.fixtures()) {
            Optional<Fixture> old = previous.fixture(fixture.id());
            if (old.isPresent() && old.get().template().channels().equals(fixture.template().channels())) {
                for (String channel : fixture.template().channels().keySet()) {
                    after.set(fixture.universe(), fixture.addressOf(channel),
                            before.get(old.get().universe(), old.get().addressOf(channel)));
                }
            } else {
                fixture.applyArmDefaults(after);
            }
        }
        Set<String> ids = new HashSet<>();
        next.fixtures().forEach(f -> ids.add(f.id()));
        armed.keySet().retainAll(ids);
        router.setEditor(after.freeze());
    }

    /** A new song: no preview, not playing, t = 0, the editor back to the arm defaults. */
    void songLoaded(double lengthSeconds) {
        cancelPreview();
        refreshEditorAt = Double.NaN;
        stopTicker();
        transport.reset(lengthSeconds);
        router.setEditor(engine.rig().armDefaults());
        engine.clock().songLoaded();
    }

    /** The song's length changed (its metadata was rewritten). */
    void songLengthChanged(double lengthSeconds) {
        transport.setLength(lengthSeconds);
    }

    /**
     * A new canvas was installed: while playing, output follows it. While not playing the editor is left alone
     * (R6), except after a seek or pause that came while an earlier edit was still rendering: that look is taken
     * again, as if the seek had waited for the edit's canvas.
     */
    void canvasChanged() {
        if (transport.isPlaying()) {
            router.play(canvas(), transport);
        } else if (!Double.isNaN(refreshEditorAt) && preview == null
                && router.mode() == OutputRouter.Mode.EDITOR && canvas() != null) {
            router.setEditor(canvas().frameAt(refreshEditorAt));
            if (engine.renders().installedGeneration() >= refreshUpTo) {
                refreshEditorAt = Double.NaN;
            }
        }
    }

    /**
     * A re-render has its frames around the playhead done: while playing, output follows them (and the previous
     * canvas's frames after them) until the whole canvas is installed.
     */
    void showEarlyLook(PartialCanvas look) {
        if (transport.isPlaying()) {
            router.play(look, transport);
        }
    }

    /** A re-render failed: while playing, output goes back to the installed canvas from an early look of it. */
    void renderFailed() {
        if (transport.isPlaying()) {
            router.play(canvas(), transport);
        }
    }

    // ---- the ticker -------------------------------------------------------------------------------------------

    private Canvas canvas() {
        return engine.session().canvas();
    }

    private void showEditorAt(double seconds) {
        Canvas canvas = canvas();
        if (canvas != null) {
            router.setEditor(canvas.frameAt(seconds));
        } else {
            router.showEditor();
        }
        boolean rendering = engine.renders().newestGeneration() > engine.renders().installedGeneration();
        refreshEditorAt = rendering ? seconds : Double.NaN;
        refreshUpTo = engine.renders().newestGeneration();
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = engine.scheduleAtFixedRate(this::tick, TICK_NANOS);
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
            if (transport.timeAt(now) >= transport.lengthSeconds()) {
                transport.stopAt(transport.lengthSeconds());
                stopTicker();
                showEditorAt(transport.lengthSeconds());
                engine.publish(new ShowEvent.SongEnded(engine.session().songId()));
            }
            engine.publish(ShowEvent.STATE_CHANGED);
        } catch (Throwable t) {
            LOG.error("tick failed", t);
        }
    }

    /** Ends a preview whose clip has played out. */
    private void finishPreviewIfDone(long now) {
        if (preview == null || !preview.source().finishedAt(now)) {
            return;
        }
        Preview done = preview;
        preview = null;
        if (done.keepsResult()) {
            router.setEditor(done.source().clip().frame(done.source().clip().frameCount() - 1));
        } else {
            router.showEditor();
        }
        engine.publish(new ShowEvent.PreviewFinished(done));
        engine.publish(ShowEvent.STATE_CHANGED);
    }
}
