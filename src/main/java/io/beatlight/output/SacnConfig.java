package io.beatlight.output;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;

/**
 * How the output loop sends sACN: unicast targets (and/or the per-universe multicast group), the source's CID and
 * name, its priority, and the synchronization universe (0 = no sync packets). sACN universe = Beatlight universe +
 * {@link #universeOffset()}.
 */
public record SacnConfig(List<InetSocketAddress> targets, boolean multicast, UUID cid, String sourceName,
                         int priority, int syncAddress, int universeOffset) {
    public SacnConfig {
        targets = List.copyOf(targets);
        if (targets.isEmpty() && !multicast) {
            throw new IllegalArgumentException("no sACN target and multicast off");
        }
        if (priority < 0 || priority > Sacn.MAX_PRIORITY) {
            throw new IllegalArgumentException("sACN priority must be 0..200: " + priority);
        }
        if (syncAddress != 0) {
            Sacn.checkUniverse(syncAddress);
        }
    }

    /** Unicast only, default priority, no sync, sACN universe = Beatlight universe + 1. */
    public static SacnConfig unicast(List<InetSocketAddress> targets, UUID cid, String sourceName) {
        return new SacnConfig(targets, false, cid, sourceName, Sacn.DEFAULT_PRIORITY, 0, 1);
    }

    public SacnConfig withPriority(int newPriority) {
        return new SacnConfig(targets, multicast, cid, sourceName, newPriority, syncAddress, universeOffset);
    }

    public SacnConfig withSync(int newSyncAddress) {
        return new SacnConfig(targets, multicast, cid, sourceName, priority, newSyncAddress, universeOffset);
    }

    public int sacnUniverse(int beatlightUniverse) {
        return beatlightUniverse + universeOffset;
    }
}
