package io.beatlight.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code outputs} section of a show's {@code outputs.json} (format in docs/output.md). Every problem is
 * reported as an {@link IllegalArgumentException} whose message names the file, the universe and the field, so the
 * caller can log it and keep the routing it had.
 */
public final class OutputsFile {
    public static final String NAME = "outputs.json";
    private static final int MAX_UNIVERSE = 32767;
    private static final Set<String> FIELDS = Set.of("protocol", "host", "port", "port_address", "sacn_universe",
            "priority");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputsFile() {
    }

    /** The routing of a show folder: none when the file is absent. */
    public static OutputRouting read(Path showRoot) throws IOException {
        Path file = showRoot.resolve(NAME);
        if (!Files.exists(file)) {
            return OutputRouting.none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(NAME + " is not valid JSON: " + e.getMessage());
        }
        return parse(root);
    }

    public static OutputRouting parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(NAME + ": expected a JSON object with an \"outputs\" section");
        }
        JsonNode outputs = root.get("outputs");
        if (outputs == null) {
            return OutputRouting.none();
        }
        if (!outputs.isObject()) {
            throw new IllegalArgumentException(NAME + ": \"outputs\" must be an object of universe → destinations");
        }
        Map<Integer, List<OutputRoute>> routes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : outputs.properties()) {
            int universe = universe(entry.getKey());
            String where = NAME + ": universe " + universe;
            JsonNode list = entry.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException(where + ": expected a non-empty array of destinations");
            }
            List<OutputRoute> destinations = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                destinations.add(route(universe, list.get(i), where + ", destination " + (i + 1)));
            }
            routes.put(universe, destinations);
        }
        RouteConflicts.checkRouted(routes);
        return OutputRouting.of(routes);
    }

    private static int universe(String key) {
        try {
            int universe = Integer.parseInt(key.trim());
            if (universe >= 0 && universe <= MAX_UNIVERSE) {
                return universe;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(NAME + ": \"" + key + "\" is not a Beatlight universe (0.." + MAX_UNIVERSE
                + ")");
    }

    private static OutputRoute route(int universe, JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown field \"" + name + "\" (known: protocol, host,"
                        + " port, port_address, sacn_universe, priority)");
            }
        });
        String protocol = text(node, "protocol", where);
        String host = text(node, "host", where);
        if ("artnet".equals(protocol)) {
            forbid(node, where, "sacn_universe", "priority");
            int port = integer(node, "port", ArtNet.PORT, 1, 65535, where);
            int portAddress = portAddress(node.get("port_address"), universe, where);
            return OutputRoute.artNet(address(host, port, where), portAddress);
        }
        if ("sacn".equals(protocol)) {
            forbid(node, where, "port_address");
            int port = integer(node, "port", Sacn.PORT, 1, 65535, where);
            int sacnUniverse = integer(node, "sacn_universe", universe + 1, Sacn.MIN_UNIVERSE, Sacn.MAX_UNIVERSE,
                    where);
            int priority = integer(node, "priority", Sacn.DEFAULT_PRIORITY, 0, Sacn.MAX_PRIORITY, where);
            return OutputRoute.sacn(address(host, port, where), sacnUniverse, priority);
        }
        throw new IllegalArgumentException(where + ": protocol must be \"artnet\" or \"sacn\", not \"" + protocol
                + "\"");
    }

    private static void forbid(JsonNode node, String where, String... names) {
        for (String name : names) {
            if (node.has(name)) {
                throw new IllegalArgumentException(where + ": \"" + name + "\" does not apply to protocol "
                        + node.get("protocol").asText());
            }
        }
    }

    private static String text(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": \"" + name + "\" is required (a string)");
        }
        return value.asText().trim();
    }

    private static int integer(JsonNode node, String name, int fallback, int min, int max, String where) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(where + ": \"" + name + "\" must be an integer " + min + ".." + max
                    + ", not " + value);
        }
        return value.asInt();
    }

    /** A 15-bit Port-Address: an integer 0..32767, or "net:sub-net:universe" (0..127, 0..15, 0..15). */
    static int portAddress(JsonNode value, int universe, String where) {
        if (value == null) {
            return universe;
        }
        if (value.isInt() && value.asInt() >= 0 && value.asInt() <= MAX_UNIVERSE) {
            return value.asInt();
        }
        if (value.isTextual()) {
            String[] parts = value.asText().split(":");
            if (parts.length == 3) {
                try {
                    int net = Integer.parseInt(parts[0].trim());
                    int subNet = Integer.parseInt(parts[1].trim());
                    int uni = Integer.parseInt(parts[2].trim());
                    if (net >= 0 && net <= 127 && subNet >= 0 && subNet <= 15 && uni >= 0 && uni <= 15) {
                        return net << 8 | subNet << 4 | uni;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw new IllegalArgumentException(where + ": \"port_address\" must be 0..32767 or \"net:sub-net:universe\""
                + " (0..127:0..15:0..15), not " + value);
    }

    private static InetSocketAddress address(String host, int port, String where) {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(where + ": unknown host \"" + host + "\"");
        }
        return address;
    }
}
