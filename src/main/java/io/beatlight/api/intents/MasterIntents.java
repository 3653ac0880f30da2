package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.MasterControl;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import java.util.Optional;

/**
 * {@code master.set}: the master dimmer (0..100 %) and the live blackout, which scale the intensity channels on
 * the wire without touching the look (docs/protocol.md#master).
 */
public final class MasterIntents {
    private MasterIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("master.set", MasterIntents::set);
    }

    /** The state's {@code master} object. */
    public static ObjectNode state(MasterControl master) {
        return Json.object().put("dimmer_pct", master.dimmerPercent()).put("blackout", master.blackout());
    }

    private static IntentOutcome set(IntentContext ctx) throws IntentException {
        Optional<Double> dimmer = ctx.payload().optionalNumber("dimmer_pct");
        Optional<Boolean> blackout = ctx.payload().optionalBool("blackout");
        if (dimmer.isEmpty() && blackout.isEmpty()) {
            throw IntentException.invalid("dimmer_pct", "give dimmer_pct (0..100) or blackout (true/false)");
        }
        if (dimmer.isPresent() && (dimmer.get() < 0 || dimmer.get() > 100)) {
            throw IntentException.invalid("dimmer_pct", "dimmer_pct must be between 0 and 100");
        }
        MasterControl master = ctx.engine().master();
        boolean changed = dimmer.map(master::setDimmerPercent).orElse(false);
        changed |= blackout.map(master::setBlackout).orElse(false);
        ObjectNode data = state(master);
        return changed ? IntentOutcome.changed(data) : IntentOutcome.unchanged(data);
    }
}
