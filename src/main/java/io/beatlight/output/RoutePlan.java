package io.beatlight.output;

import io.beatlight.dmx.UniverseLayout;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each Beatlight universe goes, and why: its outputs.json routes if it has any, else the command-line targets
 * (Art-Net at Port-Address = universe, and sACN when on); plus every device subscribed to a Port-Address the universe
 * is sent on over Art-Net. The output loop groups these into packets; /healthz and the Outputs view show them.
 */
public final class RoutePlan {
    /** Why a destination gets a universe. */
    public enum Origin {
        COMMAND_LINE("command_line"), OUTPUTS_FILE("outputs_file"), SUBSCRIPTION("subscription");

        private final String label;

        Origin(String label) {
            this.label = label;
        }

        /** The name clients see. */
        public String label() {
            return label;
        }
    }

    public record Destination(OutputRoute route, Origin origin) {
    }

    private RoutePlan() {
    }

    /**
     * The destinations of every universe of the layout, by universe in layout order. A subscription to a
     * Port-Address is served by the first universe sent on it, unless the device already is a configured destination
     * of that Port-Address: a device never gets two universes as one stream.
     *
     * @param artTargets the command-line Art-Net targets
     * @param sacn       command-line sACN, or null when off
     */
    public static Map<Integer, List<Destination>> plan(UniverseLayout layout, OutputRouting routing,
                                                       ArtNetSubscriptions subscriptions,
                                                       List<InetSocketAddress> artTargets, SacnConfig sacn) {
        Map<Integer, List<Destination>> out = new LinkedHashMap<>();
        Set<OutputRoute> artNetSent = new HashSet<>(); // (target, Port-Address) pairs already sent
        for (int i = 0; i < layout.count(); i++) {
            int universe = layout.universeAt(i);
            List<Destination> configured = configured(universe, routing, artTargets, sacn);
            configured.forEach(d -> artNetSent.add(d.route()));
            out.put(universe, configured);
        }
        if (!subscriptions.isEmpty()) {
            for (List<Destination> destinations : out.values()) {
                int count = destinations.size();
                for (int d = 0; d < count; d++) {
                    OutputRoute route = destinations.get(d).route();
                    if (route.protocol() != OutputRoute.Protocol.ARTNET) {
                        continue;
                    }
                    for (InetSocketAddress subscriber : subscriptions.subscribers(route.portAddress())) {
                        OutputRoute subscribed = OutputRoute.artNet(subscriber, route.portAddress());
                        if (artNetSent.add(subscribed)) {
                            destinations.add(new Destination(subscribed, Origin.SUBSCRIPTION));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A universe's outputs.json routes, or else the command-line targets. */
    private static List<Destination> configured(int universe, OutputRouting routing,
                                                List<InetSocketAddress> artTargets, SacnConfig sacn) {
        List<Destination> out = new ArrayList<>();
        List<OutputRoute> routed = routing.routesOf(universe);
        if (routed != null) {
            routed.forEach(r -> out.add(new Destination(r, Origin.OUTPUTS_FILE)));
        } else {
            artTargets.forEach(t -> out.add(new Destination(OutputRoute.artNet(t, universe), Origin.COMMAND_LINE)));
            if (sacn != null) {
                int sacnUniverse = sacn.sacnUniverse(universe);
                sacnDefaults(sacnUniverse, sacn).forEach(t -> out.add(new Destination(
                        OutputRoute.sacn(t, sacnUniverse, sacn.priority()), Origin.COMMAND_LINE)));
            }
        }
        return out;
    }

    /** The command-line sACN destinations of an sACN universe: the unicast targets, plus its group when multicast. */
    static List<InetSocketAddress> sacnDefaults(int sacnUniverse, SacnConfig sacn) {
        if (!sacn.multicast()) {
            return sacn.targets();
        }
        List<InetSocketAddress> all = new ArrayList<>(sacn.targets());
        all.add(new InetSocketAddress(Sacn.multicastGroup(sacnUniverse), Sacn.PORT));
        return List.copyOf(all);
    }
}
