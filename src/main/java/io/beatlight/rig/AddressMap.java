package io.beatlight.rig;

import io.beatlight.dmx.UniverseLayout;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where the fixtures of a rig sit in DMX, for patching: a fixture occupies its footprint, every address from its base
 * channel to its last channel (gaps in the template's offsets included, as a desk counts them).
 */
public final class AddressMap {
    private final Rig rig;

    public AddressMap(Rig rig) {
        this.rig = rig;
    }

    /** A span of addresses {@code first..last} (1-based, inclusive) in one universe. */
    public record Span(int universe, int first, int last) {
        public static Span of(int universe, int address, int footprint) {
            return new Span(universe, address, address + footprint - 1);
        }

        public boolean overlaps(Span other) {
            return universe == other.universe && first <= other.last && other.first <= last;
        }

        /** Whether it lies within channels 1..512. */
        public boolean fits() {
            return first >= 1 && last <= UniverseLayout.UNIVERSE_SIZE;
        }

        @Override
        public String toString() {
            return first + ".." + last;
        }
    }

    public static Span spanOf(Fixture fixture) {
        return Span.of(fixture.universe(), fixture.baseChannel(), fixture.footprint());
    }

    /**
     * The first fixture, by address, whose footprint overlaps {@code span}; the fixture called {@code ignoredId} (the
     * one being moved) does not count.
     */
    public Optional<Fixture> firstConflict(Span span, String ignoredId) {
        return rig.fixtures().stream()
                .filter(f -> !f.id().equals(ignoredId) && spanOf(f).overlaps(span))
                .min(Comparator.comparingInt(Fixture::baseChannel));
    }

    /**
     * The lowest address at which {@code footprint} addresses fit in {@code universe} without overlapping any fixture
     * (except {@code ignoredId}), or empty when the universe has no gap that large.
     */
    public OptionalInt nextFree(int universe, int footprint, String ignoredId) {
        if (footprint < 1 || footprint > UniverseLayout.UNIVERSE_SIZE) {
            return OptionalInt.empty();
        }
        List<Span> taken = rig.fixtures().stream()
                .filter(f -> f.universe() == universe && !f.id().equals(ignoredId))
                .map(AddressMap::spanOf)
                .sorted(Comparator.comparingInt(Span::first))
                .toList();
        int candidate = 1;
        for (Span span : taken) {
            if (span.first() > candidate + footprint - 1) {
                break;
            }
            candidate = Math.max(candidate, span.last() + 1);
        }
        return candidate + footprint - 1 <= UniverseLayout.UNIVERSE_SIZE ? OptionalInt.of(candidate)
                : OptionalInt.empty();
    }
}
