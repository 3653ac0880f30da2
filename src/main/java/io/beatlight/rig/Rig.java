package io.beatlight.rig;

import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The loaded fixtures, in {@code fixtures.json} order, and the universes they occupy. Immutable. */
public final class Rig {
    private final List<Fixture> fixtures;
    private final Map<String, Fixture> byId;
    private final UniverseLayout layout;

    public Rig(List<Fixture> fixtures) {
        this.fixtures = List.copyOf(fixtures);
        Map<String, Fixture> index = new LinkedHashMap<>();
        List<Integer> universes = new ArrayList<>();
        for (Fixture fixture : this.fixtures) {
            index.putIfAbsent(fixture.id(), fixture);
            universes.add(fixture.universe());
        }
        this.byId = Collections.unmodifiableMap(index);
        this.layout = UniverseLayout.of(universes);
    }

    public static Rig empty() {
        return new Rig(List.of());
    }

    public List<Fixture> fixtures() {
        return fixtures;
    }

    /** Exact, case-sensitive lookup; the first fixture with the id wins. */
    public Optional<Fixture> fixture(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public UniverseLayout layout() {
        return layout;
    }

    /** The highest channel any fixture of the universe uses (capped at 512), or 512 when it has none. */
    public int maxUsedChannel(int universe) {
        int max = 0;
        for (Fixture fixture : fixtures) {
            if (fixture.universe() == universe) {
                max = Math.max(max, fixture.lastChannel());
            }
        }
        return max == 0 ? UniverseLayout.UNIVERSE_SIZE : Math.min(max, UniverseLayout.UNIVERSE_SIZE);
    }

    /**
     * Writes every template {@code arm} value: fixtures in file order, meta channels in template order.
     * u16 arms split MSB/LSB; u8/enum arms are clamped to a byte; rgb arms are ignored.
     */
    public void applyArmDefaults(DmxBuffer buffer) {
        for (Fixture fixture : fixtures) {
            fixture.applyArmDefaults(buffer);
        }
    }

    /** A universe that is all zero except the arm defaults. */
    public DmxFrame armDefaults() {
        DmxBuffer buffer = new DmxBuffer(layout);
        applyArmDefaults(buffer);
        return buffer.freeze();
    }
}
