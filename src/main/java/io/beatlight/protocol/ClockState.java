package io.beatlight.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.TimecodeChase;
import io.beatlight.util.Json;

/** {@code playback.clock} of the state document: which clock drives the transport and how well it is followed. */
public final class ClockState {
    private ClockState() {
    }

    public static ObjectNode of(TimecodeChase clock) {
        TimecodeChase.Status status = clock.status();
        ObjectNode node = Json.object();
        node.put("source", status.source());
        node.put("locked", status.locked());
        node.put("fps", status.rate() == null ? null : status.rate().id());
        node.put("last_tc", status.lastTimecode() == null ? null : status.lastTimecode().toString());
        node.set("drift_ms", status.driftMs() == null ? null
                : Json.number(Math.rint(status.driftMs() * 10) / 10));
        node.put("freewheeling", status.freewheeling());
        node.put("offset", status.offset().toString());
        node.put("description", status.description());
        node.put("jumps", status.jumps());
        clock.sources().availableKinds().forEach(node.putArray("available")::add);
        return node;
    }
}
