package io.beatlight.show;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.FixtureChannels;
import io.beatlight.effects.RenderEnv;
import io.beatlight.effects.RenderVersion;
import io.beatlight.effects.RowRenderer;
import io.beatlight.rig.Fixture;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass of the renderer over frames {@code [from, total)}: the working universe starts from {@code base} and
 * carries forward from frame to frame; each frame activates the rows starting on it, drops those that ended, and
 * renders the active rows in render order. A pass from frame 0 is a full render; a later start copies the earlier
 * frames from the previous canvas and continues the rows spanning the start with their previous renderers.
 */
final class RenderPass {
    /** A row with its frame window, resolved fixture and effect, and its renderer once the row has started. */
    private static final class Active {
        final CueRow row;
        final int start;
        final int end;
        final FixtureChannels fixture;
        final Effect effect;
        RowRenderer renderer;

        Active(CueRow row, int start, int end, FixtureChannels fixture, Effect effect) {
            this.row = row;
            this.start = start;
            this.end = end;
            this.fixture = fixture;
            this.effect = effect;
        }
    }

    private final EffectRegistry registry;
    private final RenderInput input;
    private final Canvas previous;
    private final int from;
    private final int total;
    private final DmxFrame base;
    private final Map<String, FixtureChannels> channels = new HashMap<>();
    /** Rows starting at or after {@code from}, in activation order. */
    private final List<Active> pending = new ArrayList<>();
    /** Rows that started before {@code from} and are still active there. */
    private final List<Active> spanning = new ArrayList<>();
    /** The previous render's renderers, taken by the spanning rows. */
    private final Map<RowKey, Deque<RowRenderer>> reusable;
    private final RowStates states = new RowStates();
    private EarlyLook look;
    /** The pre-roll plan (v2), computed once; null until scheduled or handed in. */
    private Map<CueRow, Integer> preRollPlan;

    /** A full render. */
    RenderPass(EffectRegistry registry, RenderInput input) {
        this(registry, input, null, 0, input.base());
    }

    /** A re-render from frame {@code from} (0 &lt; from &lt; total), continuing {@code previous}. */
    RenderPass(EffectRegistry registry, RenderInput input, Canvas previous, int from) {
        this(registry, input, previous, from, previous.frame(from - 1));
    }

    private RenderPass(EffectRegistry registry, RenderInput input, Canvas previous, int from, DmxFrame base) {
        this.registry = registry;
        this.input = input;
        this.previous = previous;
        this.from = from;
        this.total = input.frameCount();
        this.base = base;
        this.reusable = previous == null ? Map.of() : previous.rowStates().queues();
    }

    /** Uses a pre-roll plan the caller computed for this input (v2) instead of planning again. */
    RenderPass withPreRollPlan(Map<CueRow, Integer> plan) {
        this.preRollPlan = plan;
        return this;
    }

    /** Shows a look at the canvas once the frames up to the look's time are rendered (null: none). */
    RenderPass withEarlyLook(EarlyLook look) {
        this.look = look;
        return this;
    }

    /** Renders the pass; null when a row spanning the start cannot be continued from the middle. */
    Canvas render() {
        if (!scheduleRows()) {
            return null;
        }
        keepStatesOfSpanningAndEndedRows();
        UniverseLayout layout = base.layout();
        byte[] canvas = new byte[Math.multiplyExact(total, layout.frameBytes())];
        if (previous != null) {
            System.arraycopy(previous.bytes(), 0, canvas, 0, from * layout.frameBytes());
        }
        playFrames(canvas, layout.frameBytes());
        return new Canvas(layout, canvas, total, input.fps(), states,
                preRollPlan.isEmpty() ? PreRollStarts.NONE : PreRollStarts.of(preRollPlan, input.fps(), total));
    }

    // ---- scheduling ---------------------------------------------------------------------------------------------

    private boolean scheduleRows() {
        if (preRollPlan == null) {
            preRollPlan = planPreRoll(input);
        }
        Map<CueRow, Integer> preRoll = preRollPlan;
        for (CueRow row : input.rows()) {
            Active entry = activate(row, preRoll.get(row));
            if (entry == null) {
                continue;
            }
            if (entry.start >= from) {
                pending.add(entry);
            } else if (entry.end >= from && !continueFromPrevious(entry)) {
                return false;
            }
        }
        pending.sort(Comparator.comparingInt((Active a) -> a.start).thenComparing((a, b) -> CueRow.compare(a.row,
                b.row)));
        return true;
    }

    /** The pre-roll plan of the input's rows (v2; none in v1). */
    static Map<CueRow, Integer> planPreRoll(RenderInput input) {
        return input.version() == RenderVersion.V1 ? Map.of()
                : PreRoll.plan(input.rig(), input.pois(), input.rows(), input.base(), input.fps());
    }

    /**
     * The row's frame window with its fixture and effect; null when it renders nothing (unknown fixture or effect,
     * a time that is not finite, a start outside the song). {@code preRollFrames} (may be null) moves the start
     * earlier for a dark travel phase.
     */
    private Active activate(CueRow row, Integer preRollFrames) {
        Fixture fixture = input.rig().fixture(row.fixtureId()).orElse(null);
        if (fixture == null) {
            return null;
        }
        Effect effect = registry.forRow(fixture, row.effect(), input.version()).orElse(null);
        if (effect == null) {
            return null;
        }
        int fps = input.fps();
        double startProduct = row.time() * fps;
        double endProduct = (row.time() + Math.max(0, row.duration())) * fps;
        if (!Double.isFinite(startProduct) || !Double.isFinite(endProduct)) {
            return null;
        }
        double start = Math.rint(startProduct);
        double end = Math.rint(endProduct);
        if (start < 0 || start >= total) {
            return null;
        }
        CueRow planned = row;
        if (preRollFrames != null) {
            // the travel phase starts earlier; the visible part keeps its time
            planned = withVisibleFrame(row, (int) start);
            start = Math.max(0, start - preRollFrames);
        }
        FixtureChannels fc = channels.computeIfAbsent(fixture.id(),
                id -> new FixtureChannels(fixture, base.layout()));
        return new Active(planned, (int) start, (int) Math.min(end, Integer.MAX_VALUE), fc, effect);
    }

    /** The row with the first visible frame of its pre-roll added to its data. */
    private static CueRow withVisibleFrame(CueRow row, int visibleFrame) {
        ObjectNode data = row.data().isObject() ? ((ObjectNode) row.data()).deepCopy() : Json.object();
        data.put(RenderEnv.PREROLL_VISIBLE_FRAME, visibleFrame);
        return new CueRow(row.time(), row.fixtureId(), row.effect(), row.duration(), data, row.sheetIndex());
    }

    /** Gives a spanning row its renderer from the previous render; false when there is none it can continue with. */
    private boolean continueFromPrevious(Active entry) {
        Deque<RowRenderer> candidates = reusable.get(RowKey.of(entry.row));
        RowRenderer state = candidates == null ? null : candidates.pollFirst();
        if (state == null || !state.frozenAfterStart()) {
            return false;
        }
        entry.renderer = state;
        spanning.add(entry);
        return true;
    }

    /** Spanning rows keep their renderers; rows that ended before the start keep theirs for later re-renders. */
    private void keepStatesOfSpanningAndEndedRows() {
        for (Active a : spanning) {
            states.add(RowKey.of(a.row), a.renderer);
        }
        reusable.forEach((key, renderers) -> {
            if (key.endFrame(input.fps()) < from) {
                states.addAll(key, renderers);
            }
        });
    }

    // ---- the frame loop -----------------------------------------------------------------------------------------

    private void playFrames(byte[] canvas, int frameBytes) {
        RenderEnv env = input.env();
        byte[] u = base.toBytes();
        int lookFrame = lookFrame();
        List<Active> active = new ArrayList<>(spanning);
        active.sort((a, b) -> CueRow.compare(a.row, b.row));
        int next = 0;
        for (int f = from; f < total; f++) {
            boolean added = false;
            while (next < pending.size() && pending.get(next).start == f) {
                active.add(pending.get(next++));
                added = true;
            }
            if (added && active.size() > 1) {
                active.sort((a, b) -> CueRow.compare(a.row, b.row));
            }
            if (!active.isEmpty()) {
                dropEnded(active, f);
                for (Active a : active) {
                    if (a.renderer == null) {
                        a.renderer = a.effect.prepare(a.fixture, a.row.data(), env);
                        states.add(RowKey.of(a.row), a.renderer);
                    }
                    a.renderer.render(f, a.start, a.end, u);
                }
            }
            System.arraycopy(u, 0, canvas, f * frameBytes, frameBytes);
            if (f == lookFrame) {
                look.show().accept(new PartialCanvas(base.layout(), canvas, f, previous));
            }
        }
    }

    /** The frame after which the early look is shown, or -1: none asked, or nothing before the end to gain. */
    private int lookFrame() {
        if (look == null || previous == null || !(look.untilSeconds() >= 0)) {
            return -1;
        }
        double frame = Math.rint(look.untilSeconds() * input.fps());
        return frame >= from && frame < total - 1 ? (int) frame : -1;
    }

    /** Removes rows whose window ended before frame {@code f}, keeping order, without allocating. */
    private static void dropEnded(List<Active> active, int f) {
        int kept = 0;
        for (int i = 0; i < active.size(); i++) {
            Active a = active.get(i);
            if (a.end >= f) {
                active.set(kept++, a);
            }
        }
        for (int i = active.size() - 1; i >= kept; i--) {
            active.remove(i);
        }
    }
}
