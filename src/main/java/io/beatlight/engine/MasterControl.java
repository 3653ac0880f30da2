package io.beatlight.engine;

import io.beatlight.playback.MasterOutput;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.Rig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The master dimmer (0..100 %) and the live blackout: a scale on every fixture's intensity channels, applied by the
 * output loop on the bytes it sends (see {@link MasterOutput}); the canvas, the editor and the state's fixture
 * values are never changed, so leaving the blackout or raising the master brings the look straight back. Engine
 * thread; publishes an immutable {@link MasterOutput} on every change.
 *
 * <p>Intensity channels: a fixture's {@code dim}, {@code dimmer} or {@code intensity} channel; a fixture without
 * one (an RGB par) has its additive colour channels scaled instead (red, green, blue, white, amber, uv).
 */
public final class MasterControl {
    private static final List<String> DIMMER_NAMES = List.of("dim", "dimmer", "intensity");
    private static final List<String> COLOUR_NAMES = List.of("red", "green", "blue", "white", "amber", "uv");

    private Consumer<MasterOutput> publisher = master -> { };
    private Map<Integer, int[]> intensityChannels = Map.of();
    private double dimmerPercent = 100;
    private boolean blackout;

    /** Where the output goes (the Art-Net loop); receives the current master at once. */
    public void publishTo(Consumer<MasterOutput> publisher) {
        this.publisher = publisher;
        publish();
    }

    public double dimmerPercent() {
        return dimmerPercent;
    }

    public boolean blackout() {
        return blackout;
    }

    /** Sets the master dimmer, clamped to 0..100; true when it changed. */
    public boolean setDimmerPercent(double percent) {
        double clamped = Math.max(0, Math.min(100, percent));
        if (clamped == dimmerPercent) {
            return false;
        }
        dimmerPercent = clamped;
        publish();
        return true;
    }

    /** True when it changed. */
    public boolean setBlackout(boolean on) {
        if (on == blackout) {
            return false;
        }
        blackout = on;
        publish();
        return true;
    }

    /** The rig was loaded or changed: the intensity channels are found again. */
    void rigChanged(Rig rig) {
        intensityChannels = intensityChannels(rig);
        publish();
    }

    static Map<Integer, int[]> intensityChannels(Rig rig) {
        Map<Integer, List<Integer>> byUniverse = new HashMap<>();
        for (Fixture fixture : rig.fixtures()) {
            List<Integer> channels = byUniverse.computeIfAbsent(fixture.universe(), u -> new ArrayList<>());
            List<String> names = DIMMER_NAMES.stream().filter(n -> channel(fixture, n) != null).findFirst()
                    .map(List::of).orElse(COLOUR_NAMES);
            for (String name : names) {
                Integer address = channel(fixture, name);
                if (address != null) {
                    channels.add(address);
                }
            }
        }
        Map<Integer, int[]> result = new HashMap<>();
        byUniverse.forEach((universe, list) -> result.put(universe, list.stream().mapToInt(Integer::intValue)
                .toArray()));
        return result;
    }

    private static Integer channel(Fixture fixture, String name) {
        for (Map.Entry<String, Integer> entry : fixture.template().channels().entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return fixture.baseChannel() + entry.getValue();
            }
        }
        return null;
    }

    private void publish() {
        publisher.accept(MasterOutput.of(blackout ? 0 : dimmerPercent / 100, intensityChannels));
    }
}
