package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.FixtureChannels;
import io.beatlight.effects.RenderVersion;
import io.beatlight.effects.RowRenderer;
import io.beatlight.rig.Fixture;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders cue rows into a canvas (the semantics are described in docs/effects.md): a full render, a re-render after
 * an edit that reuses the frames before it, and the preview clip of one effect. {@link RenderPass} does the work.
 */
public final class Renderer {
    /** Effects whose pre-roll plan depends on earlier rows (in the later semantics). */
    private static final Pattern PRE_ROLLED = Pattern.compile("\\s*(sweep|orbit|orbit_out)\\s*");

    private final EffectRegistry registry;

    public Renderer(EffectRegistry registry) {
        this.registry = registry;
    }

    public EffectRegistry registry() {
        return registry;
    }

    /** Renders the whole input from its base universe. */
    public Canvas render(RenderInput input) {
        return new RenderPass(registry, input).render();
    }

    /**
     * Re-renders after an edit whose rows (before and after the edit) start no earlier than {@code changedSeconds}.
     * The universe carries forward, so frames before the edit cannot change: they are copied from {@code previous},
     * and rendering restarts at the first frame that no surviving row spans (a row's cached state must not cross the
     * restart). The result equals a full render.
     */
    public Canvas rerender(Canvas previous, double changedSeconds, RenderInput input) {
        if (!canReuse(previous, changedSeconds, input)) {
            return render(input);
        }
        int total = input.frameCount();
        int from = (int) Math.min(total, Math.max(0, Math.rint(changedSeconds * input.fps())));
        if (from > 0 && from < total) {
            // rows spanning the restart continue with their renderer from the previous render when it allows that
            Canvas continued = new RenderPass(registry, input, previous, from).render();
            if (continued != null) {
                return continued;
            }
        }
        from = beforeSpanningRows(input, from);
        if (from <= 0) {
            return render(input);
        }
        Canvas result = new RenderPass(registry, input, previous, from).render();
        return result != null ? result : render(input);
    }

    /** Whether {@code previous} has the same shape as this render and may lend it the frames before the edit. */
    private static boolean canReuse(Canvas previous, double changedSeconds, RenderInput input) {
        if (previous == null || previous.frameCount() != input.frameCount()
                || !previous.layout().equals(input.rig().layout()) || previous.fps() != input.fps()
                || !(changedSeconds > 0)) {
            return false;
        }
        // pre-roll plans depend on earlier rows and can reach back before the edit: render everything
        return input.version() == RenderVersion.V1 || input.rows().stream()
                .noneMatch(r -> PRE_ROLLED.matcher(r.effect().toLowerCase(Locale.ROOT)).matches());
    }

    /** Moves the restart back past every row that is active across it. */
    private static int beforeSpanningRows(RenderInput input, int from) {
        int fps = input.fps();
        boolean moved = true;
        while (moved && from > 0) {
            moved = false;
            for (CueRow row : input.rows()) {
                double start = Math.rint(row.time() * fps);
                double end = Math.rint((row.time() + Math.max(0, row.duration())) * fps);
                if (start < from && end >= from && start >= 0) {
                    from = (int) start;
                    moved = true;
                }
            }
        }
        return from;
    }

    /**
     * A preview clip: one effect on one fixture from the input's base, over {@code max(1, ceil(d·fps) + 1)} frames
     * (d the input's length) whose window is the whole clip; the input's rows are not used. Returns null when the
     * fixture is unknown.
     */
    public Canvas preview(RenderInput input, String fixtureId, String effectName, JsonNode data) {
        Fixture fixture = input.rig().fixture(fixtureId).orElse(null);
        if (fixture == null) {
            return null;
        }
        Effect effect = registry.forRow(fixture, effectName, input.version()).orElse(null);
        int total = input.frameCount();
        UniverseLayout layout = input.base().layout();
        int frameBytes = layout.frameBytes();
        byte[] canvas = new byte[Math.multiplyExact(total, frameBytes)];
        byte[] u = input.base().toBytes();
        RowRenderer renderer = null;
        for (int f = 0; f < total; f++) {
            if (effect != null) {
                if (renderer == null) {
                    renderer = effect.prepare(new FixtureChannels(fixture, layout), data, input.env());
                }
                renderer.render(f, 0, total - 1, u);
            }
            System.arraycopy(u, 0, canvas, f * frameBytes, frameBytes);
        }
        return new Canvas(layout, canvas, total, input.fps());
    }
}
