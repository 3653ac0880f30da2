package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.FixtureChannels;
import io.beatlight.effects.RenderEnv;
import io.beatlight.effects.RowRenderer;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.Rig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.beatlight.effects.RenderVersion;

/**
 * Renders cue rows into a canvas (effects.md §A1–A5): the working universe starts as the arm defaults and carries
 * forward from frame to frame; each frame activates the rows starting on it, drops those that ended, and renders the
 * active rows in (time, fixture id, effect, sheet order) order.
 */
public final class Renderer {
    private final EffectRegistry registry;

    public Renderer(EffectRegistry registry) {
        this.registry = registry;
    }

    public EffectRegistry registry() {
        return registry;
    }

    /** A row with its frame window and resolved fixture/effect. */
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

    /** Renders a whole song from the arm defaults. {@code pois} are the valid POI records. */
    public Canvas render(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, double lengthSeconds, int fps,
                         RenderVersion version) {
        return renderFrom(rig, pois, rows, lengthSeconds, fps, version, rig.armDefaults());
    }

    /** Renders rows over {@code lengthSeconds} starting from {@code base} (a chaser preview starts from the editor). */
    public Canvas renderFrom(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, double lengthSeconds, int fps,
                             RenderVersion version, DmxFrame base) {
        return renderRange(rig, pois, rows, lengthSeconds, fps, version, base, null, 0);
    }

    /**
     * Re-renders after an edit whose rows (before and after the edit) start no earlier than {@code changedSeconds}.
     * The universe carries forward, so frames before the edit cannot change: they are copied from {@code previous},
     * and rendering restarts at the first frame that no surviving row spans (a row's cached state must not cross the
     * restart). The result equals a full render.
     */
    public Canvas rerender(Canvas previous, double changedSeconds, Rig rig, List<? extends JsonNode> pois,
                           List<CueRow> rows, double lengthSeconds, int fps, RenderVersion version) {
        int total = Canvas.frameCount(lengthSeconds, fps);
        if (previous == null || previous.frameCount() != total || !previous.layout().equals(rig.layout())
                || previous.fps() != fps || !(changedSeconds > 0)) {
            return render(rig, pois, rows, lengthSeconds, fps, version);
        }
        if (version != RenderVersion.V1 && rows.stream().anyMatch(r -> r.effect().toLowerCase(java.util.Locale.ROOT)
                .matches("\\s*(sweep|orbit|orbit_out)\\s*"))) {
            // pre-roll plans depend on earlier rows and can reach back before the edit: render everything
            return render(rig, pois, rows, lengthSeconds, fps, version);
        }
        int from = (int) Math.min(total, Math.max(0, Math.rint(changedSeconds * fps)));
        if (from > 0 && from < total) {
            // rows spanning the restart continue with their renderer from the previous render when it allows that
            Canvas continued = renderRange(rig, pois, rows, lengthSeconds, fps, version, previous.frame(from - 1),
                    previous, from);
            if (continued != null) {
                return continued;
            }
        }
        // otherwise move the restart back past every row that is active across it
        boolean moved = true;
        while (moved && from > 0) {
            moved = false;
            for (CueRow row : rows) {
                double start = Math.rint(row.time() * fps);
                double end = Math.rint((row.time() + Math.max(0, row.duration())) * fps);
                if (start < from && end >= from && start >= 0) {
                    from = (int) start;
                    moved = true;
                }
            }
        }
        if (from <= 0) {
            return render(rig, pois, rows, lengthSeconds, fps, version);
        }
        Canvas result = renderRange(rig, pois, rows, lengthSeconds, fps, version, previous.frame(from - 1),
                previous, from);
        return result != null ? result : render(rig, pois, rows, lengthSeconds, fps, version);
    }

    /** Identity of a row for continuing its renderer: everything but its position in the sheet. */
    private record RowKey(double time, String fixtureId, String effect, double duration, JsonNode data) {
        static RowKey of(CueRow row) {
            return new RowKey(row.time(), row.fixtureId(), row.effect(), row.duration(), row.data());
        }
    }

    private Canvas renderRange(Rig rig, List<? extends JsonNode> pois, List<CueRow> rows, double lengthSeconds,
                               int fps, RenderVersion version, DmxFrame base, Canvas previous, int from) {
        UniverseLayout layout = base.layout();
        int total = Canvas.frameCount(lengthSeconds, fps);
        RenderEnv env = new RenderEnv(fps, pois, version);
        Map<String, FixtureChannels> channels = new HashMap<>();
        List<Active> pending = new ArrayList<>();
        List<Active> spanning = new ArrayList<>();
        Map<Object, java.util.Deque<RowRenderer>> reusable = new HashMap<>();
        if (previous != null) {
            previous.rowStates().forEach((key, list) -> reusable.put(key, new java.util.ArrayDeque<>(list)));
        }
        Map<CueRow, Integer> preRoll = version == RenderVersion.V1 ? Map.of()
                : PreRoll.plan(rig, pois, rows, base, fps);
        for (CueRow row : rows) {
            Fixture fixture = rig.fixture(row.fixtureId()).orElse(null);
            if (fixture == null) {
                continue;
            }
            Effect effect = registry.forRow(fixture, row.effect(), version).orElse(null);
            if (effect == null) {
                continue;
            }
            double startProduct = row.time() * fps;
            double endProduct = (row.time() + Math.max(0, row.duration())) * fps;
            if (!Double.isFinite(startProduct) || !Double.isFinite(endProduct)) {
                continue;
            }
            double start = Math.rint(startProduct);
            double end = Math.rint(endProduct);
            if (start < 0 || start >= total) {
                continue;
            }
            CueRow planned = row;
            Integer pre = preRoll.get(row);
            if (pre != null) {
                // the travel phase starts earlier; the visible part keeps its time (L8 fixed)
                com.fasterxml.jackson.databind.node.ObjectNode data = row.data().isObject()
                        ? ((com.fasterxml.jackson.databind.node.ObjectNode) row.data()).deepCopy()
                        : io.beatlight.util.Json.object();
                data.put(RenderEnv.PREROLL_VISIBLE_FRAME, (int) start);
                planned = new CueRow(row.time(), row.fixtureId(), row.effect(), row.duration(), data,
                        row.sheetIndex());
                start = Math.max(0, start - pre);
            }
            FixtureChannels fc = channels.computeIfAbsent(fixture.id(), id -> new FixtureChannels(fixture, layout));
            Active entry = new Active(planned, (int) start, (int) Math.min(end, Integer.MAX_VALUE), fc, effect);
            if (start < from) {
                if (end >= from) {
                    java.util.Deque<RowRenderer> states = reusable.get(RowKey.of(planned));
                    RowRenderer state = states == null ? null : states.pollFirst();
                    if (state == null || !state.frozenAfterStart()) {
                        return null; // cannot continue this row from the middle
                    }
                    entry.renderer = state;
                    spanning.add(entry);
                }
                continue;
            }
            pending.add(entry);
        }
        pending.sort(Comparator.comparingInt((Active a) -> a.start).thenComparing((a, b) -> CueRow.compare(a.row,
                b.row)));

        int frameBytes = layout.frameBytes();
        byte[] canvas = new byte[Math.multiplyExact(total, frameBytes)];
        if (previous != null) {
            System.arraycopy(previous.bytes(), 0, canvas, 0, from * frameBytes);
        }
        byte[] u = base.toBytes();
        List<Active> active = new ArrayList<>(spanning);
        active.sort((a, b) -> CueRow.compare(a.row, b.row));
        Map<Object, List<RowRenderer>> states = new HashMap<>();
        for (Active a : spanning) {
            states.computeIfAbsent(RowKey.of(a.row), k -> new ArrayList<>()).add(a.renderer);
        }
        if (previous != null) {
            // rows that ended before the restart keep their (finished) renderers for later re-renders
            for (Map.Entry<Object, java.util.Deque<RowRenderer>> e : reusable.entrySet()) {
                RowKey key = (RowKey) e.getKey();
                if (Math.rint((key.time() + Math.max(0, key.duration())) * fps) < from) {
                    states.computeIfAbsent(key, k -> new ArrayList<>()).addAll(e.getValue());
                }
            }
        }
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
                        states.computeIfAbsent(RowKey.of(a.row), k -> new ArrayList<>()).add(a.renderer);
                    }
                    a.renderer.render(f, a.start, a.end, u);
                }
            }
            System.arraycopy(u, 0, canvas, f * frameBytes, frameBytes);
        }
        return new Canvas(layout, canvas, total, fps, states);
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

    /**
     * A preview clip (§A11): one effect on one fixture from {@code base}, over {@code max(1, ceil(d·fps) + 1)} frames
     * whose window is the whole clip. Returns null when the fixture or effect is unknown.
     */
    public Canvas preview(Rig rig, List<? extends JsonNode> pois, String fixtureId, String effectName,
                          double durationSeconds, JsonNode data, DmxFrame base, int fps, RenderVersion version) {
        Fixture fixture = rig.fixture(fixtureId).orElse(null);
        if (fixture == null) {
            return null;
        }
        Effect effect = registry.forRow(fixture, effectName, version).orElse(null);
        int total = Canvas.frameCount(durationSeconds, fps);
        UniverseLayout layout = base.layout();
        int frameBytes = layout.frameBytes();
        byte[] canvas = new byte[Math.multiplyExact(total, frameBytes)];
        byte[] u = base.toBytes();
        RowRenderer renderer = null;
        for (int f = 0; f < total; f++) {
            if (effect != null) {
                if (renderer == null) {
                    renderer = effect.prepare(new FixtureChannels(fixture, layout), data, new RenderEnv(fps, pois,
                            version));
                }
                renderer.render(f, 0, total - 1, u);
            }
            System.arraycopy(u, 0, canvas, f * frameBytes, frameBytes);
        }
        return new Canvas(layout, canvas, total, fps);
    }
}
