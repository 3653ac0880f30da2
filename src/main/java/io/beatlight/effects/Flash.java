package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flash}: a hit that decays 255 → 0 over the duration, {@code L(f) = R(255·(1 − p))}. Heads fade their
 * intensity channel; par cans fade the listed channels (default RGB, i.e. white — the seed ignores colour keys).
 */
final class Flash extends BaseEffect {
    Flash() {
        super("flash", "Flash", "A hit at full that decays to zero over the cue's duration.",
                List.of("spike", "intensity"),
                object(prop("channels", "array", "Par cans: channel names to flash (default red, green, blue).")));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return fixture.fixture().isMovingHead() ? fixture.intensity() != FixtureChannels.NONE
                : !defaultChannels(fixture).isEmpty();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        if (fixture.fixture().isMovingHead()) {
            int intensity = fixture.intensity();
            if (intensity == FixtureChannels.NONE) {
                return RowRenderer.NOOP;
            }
            return (f, start, end, u) -> u[intensity] = (byte) RowRenderer.fadeLevel(f, start, end);
        }
        List<Integer> targets = new ArrayList<>();
        JsonNode listed = data.get("channels");
        if (listed != null && listed.isArray()) {
            for (JsonNode name : listed) {
                int index = fixture.of(Coerce.pythonString(name));
                if (index != FixtureChannels.NONE) {
                    targets.add(index);
                }
            }
        } else {
            targets.addAll(defaultChannels(fixture));
        }
        if (targets.isEmpty()) {
            return RowRenderer.NOOP;
        }
        int[] channels = targets.stream().mapToInt(Integer::intValue).toArray();
        return (f, start, end, u) -> {
            byte level = (byte) RowRenderer.fadeLevel(f, start, end);
            for (int c : channels) {
                u[c] = level;
            }
        };
    }

    private static List<Integer> defaultChannels(FixtureChannels fixture) {
        if (fixture.hasRgb()) {
            return List.of(fixture.red(), fixture.green(), fixture.blue());
        }
        int dim = fixture.of("dim");
        return dim == FixtureChannels.NONE ? List.of() : List.of(dim);
    }
}
