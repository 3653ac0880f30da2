package io.beatlight.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.util.FieldReader;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one fixture template ({@code fixture.*.json}). Every problem in the file is collected, so a user sees them
 * all at once; a template with any problem is rejected as a whole.
 */
final class TemplateParser {
    private final String file;
    private final List<LoadProblem> found = new ArrayList<>();

    private TemplateParser(String file) {
        this.file = file;
    }

    /**
     * The template in {@code root} (the content of {@code file}, whose name without ".json" is {@code stem}), or null
     * after adding its problems and the rejection to {@code problems}.
     */
    static FixtureTemplate parse(String file, String stem, JsonNode root, List<LoadProblem> problems) {
        TemplateParser parser = new TemplateParser(file);
        FixtureTemplate template = parser.template(stem, root);
        if (template == null) {
            problems.addAll(parser.found);
            problems.add(LoadProblem.error(file, "", "template rejected (" + parser.found.size() + " problem"
                    + (parser.found.size() == 1 ? "" : "s") + "); fixtures using it are skipped"));
        }
        return template;
    }

    private void error(String file, String field, String message) {
        found.add(LoadProblem.error(file, field, message));
    }

    private FixtureTemplate template(String stem, JsonNode root) {
        if (!root.isObject()) {
            error(file, "", "a template must be a JSON object");
            return null;
        }
        FieldReader template = FieldReader.of(file, "", root, this::error);
        String id = nonBlankString(template, "id");
        String type = nonBlankString(template, "type");
        Map<String, Integer> channels = channels(template);
        Map<String, Map<String, String>> mappings = mappings(template);
        Map<String, MetaChannel> metas = metaChannels(template, channels, mappings);
        List<String> effects = template.optionalStrings("effects", "must be an array of effect ids",
                "must be a string");
        FixtureTemplate.PhysicalMovement movement = movement(template);
        if (!found.isEmpty()) {
            return null;
        }
        // the mappings as written, for clients that show the tables
        ObjectNode mappingsJson = root.path("mappings").isObject() ? root.get("mappings").deepCopy() : Json.object();
        return new FixtureTemplate(id, stem, type, Collections.unmodifiableMap(channels),
                effects == null ? List.of() : List.copyOf(effects), Collections.unmodifiableMap(metas),
                Collections.unmodifiableMap(mappings), mappingsJson, movement);
    }

    private static String nonBlankString(FieldReader reader, String key) {
        String value = reader.string(key);
        if (value == null || value.isBlank()) {
            reader.report(key, "missing or not a non-empty string");
        }
        return value;
    }

    /** Channel name → offset from the fixture's base channel. */
    private Map<String, Integer> channels(FieldReader template) {
        Map<String, Integer> channels = new LinkedHashMap<>();
        FieldReader node = template.requiredObject("channels", "missing or not an object of name -> offset");
        if (node == null) {
            return channels;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Long offset = node.requiredInteger(e.getKey(), 0, UniverseLayout.UNIVERSE_SIZE - 1,
                    v -> "offset must be an integer 0..511, got " + v);
            if (offset != null) {
                channels.put(e.getKey(), offset.intValue());
            }
        }
        return channels;
    }

    /** Mapping id → table of DMX value (or range) → label. */
    private Map<String, Map<String, String>> mappings(FieldReader template) {
        Map<String, Map<String, String>> mappings = new LinkedHashMap<>();
        FieldReader node = template.optionalObject("mappings", "must be an object of mapping id -> table");
        if (node == null) {
            return mappings;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            FieldReader tableNode = node.requiredObject(e.getKey(), "must be an object");
            if (tableNode == null) {
                continue;
            }
            Map<String, String> table = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> kv : tableNode.properties()) {
                String label = tableNode.requiredString(kv.getKey(), "mapping values must be strings");
                if (label != null) {
                    table.put(kv.getKey(), label);
                }
            }
            mappings.put(e.getKey(), table);
        }
        return mappings;
    }

    private Map<String, MetaChannel> metaChannels(FieldReader template, Map<String, Integer> channels,
                                                  Map<String, Map<String, String>> mappings) {
        Map<String, MetaChannel> metas = new LinkedHashMap<>();
        FieldReader node = template.requiredObject("meta_channels", "missing or not an object");
        if (node == null) {
            return metas;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            FieldReader meta = node.requiredObject(e.getKey(), "must be an object");
            MetaChannel parsed = meta == null ? null : metaChannel(meta, e.getKey(), channels, mappings);
            if (parsed != null) {
                metas.put(parsed.id(), parsed);
            }
        }
        return metas;
    }

    /** One meta channel (a control such as dimmer, colour or pan), checked against the template's channels. */
    private MetaChannel metaChannel(FieldReader meta, String id, Map<String, Integer> channels,
                                    Map<String, Map<String, String>> mappings) {
        int before = found.size();
        String label = meta.requiredString("label", "missing or not a string");
        String kindText = meta.string("kind");
        MetaKind kind = kindText == null ? null : MetaKind.parse(kindText).orElse(null);
        if (kind == null) {
            meta.report("kind", "must be one of u8, u16, rgb, enum; got " + meta.node().get("kind"));
            return null;
        }
        String channel = meta.optionalString("channel", "must be a string");
        List<String> channelList = meta.optionalStrings("channels", "must be an array of channel names",
                "must be a channel name");
        String mapping = meta.optionalString("mapping", "must be a string");
        checkChannelCount(meta, kind, channel, channelList);
        checkChannelNames(meta, kind, channel, channelList, channels);
        checkMapping(meta, kind, mapping, mappings);
        int maxArm = kind == MetaKind.U16 ? 65535 : 255;
        Long arm = meta.optionalInteger("arm", 0, maxArm, v -> "must be an integer 0.." + maxArm + ", got " + v);
        boolean step = meta.optionalBool("step", "must be true or false");
        boolean hidden = meta.optionalBool("hidden", "must be true or false");
        // an extension: an rgb control over cyan, magenta and yellow (docs/fixture-library.md#template-extensions)
        boolean subtractive = meta.optionalBool("subtractive", "must be true or false");
        if (subtractive && kind != MetaKind.RGB) {
            meta.report("subtractive", "only an rgb control can be subtractive");
        }
        if (found.size() > before) {
            return null;
        }
        return new MetaChannel(id, label, kind, channel, channelList == null ? null : List.copyOf(channelList),
                mapping, step, arm == null ? null : arm.intValue(), hidden, subtractive);
    }

    /** Each kind drives a fixed number of DMX channels. */
    private static void checkChannelCount(FieldReader meta, MetaKind kind, String channel, List<String> channelList) {
        switch (kind) {
            case U8, ENUM -> {
                if (channel == null) {
                    meta.report("channel", kind.id() + " needs a channel");
                }
            }
            case U16 -> {
                if (channelList == null || channelList.size() != 2) {
                    meta.report("channels", "u16 needs exactly [msb, lsb]");
                }
            }
            case RGB -> {
                if (channelList == null || channelList.size() < 3) {
                    meta.report("channels", "rgb needs [red, green, blue]");
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private static void checkChannelNames(FieldReader meta, MetaKind kind, String channel, List<String> channelList,
                                          Map<String, Integer> channels) {
        if (channel != null && !channels.containsKey(channel)) {
            meta.report("channel", "names unknown channel '" + channel + "'");
        }
        if (channelList == null) {
            return;
        }
        // an rgb control uses the first three names; more are allowed and ignored
        int used = kind == MetaKind.RGB ? Math.min(3, channelList.size()) : channelList.size();
        for (int i = 0; i < used; i++) {
            if (!channels.containsKey(channelList.get(i))) {
                meta.report("channels[" + i + "]", "names unknown channel '" + channelList.get(i) + "'");
            }
        }
    }

    private void checkMapping(FieldReader meta, MetaKind kind, String mapping,
                              Map<String, Map<String, String>> mappings) {
        if (mapping != null && !mappings.containsKey(mapping)) {
            meta.report("mapping", "names unknown mapping '" + mapping + "'");
        }
        if (kind != MetaKind.ENUM) {
            return;
        }
        if (mapping == null) {
            meta.report("mapping", "enum needs a mapping");
        } else if (mappings.containsKey(mapping)) {
            for (String key : mappings.get(mapping).keySet()) {
                if (RigLoader.parseByteKey(key) < 0) {
                    error(file, "mappings." + mapping + "." + key, "enum mapping keys must be integers 0..255");
                }
            }
        }
    }

    private FixtureTemplate.PhysicalMovement movement(FieldReader template) {
        FieldReader move = template.optionalObject("physical_movement", "must be an object");
        if (move == null) {
            return null;
        }
        return new FixtureTemplate.PhysicalMovement(travelSeconds(move, "pan_full_travel_seconds"),
                travelSeconds(move, "tilt_full_travel_seconds"));
    }

    private static Double travelSeconds(FieldReader move, String key) {
        return move.optionalNumber(key, v -> v >= 0 && Double.isFinite(v), "must be a number of seconds >= 0");
    }
}
