package io.beatlight.effects;

import io.beatlight.dmx.UniverseLayout;
import io.beatlight.rig.Fixture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every effect, by id, and the rules for which fixture may use which. */
public final class EffectRegistry {
    /** The v1 per-type dispatch tables of the reference renderer (docs/effects.md#dispatch). */
    public static final Set<String> HEAD_EFFECTS = Set.of("set_channels", "move_to", "move_to_poi", "seek", "strobe",
            "full", "flash", "sweep");
    public static final Set<String> PAR_EFFECTS = Set.of("set_channels", "flash", "strobe", "fade_in", "full");

    /** The tag vocabulary (docs/effects.md#effects-reference); an effect with another tag is a programming error. */
    public static final Set<String> TAGS = Set.of("accent", "drop", "focus", "hard", "long", "movement", "release",
            "rise", "short", "soft", "spike", "static", "sustain", "tension", "valley", "wash");

    private final Map<String, Effect> effects = new LinkedHashMap<>();

    public EffectRegistry() {
        for (Effect effect : List.of(new SetChannels(), new MoveTo(), new MoveToPoi(), new Seek(), new Strobe(),
                new Full(), new Flash(), new Sweep(), new FadeIn(), new Blackout(), new FadeOut(), new ColorFade(),
                new Orbit(false), new Orbit(true), new Circle())) {
            for (String tag : effect.tags()) {
                if (!TAGS.contains(tag)) {
                    throw new IllegalStateException("effect " + effect.id() + " has a tag outside the vocabulary: "
                            + tag);
                }
            }
            effects.put(effect.id(), effect);
        }
    }

    public Collection<Effect> all() {
        return effects.values();
    }

    public Optional<Effect> byId(String id) {
        return Optional.ofNullable(effects.get(id));
    }

    /**
     * Dispatch of a row's effect name (trimmed, lower-cased). v1: the reference's per-type tables. v2: any
     * registered effect whose {@code supports} holds for the fixture (docs/effects.md#dispatch).
     */
    public Optional<Effect> forRow(Fixture fixture, String effectName, RenderVersion version) {
        String id = effectName == null ? "" : effectName.strip().toLowerCase(Locale.ROOT);
        if (version == RenderVersion.V1) {
            Set<String> table = fixture.isMovingHead() ? HEAD_EFFECTS : PAR_EFFECTS;
            return table.contains(id) ? byId(id) : Optional.empty();
        }
        Effect effect = effects.get(id);
        if (effect == null) {
            return Optional.empty();
        }
        // supports() depends only on the template and the version: remember the answer per fixture
        Map<String, Boolean> known = supportCache.computeIfAbsent(fixture, f -> new ConcurrentHashMap<>());
        boolean supported = known.computeIfAbsent(id + "@" + version.number(),
                k -> effect.supports(channelsOf(fixture), new RenderEnv(60, List.of(), version)));
        return supported ? Optional.of(effect) : Optional.empty();
    }

    private final Map<Fixture, Map<String, Boolean>> supportCache =
            Collections.synchronizedMap(new IdentityHashMap<>());

    private static FixtureChannels channelsOf(Fixture fixture) {
        return new FixtureChannels(fixture, UniverseLayout.of(List.of(fixture.universe())));
    }

    /**
     * The effects a fixture offers in the seed rules: the runtime set of its type intersected with the template's
     * declared {@code effects} when that list is non-empty, sorted by id.
     */
    public List<Effect> supported(Fixture fixture, RenderVersion version) {
        if (version != RenderVersion.V1) {
            List<Effect> out = new ArrayList<>();
            for (Effect effect : effects.values()) {
                if (forRow(fixture, effect.id(), version).isPresent()) {
                    out.add(effect);
                }
            }
            out.sort((a, b) -> a.id().compareTo(b.id()));
            return out;
        }
        Set<String> table = fixture.isMovingHead() ? HEAD_EFFECTS : PAR_EFFECTS;
        List<String> declared = fixture.template().declaredEffects();
        List<Effect> out = new ArrayList<>();
        for (Effect effect : effects.values()) {
            if (table.contains(effect.id()) && (declared.isEmpty() || declared.contains(effect.id())
                    || effect.id().equals("set_channels"))) {
                out.add(effect);
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }
}
