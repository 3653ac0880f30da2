package io.beatlight.output;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one Beatlight universe goes, and why: its outputs.json routes if it has any, else the command-line targets
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
     * @param artTargets the command-line Art-Net targets
     * @param sacn       command-line sACN, or null when off
     */
    public static List<Destination> destinations(int universe, OutputRouting routing, ArtNetSubscriptions subscriptions,
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
        if (!subscriptions.isEmpty()) {
            int configured = out.size();
            for (int i = 0; i < configured; i++) {
                OutputRoute route = out.get(i).route();
                if (route.protocol() == OutputRoute.Protocol.ARTNET) {
                    addSubscribers(out, route.portAddress(), subscriptions);
                }
            }
        }
        return out;
    }

    /** Subscribers of a Port-Address this universe is sent on, unless they already get it. */
    private static void addSubscribers(List<Destination> out, int portAddress, ArtNetSubscriptions subscriptions) {
        for (InetSocketAddress subscriber : subscriptions.subscribers(portAddress)) {
            boolean already = out.stream().map(Destination::route).anyMatch(r ->
                    r.protocol() == OutputRoute.Protocol.ARTNET && r.portAddress() == portAddress
                            && r.target().equals(subscriber));
            if (!already) {
                out.add(new Destination(OutputRoute.artNet(subscriber, portAddress), Origin.SUBSCRIPTION));
            }
        }
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
