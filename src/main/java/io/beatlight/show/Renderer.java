package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.FixtureChannels;
import io.beatlight.effects.RowRenderer;
import io.beatlight.rig.Fixture;
import java.util.Map;

/**
 * Renders cue rows into a canvas (the semantics are described in docs/effects.md): a full render, a re-render after
 * an edit that reuses the frames before it, and the preview clip of one effect. {@link RenderPass} does the work.
 */
public final class Renderer {

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
        return rerender(previous, changedSeconds, input, null);
    }

    /**
     * {@link #rerender(Canvas, double, RenderInput)}, showing an {@link EarlyLook} (may be null) when the frames up
     * to its time are done: only a re-render that continues {@code previous} gives one.
     */
    public Canvas rerender(Canvas previous, double changedSeconds, RenderInput input, EarlyLook look) {
        if (!canReuse(previous, changedSeconds, input)) {
            return render(input);
        }
        int total = input.frameCount();
        int from = (int) Math.min(total, Math.max(0, Math.rint(changedSeconds * input.fps())));
        Map<CueRow, Integer> plan = RenderPass.planPreRoll(input);
        if (!plan.isEmpty() || previous.preRolls() != PreRollStarts.NONE) {
            // a row at or after the edit may start its travel earlier, in the old render or the new one; rows before
            // the edit keep their plans (a plan depends only on the rows before it in time)
            from = Math.min(from, previous.preRolls().earliestStartOfRowsFrom(changedSeconds));
            from = Math.min(from, PreRollStarts.of(plan, input.fps(), total).earliestStartOfRowsFrom(changedSeconds));
        }
        if (from > 0 && from < total) {
            // rows spanning the restart continue with their renderer from the previous render when it allows that
            Canvas continued = new RenderPass(registry, input, previous, from).withPreRollPlan(plan)
                    .withEarlyLook(look).render();
            if (continued != null) {
                return continued;
            }
        }
        from = beforeSpanningRows(input, plan, from);
        if (from <= 0) {
            return render(input);
        }
        Canvas result = new RenderPass(registry, input, previous, from).withPreRollPlan(plan).withEarlyLook(look)
                .render();
        return result != null ? result : render(input);
    }

    /** Whether {@code previous} has the same shape as this render and may lend it the frames before the edit. */
    private static boolean canReuse(Canvas previous, double changedSeconds, RenderInput input) {
        return previous != null && previous.frameCount() == input.frameCount()
                && previous.layout().equals(input.rig().layout()) && previous.fps() == input.fps()
                && changedSeconds > 0;
    }

    /** Moves the restart back past every row that is active across it (from its pre-rolled start, if any). */
    private static int beforeSpanningRows(RenderInput input, Map<CueRow, Integer> preRollPlan, int from) {
        int fps = input.fps();
        boolean moved = true;
        while (moved && from > 0) {
            moved = false;
            for (CueRow row : input.rows()) {
                double visible = Math.rint(row.time() * fps);
                Integer preRoll = preRollPlan.get(row);
                double start = Math.max(0, visible - (preRoll == null ? 0 : preRoll));
                double end = Math.rint((row.time() + Math.max(0, row.duration())) * fps);
                if (visible >= 0 && start < from && end >= from) {
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
