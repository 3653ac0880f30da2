package io.beatlight.output;

import java.net.InetSocketAddress;

/**
 * One destination of a routed Beatlight universe. For Art-Net, {@code portAddress} is the 15-bit Port-Address
 * (net/sub-net/universe) the ArtDmx carries; for sACN, {@code sacnUniverse} and {@code priority} go into the
 * E1.31 data packet. Fields of the other protocol are -1.
 */
public record OutputRoute(Protocol protocol, InetSocketAddress target, int portAddress, int sacnUniverse,
                          int priority) {
    public enum Protocol { ARTNET, SACN }

    public static OutputRoute artNet(InetSocketAddress target, int portAddress) {
        return new OutputRoute(Protocol.ARTNET, target, portAddress, -1, -1);
    }

    public static OutputRoute sacn(InetSocketAddress target, int sacnUniverse, int priority) {
        return new OutputRoute(Protocol.SACN, target, -1, sacnUniverse, priority);
    }
}
