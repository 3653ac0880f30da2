package io.beatlight.output;

import io.beatlight.dmx.UniverseLayout;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Refuses routes under which one receiver would get two universes as one stream: two routed universes sending the
 * same Art-Net Port-Address (or sACN universe) to the same host and port, or a routed Port-Address that an unrouted
 * universe is sent on. Each problem is an {@link IllegalArgumentException} naming the file, both universes and the
 * destination.
 */
public final class RouteConflicts {
    private RouteConflicts() {
    }

    private record Stream(boolean sacn, InetSocketAddress target, int address) {
        String describe() {
            return (sacn ? "sACN universe " + address : "Art-Net Port-Address " + portAddress(address)) + " to "
                    + hostPort(target);
        }
    }

    /** Two routed universes (or one universe twice) sending one stream to the same destination. */
    static void checkRouted(Map<Integer, List<OutputRoute>> routes) {
        Map<Stream, Integer> owners = new HashMap<>();
        routes.forEach((universe, list) -> {
            for (OutputRoute route : list) {
                Stream stream = streamOf(route);
                Integer other = owners.putIfAbsent(stream, universe);
                if (other == null) {
                    continue;
                }
                if (other.equals(universe)) {
                    throw new IllegalArgumentException(OutputsFile.NAME + ": universe " + universe + " lists "
                            + stream.describe() + " twice");
                }
                throw new IllegalArgumentException(OutputsFile.NAME + ": universes " + other + " and " + universe
                        + " both send " + stream.describe() + ", so that receiver would mix them; give one of them"
                        + " another " + (stream.sacn() ? "sacn_universe" : "port_address") + " or destination");
            }
        });
    }

    /**
     * A routed Art-Net Port-Address equal to the one an unrouted universe of {@code used} is sent on, or a routed
     * sACN universe sent to a command-line sACN target that an unrouted universe already gets on it.
     *
     * @param sacn command-line sACN, or null when off
     */
    public static void checkAgainstUnrouted(OutputRouting routing, UniverseLayout used,
                                            List<InetSocketAddress> artTargets, SacnConfig sacn) {
        routing.routes().forEach((universe, list) -> {
            for (OutputRoute route : list) {
                if (route.protocol() == OutputRoute.Protocol.ARTNET) {
                    int other = route.portAddress();
                    if (other != universe && used.indexOf(other) >= 0 && routing.routesOf(other) == null) {
                        throw new IllegalArgumentException(OutputsFile.NAME + ": universe " + universe + " sends "
                                + streamOf(route).describe() + ", the Port-Address unrouted universe " + other
                                + " is sent on (to the command-line targets " + hostPorts(artTargets) + "); route"
                                + " universe " + other + " in " + OutputsFile.NAME + " too, or give universe "
                                + universe + " another port_address");
                    }
                } else if (sacn != null && sacn.targets().contains(route.target())) {
                    for (int i = 0; i < used.count(); i++) {
                        int other = used.universeAt(i);
                        if (other != universe && routing.routesOf(other) == null
                                && sacn.sacnUniverse(other) == route.sacnUniverse()) {
                            throw new IllegalArgumentException(OutputsFile.NAME + ": universe " + universe + " sends "
                                    + streamOf(route).describe() + ", a command-line sACN target that unrouted"
                                    + " universe " + other + " is sent to as sACN universe " + route.sacnUniverse()
                                    + "; route universe " + other + " in " + OutputsFile.NAME + " too, or give"
                                    + " universe " + universe + " another sacn_universe");
                        }
                    }
                }
            }
        });
    }

    private static Stream streamOf(OutputRoute route) {
        boolean sacn = route.protocol() == OutputRoute.Protocol.SACN;
        return new Stream(sacn, route.target(), sacn ? route.sacnUniverse() : route.portAddress());
    }

    /** "261 (1:0:5)": the number and net:sub-net:universe. */
    static String portAddress(int portAddress) {
        return portAddress + " (" + (portAddress >> 8) + ":" + (portAddress >> 4 & 0xF) + ":" + (portAddress & 0xF)
                + ")";
    }

    static String hostPort(InetSocketAddress target) {
        return target.getHostString() + ":" + target.getPort();
    }

    private static String hostPorts(List<InetSocketAddress> targets) {
        return targets.stream().map(RouteConflicts::hostPort).collect(Collectors.joining(", "));
    }
}
