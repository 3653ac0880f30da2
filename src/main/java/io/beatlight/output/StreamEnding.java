package io.beatlight.output;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A receiver stream being ended: a zeroed copy of its packet (made once, its sequence continuing so the receiver
 * accepts it) that the output loop sends to the stream's one destination for {@link ArtNetOutput#BLACKOUT_REPEATS}
 * frames, then for sACN the stream-terminated packets. A copy, so the packet's other destinations are undisturbed.
 */
final class StreamEnding {
    private final ReceiverStream key;
    private final LivePacket source;
    private final ArtDmxPacket artNet;
    private final SacnDataPacket sacn;
    private final List<InetSocketAddress> targets;
    private int framesLeft = ArtNetOutput.BLACKOUT_REPEATS;

    StreamEnding(ReceiverStream key, LivePacket source) {
        this.key = key;
        this.source = source;
        this.artNet = source.artNet() == null ? null : source.artNet().zeroedCopy();
        this.sacn = source.sacn() == null ? null : source.sacn().zeroedCopy();
        this.targets = List.of(key.target());
    }

    ReceiverStream key() {
        return key;
    }

    /** The packet the stream was sent from. */
    LivePacket source() {
        return source;
    }

    /** The zeroed Art-Net copy, or null for sACN. */
    ArtDmxPacket artNet() {
        return artNet;
    }

    /** The zeroed sACN copy, or null for Art-Net. */
    SacnDataPacket sacn() {
        return sacn;
    }

    List<InetSocketAddress> targets() {
        return targets;
    }

    /** Counts one blackout frame; true when it was the last. */
    boolean blackoutSent() {
        return --framesLeft == 0;
    }
}
