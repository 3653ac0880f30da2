package io.beatlight.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads the rig from a fixtures folder: every {@code fixture.*.json} template, then {@code fixtures.json}.
 * Loading never fails as a whole: a bad template or fixture is skipped and reported, the rest load.
 */
public final class RigLoader {
    public static final String FIXTURES_FILE = "fixtures.json";

    /** The outcome of a load: the usable rig, the templates by key, and everything that was wrong. */
    public record Result(Rig rig, Map<String, FixtureTemplate> templates, List<LoadProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == LoadProblem.Severity.ERROR);
        }
    }

    private final List<LoadProblem> problems = new ArrayList<>();

    private RigLoader() {
    }

    public static Result load(Path fixturesDir) {
        return new RigLoader().run(fixturesDir);
    }

    private Result run(Path dir) {
        Map<String, FixtureTemplate> templates = loadTemplates(dir);
        Rig rig = loadInstances(dir.resolve(FIXTURES_FILE), templates);
        return new Result(rig, templates, List.copyOf(problems));
    }

    // ---- templates -------------------------------------------------------------------------------------------

    private Map<String, FixtureTemplate> loadTemplates(Path dir) {
        Map<String, FixtureTemplate> byKey = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(LoadProblem.error(dir.toString(), "", "fixtures folder not found"));
            return byKey;
        }
        TreeMap<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "fixture.*.json")) {
            for (Path p : stream) {
                files.put(p.getFileName().toString(), p);
            }
        } catch (IOException e) {
            problems.add(LoadProblem.error(dir.toString(), "", "cannot list templates: " + e.getMessage()));
        }
        for (Path file : files.values()) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.length() - ".json".length());
            FixtureTemplate template = parseTemplate(file, stem);
            if (template == null) {
                continue;
            }
            register(byKey, template.id(), template, name);
            if (!stem.equals(template.id())) {
                register(byKey, stem, template, name);
            }
        }
        return byKey;
    }

    private void register(Map<String, FixtureTemplate> byKey, String key, FixtureTemplate template, String file) {
        FixtureTemplate existing = byKey.putIfAbsent(key, template);
        if (existing != null && existing != template) {
            problems.add(LoadProblem.warning(file, "id",
                    "template key '" + key + "' is already used by " + existing.fileStem() + ".json; keeping that one"));
        }
    }

    private FixtureTemplate parseTemplate(Path file, String stem) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (IOException e) {
            problems.add(LoadProblem.error(name, "", "template rejected: " + e.getMessage()));
            return null;
        }
        List<LoadProblem> found = new ArrayList<>();
        if (!root.isObject()) {
            found.add(LoadProblem.error(name, "", "a template must be a JSON object"));
            return reject(name, found);
        }
        String id = text(root, "id");
        if (id == null || id.isBlank()) {
            found.add(LoadProblem.error(name, "id", "missing or not a non-empty string"));
        }
        String type = text(root, "type");
        if (type == null || type.isBlank()) {
            found.add(LoadProblem.error(name, "type", "missing or not a non-empty string"));
        }
        Map<String, Integer> channels = new LinkedHashMap<>();
        JsonNode channelsNode = root.get("channels");
        if (channelsNode == null || !channelsNode.isObject()) {
            found.add(LoadProblem.error(name, "channels", "missing or not an object of name -> offset"));
        } else {
            channelsNode.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > UniverseLayout.UNIVERSE_SIZE - 1) {
                    found.add(LoadProblem.error(name, "channels." + e.getKey(),
                            "offset must be an integer 0..511, got " + v));
                } else {
                    channels.put(e.getKey(), v.intValue());
                }
            });
        }
        Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
        ObjectNode mappingsJson = Json.object();
        JsonNode mappingsNode = root.get("mappings");
        if (mappingsNode != null && !mappingsNode.isNull()) {
            if (!mappingsNode.isObject()) {
                found.add(LoadProblem.error(name, "mappings", "must be an object of mapping id -> table"));
            } else {
                mappingsJson = (ObjectNode) mappingsNode.deepCopy();
                mappingsNode.fields().forEachRemaining(e -> {
                    if (!e.getValue().isObject()) {
                        found.add(LoadProblem.error(name, "mappings." + e.getKey(), "must be an object"));
                        return;
                    }
                    Map<String, String> table = new LinkedHashMap<>();
                    e.getValue().fields().forEachRemaining(kv -> {
                        if (!kv.getValue().isTextual()) {
                            found.add(LoadProblem.error(name, "mappings." + e.getKey() + "." + kv.getKey(),
                                    "mapping values must be strings"));
                        } else {
                            table.put(kv.getKey(), kv.getValue().asText());
                        }
                    });
                    mappings.put(e.getKey(), table);
                });
            }
        }
        Map<String, MetaChannel> metas = new LinkedHashMap<>();
        JsonNode metaNode = root.get("meta_channels");
        if (metaNode == null || !metaNode.isObject()) {
            found.add(LoadProblem.error(name, "meta_channels", "missing or not an object"));
        } else {
            metaNode.fields().forEachRemaining(e -> {
                MetaChannel meta = parseMeta(name, e.getKey(), e.getValue(), channels, mappings, found);
                if (meta != null) {
                    metas.put(meta.id(), meta);
                }
            });
        }
        List<String> effects = new ArrayList<>();
        JsonNode effectsNode = root.get("effects");
        if (effectsNode != null && !effectsNode.isNull()) {
            if (!effectsNode.isArray()) {
                found.add(LoadProblem.error(name, "effects", "must be an array of effect ids"));
            } else {
                for (int i = 0; i < effectsNode.size(); i++) {
                    if (!effectsNode.get(i).isTextual()) {
                        found.add(LoadProblem.error(name, "effects[" + i + "]", "must be a string"));
                    } else {
                        effects.add(effectsNode.get(i).asText());
                    }
                }
            }
        }
        FixtureTemplate.PhysicalMovement movement = null;
        JsonNode move = root.get("physical_movement");
        if (move != null && !move.isNull()) {
            if (!move.isObject()) {
                found.add(LoadProblem.error(name, "physical_movement", "must be an object"));
            } else {
                movement = new FixtureTemplate.PhysicalMovement(
                        seconds(name, move, "pan_full_travel_seconds", found),
                        seconds(name, move, "tilt_full_travel_seconds", found));
            }
        }
        if (!found.isEmpty()) {
            return reject(name, found);
        }
        return new FixtureTemplate(id, stem, type, java.util.Collections.unmodifiableMap(channels), List.copyOf(effects),
                java.util.Collections.unmodifiableMap(metas), java.util.Collections.unmodifiableMap(mappings),
                mappingsJson, movement);
    }

    private Double seconds(String file, JsonNode move, String key, List<LoadProblem> found) {
        JsonNode v = move.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || v.asDouble() < 0 || !Double.isFinite(v.asDouble())) {
            found.add(LoadProblem.error(file, "physical_movement." + key, "must be a number of seconds >= 0"));
            return null;
        }
        return v.asDouble();
    }

    private FixtureTemplate reject(String file, List<LoadProblem> found) {
        problems.addAll(found);
        problems.add(LoadProblem.error(file, "", "template rejected (" + found.size() + " problem"
                + (found.size() == 1 ? "" : "s") + "); fixtures using it are skipped"));
        return null;
    }

    private MetaChannel parseMeta(String file, String id, JsonNode node, Map<String, Integer> channels,
                                  Map<String, Map<String, String>> mappings, List<LoadProblem> found) {
        String at = "meta_channels." + id;
        if (!node.isObject()) {
            found.add(LoadProblem.error(file, at, "must be an object"));
            return null;
        }
        int before = found.size();
        String label = text(node, "label");
        if (label == null) {
            found.add(LoadProblem.error(file, at + ".label", "missing or not a string"));
        }
        String kindText = text(node, "kind");
        MetaKind kind = kindText == null ? null : MetaKind.parse(kindText).orElse(null);
        if (kind == null) {
            found.add(LoadProblem.error(file, at + ".kind", "must be one of u8, u16, rgb, enum; got "
                    + node.get("kind")));
            return null;
        }
        String channel = optionalText(file, node, "channel", at, found);
        List<String> channelList = null;
        JsonNode listNode = node.get("channels");
        if (listNode != null && !listNode.isNull()) {
            if (!listNode.isArray()) {
                found.add(LoadProblem.error(file, at + ".channels", "must be an array of channel names"));
            } else {
                channelList = new ArrayList<>();
                for (int i = 0; i < listNode.size(); i++) {
                    if (!listNode.get(i).isTextual()) {
                        found.add(LoadProblem.error(file, at + ".channels[" + i + "]", "must be a channel name"));
                    } else {
                        channelList.add(listNode.get(i).asText());
                    }
                }
            }
        }
        String mapping = optionalText(file, node, "mapping", at, found);
        switch (kind) {
            case U8, ENUM -> {
                if (channel == null) {
                    found.add(LoadProblem.error(file, at + ".channel", kind.id() + " needs a channel"));
                }
            }
            case U16 -> {
                if (channelList == null || channelList.size() != 2) {
                    found.add(LoadProblem.error(file, at + ".channels", "u16 needs exactly [msb, lsb]"));
                }
            }
            case RGB -> {
                if (channelList == null || channelList.size() < 3) {
                    found.add(LoadProblem.error(file, at + ".channels", "rgb needs [red, green, blue]"));
                }
            }
            default -> throw new IllegalStateException();
        }
        if (channel != null && !channels.containsKey(channel)) {
            found.add(LoadProblem.error(file, at + ".channel", "names unknown channel '" + channel + "'"));
        }
        if (channelList != null) {
            int used = kind == MetaKind.RGB ? Math.min(3, channelList.size()) : channelList.size();
            for (int i = 0; i < used; i++) {
                if (!channels.containsKey(channelList.get(i))) {
                    found.add(LoadProblem.error(file, at + ".channels[" + i + "]",
                            "names unknown channel '" + channelList.get(i) + "'"));
                }
            }
        }
        if (mapping != null && !mappings.containsKey(mapping)) {
            found.add(LoadProblem.error(file, at + ".mapping", "names unknown mapping '" + mapping + "'"));
        }
        if (kind == MetaKind.ENUM) {
            if (mapping == null) {
                found.add(LoadProblem.error(file, at + ".mapping", "enum needs a mapping"));
            } else if (mappings.containsKey(mapping)) {
                for (String key : mappings.get(mapping).keySet()) {
                    if (parseByteKey(key) < 0) {
                        found.add(LoadProblem.error(file, "mappings." + mapping + "." + key,
                                "enum mapping keys must be integers 0..255"));
                    }
                }
            }
        }
        Integer arm = null;
        JsonNode armNode = node.get("arm");
        if (armNode != null && !armNode.isNull()) {
            int max = kind == MetaKind.U16 ? 65535 : 255;
            if (!armNode.isIntegralNumber() || armNode.asLong() < 0 || armNode.asLong() > max) {
                found.add(LoadProblem.error(file, at + ".arm", "must be an integer 0.." + max + ", got " + armNode));
            } else {
                arm = armNode.intValue();
            }
        }
        boolean step = bool(file, node, "step", at, found);
        boolean hidden = bool(file, node, "hidden", at, found);
        if (found.size() > before) {
            return null;
        }
        return new MetaChannel(id, label, kind, channel, channelList == null ? null : List.copyOf(channelList),
                mapping, step, arm, hidden);
    }

    /** Parses an enum mapping key ("0", "25") as a byte, or -1. */
    public static int parseByteKey(String key) {
        String k = key.trim();
        if (k.isEmpty() || k.length() > 3 || !k.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int v = Integer.parseInt(k);
        return v <= 255 ? v : -1;
    }

    private static boolean bool(String file, JsonNode node, String key, String at, List<LoadProblem> found) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            found.add(LoadProblem.error(file, at + "." + key, "must be true or false"));
            return false;
        }
        return v.asBoolean();
    }

    private static String optionalText(String file, JsonNode node, String key, String at, List<LoadProblem> found) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            found.add(LoadProblem.error(file, at + "." + key, "must be a string"));
            return null;
        }
        return v.asText();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    // ---- instances -------------------------------------------------------------------------------------------

    private Rig loadInstances(Path file, Map<String, FixtureTemplate> templates) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (NoSuchFileException e) {
            problems.add(LoadProblem.error(name, "", "not found at " + file + "; starting with no fixtures"));
            return Rig.empty();
        } catch (IOException e) {
            problems.add(LoadProblem.error(name, "", e.getMessage() + "; starting with no fixtures"));
            return Rig.empty();
        }
        if (!root.isArray()) {
            problems.add(LoadProblem.error(name, "", "must be a JSON array of fixtures; starting with no fixtures"));
            return Rig.empty();
        }
        List<Fixture> fixtures = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        // universe -> channel -> fixture id, to report overlaps
        Map<Integer, Map<Integer, String>> occupied = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            Fixture fixture = parseInstance(name, i, root.get(i), templates);
            if (fixture == null) {
                continue;
            }
            Integer first = seenIds.putIfAbsent(fixture.id(), i);
            if (first != null) {
                problems.add(LoadProblem.error(name, "[" + i + "].id", "duplicate fixture id '" + fixture.id()
                        + "' (first at [" + first + "]); skipped"));
                continue;
            }
            Map<Integer, String> channels = occupied.computeIfAbsent(fixture.universe(), u -> new HashMap<>());
            List<String> overlaps = new ArrayList<>();
            for (int offset : new java.util.TreeSet<>(fixture.template().channels().values())) {
                String other = channels.putIfAbsent(fixture.baseChannel() + offset, fixture.id());
                if (other != null && !overlaps.contains(other)) {
                    overlaps.add(other);
                }
            }
            for (String other : overlaps) {
                problems.add(LoadProblem.warning(name, "[" + i + "].base_channel", "fixture '" + fixture.id()
                        + "' overlaps channels of '" + other + "' in universe " + fixture.universe()));
            }
            fixtures.add(fixture);
        }
        return new Rig(fixtures);
    }

    private Fixture parseInstance(String file, int index, JsonNode row, Map<String, FixtureTemplate> templates) {
        String at = "[" + index + "]";
        if (!row.isObject()) {
            problems.add(LoadProblem.error(file, at, "a fixture must be a JSON object; skipped"));
            return null;
        }
        String id = text(row, "id");
        if (id == null || id.trim().isEmpty()) {
            problems.add(LoadProblem.error(file, at + ".id", "missing or not a non-empty string; fixture skipped"));
            return null;
        }
        String where = at + " (" + id + ")";
        String templateKey = text(row, "fixture");
        if (templateKey == null) {
            problems.add(LoadProblem.error(file, where + ".fixture", "missing template key; fixture skipped"));
            return null;
        }
        FixtureTemplate template = templates.get(templateKey);
        if (template == null) {
            problems.add(LoadProblem.error(file, where + ".fixture", "unknown or rejected template '" + templateKey
                    + "'; fixture skipped"));
            return null;
        }
        String name = text(row, "name");
        if (name == null) {
            problems.add(LoadProblem.warning(file, where + ".name", "missing; using the id"));
            name = id;
        }
        int base = 1;
        JsonNode baseNode = row.get("base_channel");
        if (baseNode != null && !baseNode.isNull()) {
            if (!baseNode.isIntegralNumber()) {
                problems.add(LoadProblem.error(file, where + ".base_channel", "must be an integer, got " + baseNode
                        + "; fixture skipped"));
                return null;
            }
            base = (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2, baseNode.asLong()));
        }
        int universe = 0;
        JsonNode universeNode = row.get("universe");
        if (universeNode != null && !universeNode.isNull()) {
            if (!universeNode.isIntegralNumber() || universeNode.asLong() < 0
                    || universeNode.asLong() > UniverseLayout.MAX_UNIVERSE) {
                problems.add(LoadProblem.error(file, where + ".universe", "must be an integer 0.."
                        + UniverseLayout.MAX_UNIVERSE + ", got " + universeNode + "; fixture skipped"));
                return null;
            }
            universe = universeNode.intValue();
        }
        for (Map.Entry<String, Integer> channel : template.channels().entrySet()) {
            long address = (long) base + channel.getValue();
            if (address < 1 || address > UniverseLayout.UNIVERSE_SIZE) {
                problems.add(LoadProblem.error(file, where + ".base_channel", "channel '" + channel.getKey()
                        + "' lands on " + address + ", outside 1..512; fixture skipped"));
                return null;
            }
        }
        Location location = null;
        JsonNode loc = row.get("location");
        if (loc != null && !loc.isNull()) {
            if (!loc.isObject()) {
                problems.add(LoadProblem.warning(file, where + ".location", "must be an object {x, y, z}; ignored"));
            } else {
                double[] xyz = new double[3];
                String[] axes = {"x", "y", "z"};
                boolean ok = true;
                for (int a = 0; a < 3; a++) {
                    JsonNode v = loc.get(axes[a]);
                    if (v == null || v.isNull()) {
                        continue;
                    }
                    if (!v.isNumber()) {
                        problems.add(LoadProblem.warning(file, where + ".location." + axes[a],
                                "must be a number; location ignored"));
                        ok = false;
                    } else {
                        xyz[a] = v.asDouble();
                    }
                }
                location = ok ? new Location(xyz[0], xyz[1], xyz[2]) : null;
            }
        }
        return new Fixture(id, name, templateKey, template, base, universe, location);
    }
}
