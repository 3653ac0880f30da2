package io.beatlight.rig.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Open Fixture Library fixture ({@code fixture.json} schema, as in the OFL repository's
 * {@code fixtures/<manufacturer>/<fixture>.json} or its "OFL JSON" export): {@code availableChannels} with their
 * capabilities and fine-channel aliases, {@code templateChannels} expanded for the {@code matrix} pixels,
 * {@code wheels}, and {@code modes} whose channel lists (with matrix insert blocks) decide the templates.
 */
final class OflReader {
    private static final Pattern ANGLE = Pattern.compile("(-?[0-9.]+)deg");
    private static final Pattern PERCENT = Pattern.compile("([0-9.]+)%");
    private static final String PIXEL_KEY = "$pixelKey";
    /** manufacturers.json files read so far, by path (empty when there is none). */
    private static final Map<Path, Optional<JsonNode>> MANUFACTURERS = new ConcurrentHashMap<>();

    private final Path file;
    private final JsonNode root;
    /** Every channel a mode may name: available, fine aliases, switching aliases, resolved template channels. */
    private final Map<String, Definition.Channel> channels = new LinkedHashMap<>();
    /** For channels made from a template channel: the pixel (or pixel group) key they belong to. */
    private final Map<String, String> pixelOf = new HashMap<>();
    /** Pan/tilt range in degrees found in the Pan and Tilt capabilities, by channel key. */
    private final Map<String, Double> degrees = new HashMap<>();
    /** Switching alias key → the channel key it stands for. */
    private final Map<String, String> aliasTargets = new HashMap<>();

    private OflReader(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static FixtureFiles.Source read(Path file) throws FixtureImportException {
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (IOException e) {
            throw new FixtureImportException(Reasons.UNREADABLE, file + ": " + e.getMessage());
        }
        if (!root.isObject() || !root.path("modes").isArray()
                || !root.has("availableChannels") && !root.has("templateChannels")) {
            throw new FixtureImportException(Reasons.NOT_A_FIXTURE, file + ": not an Open Fixture Library fixture "
                    + "(no modes and availableChannels)");
        }
        return new OflReader(file, root).source();
    }

    private FixtureFiles.Source source() throws FixtureImportException {
        String model = root.path("name").asText("").strip();
        if (model.isEmpty()) {
            throw new FixtureImportException(Reasons.NOT_A_FIXTURE, file + ": no fixture name");
        }
        String fileStem = file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
        Path parent = file.toAbsolutePath().getParent();
        String manufacturerKey = root.path("manufacturerKey").asText(
                parent == null || parent.getFileName() == null ? "unknown" : parent.getFileName().toString());
        String fixtureKey = root.path("fixtureKey").asText(fileStem);
        String type = root.path("categories").path(0).asText("Other");
        readChannels(root.path("availableChannels"), null);
        expandTemplateChannels();
        List<Definition.Mode> modes = new ArrayList<>();
        for (JsonNode mode : root.path("modes")) {
            modes.add(mode(mode));
        }
        Definition definition = new Definition(manufacturerName(parent, manufacturerKey), model, type, modes);
        return new FixtureFiles.Source("ofl:" + manufacturerKey + "/" + fixtureKey, definition);
    }

    /** The display name from a manufacturers.json next to the file or one folder up, else the key in words. */
    private static String manufacturerName(Path parent, String key) {
        for (Path dir : new Path[] {parent, parent == null ? null : parent.getParent()}) {
            if (dir == null) {
                continue;
            }
            Optional<JsonNode> table = MANUFACTURERS.computeIfAbsent(dir.resolve("manufacturers.json"),
                    OflReader::readManufacturers);
            String name = table.map(t -> t.path(key).path("name").asText("")).orElse("");
            if (!name.isBlank()) {
                return name.strip();
            }
        }
        StringBuilder words = new StringBuilder();
        for (String part : key.split("-")) {
            if (!part.isEmpty()) {
                words.append(words.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0)))
                        .append(part.substring(1));
            }
        }
        return words.length() == 0 ? key : words.toString();
    }

    private static Optional<JsonNode> readManufacturers(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonFiles.read(path));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- channels ----------------------------------------------------------------------------------------------

    /**
     * Adds the channels of an {@code availableChannels} (or resolved {@code templateChannels}) object; with a pixel
     * key, "$pixelKey" in keys and names is replaced by it.
     */
    private void readChannels(JsonNode available, String pixelKey) {
        for (Map.Entry<String, JsonNode> e : available.properties()) {
            String key = withPixel(e.getKey(), pixelKey);
            JsonNode channel = e.getValue();
            String name = withPixel(channel.path("name").asText(e.getKey()), pixelKey);
            List<String> fineAliases = new ArrayList<>();
            channel.path("fineChannelAliases").forEach(a -> fineAliases.add(withPixel(a.asText(), pixelKey)));
            int bytes = switch (channel.path("dmxValueResolution").asText("")) {
                case "8bit" -> 1;
                case "16bit" -> 2;
                case "24bit" -> 3;
                default -> 1 + fineAliases.size();
            };
            List<JsonNode> capabilityNodes = new ArrayList<>();
            if (channel.has("capability")) {
                capabilityNodes.add(channel.get("capability"));
            }
            channel.path("capabilities").forEach(capabilityNodes::add);
            Role role = role(key, capabilityNodes);
            int shift = 8 * (bytes - 1);
            List<Definition.Capability> capabilities = new ArrayList<>();
            for (JsonNode cap : capabilityNodes) {
                capabilities.add(capability(cap, key, role, shift));
                if (cap.path("type").asText().equals("Pan") || cap.path("type").asText().equals("Tilt")) {
                    Double range = angleRange(cap);
                    if (range != null) {
                        degrees.merge(key, range, Math::max);
                    }
                }
            }
            Long raw = defaultValue(channel.path("defaultValue"), bytes);
            Integer coarseDefault = raw == null ? null : (int) (raw >> shift & 255);
            channels.put(key, new Definition.Channel(name, role, false, null, capabilities, coarseDefault));
            for (int i = 0; i < fineAliases.size(); i++) {
                // the first alias is the second byte, the next one the third (24-bit)
                Integer fineDefault = raw == null || shift - 8 * (i + 1) < 0 ? null
                        : (int) (raw >> (shift - 8 * (i + 1)) & 255);
                channels.put(fineAliases.get(i), new Definition.Channel(fineAliases.get(i), role, true,
                        i == 0 ? name : null, List.of(), fineDefault));
            }
            switchingAliases(capabilityNodes, channel, bytes, pixelKey);
            if (pixelKey != null) {
                pixelOf.put(key, pixelKey);
                fineAliases.forEach(alias -> pixelOf.put(alias, pixelKey));
            }
        }
    }

    /**
     * A switching alias (capabilities with {@code switchChannels}) stands for the channel it switches to at the
     * channel's default value.
     */
    private void switchingAliases(List<JsonNode> capabilityNodes, JsonNode channel, int bytes, String pixelKey) {
        Long at = defaultValue(channel.path("defaultValue"), bytes);
        long value = at == null ? 0 : at;
        for (JsonNode cap : capabilityNodes) {
            JsonNode switches = cap.path("switchChannels");
            JsonNode range = cap.path("dmxRange");
            boolean covers = !range.isArray() || range.path(0).asLong() <= value && value <= range.path(1).asLong();
            if (switches.isObject() && covers) {
                for (Map.Entry<String, JsonNode> s : switches.properties()) {
                    aliasTargets.putIfAbsent(withPixel(s.getKey(), pixelKey), withPixel(s.getValue().asText(),
                            pixelKey));
                }
            }
        }
    }

    private static String withPixel(String text, String pixelKey) {
        return pixelKey == null ? text : text.replace(PIXEL_KEY, pixelKey);
    }

    /** Template channels resolved once for every pixel and pixel group of the matrix. */
    private void expandTemplateChannels() {
        JsonNode templates = root.path("templateChannels");
        if (!templates.isObject()) {
            return;
        }
        List<String> keys = new ArrayList<>(pixelKeys());
        root.path("matrix").path("pixelGroups").fieldNames().forEachRemaining(keys::add);
        for (String pixel : keys) {
            readChannels(templates, pixel);
        }
    }

    /** The matrix's pixel keys: {@code pixelKeys} as given (z, y, x), or the default keys of {@code pixelCount}. */
    private List<String> pixelKeys() {
        JsonNode matrix = root.path("matrix");
        List<String> keys = new ArrayList<>();
        if (matrix.path("pixelKeys").isArray()) {
            for (JsonNode z : matrix.get("pixelKeys")) {
                for (JsonNode y : z) {
                    for (JsonNode x : y) {
                        if (x.isTextual()) {
                            keys.add(x.asText());
                        }
                    }
                }
            }
            return keys;
        }
        JsonNode count = matrix.path("pixelCount");
        int nx = Math.max(1, count.path(0).asInt(1));
        int ny = Math.max(1, count.path(1).asInt(1));
        int nz = Math.max(1, count.path(2).asInt(1));
        int axes = (nx > 1 ? 1 : 0) + (ny > 1 ? 1 : 0) + (nz > 1 ? 1 : 0);
        for (int z = 1; z <= nz; z++) {
            for (int y = 1; y <= ny; y++) {
                for (int x = 1; x <= nx; x++) {
                    keys.add(switch (axes) {
                        case 0, 1 -> String.valueOf(Math.max(x, Math.max(y, z)));
                        case 2 -> "(" + (nx > 1 ? x : y) + ", " + (ny > 1 && nx > 1 ? y : z) + ")";
                        default -> "(" + x + ", " + y + ", " + z + ")";
                    });
                }
            }
        }
        return keys;
    }

    /** The role from the capability types (NoFunction ranges aside). */
    private Role role(String key, List<JsonNode> capabilities) {
        Map<String, Integer> span = new LinkedHashMap<>();
        String colour = null;
        for (JsonNode cap : capabilities) {
            String type = cap.path("type").asText("");
            if (type.equals("NoFunction")) {
                continue;
            }
            JsonNode range = cap.path("dmxRange");
            int width = range.isArray() ? (int) Math.min(Integer.MAX_VALUE / 2,
                    range.path(1).asLong() - range.path(0).asLong() + 1) : 1;
            span.merge(type, width, Integer::sum);
            if (type.equals("ColorIntensity")) {
                colour = colour == null ? cap.path("color").asText() : colour;
            }
        }
        if (span.isEmpty()) {
            return Role.NOTHING;
        }
        int many = capabilities.size();
        if (span.containsKey("WheelSlot")) {
            return wheelRole(capabilities, key);
        }
        if (span.containsKey("ShutterStrobe")
                && span.get("ShutterStrobe") >= span.getOrDefault("Intensity", 0)) {
            return Role.SHUTTER;
        }
        if (span.size() == 1 && span.containsKey("ColorIntensity")) {
            Role emitter = Role.ofColourName(colour);
            return emitter == null ? Role.OTHER : emitter;
        }
        String main = span.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow().getKey();
        return switch (main) {
            case "Intensity" -> Role.DIMMER;
            case "Pan" -> Role.PAN;
            case "Tilt" -> Role.TILT;
            case "PanTiltSpeed" -> Role.PAN_TILT_SPEED;
            case "ColorPreset" -> many >= 2 ? Role.COLOR_WHEEL : Role.OTHER;
            case "Prism" -> many >= 2 ? Role.PRISM : Role.OTHER;
            case "Effect" -> many >= 2 ? Role.MACRO : Role.OTHER;
            case "Maintenance" -> Role.MAINTENANCE;
            default -> span.containsKey("Maintenance") ? Role.MAINTENANCE
                    : span.containsKey("Effect") && many >= 2 ? Role.MACRO : Role.OTHER;
        };
    }

    /** A wheel-slot channel: a colour wheel, a gobo wheel or a prism, after the slots of its wheel. */
    private Role wheelRole(List<JsonNode> capabilities, String key) {
        String wheel = capabilities.stream().filter(c -> c.has("wheel")).map(c -> c.get("wheel").asText())
                .findFirst().orElse(key);
        Map<String, Integer> types = new HashMap<>();
        for (JsonNode slot : root.path("wheels").path(wheel).path("slots")) {
            types.merge(slot.path("type").asText(""), 1, Integer::sum);
        }
        int colours = types.getOrDefault("Color", 0);
        int gobos = types.getOrDefault("Gobo", 0);
        int prisms = types.getOrDefault("Prism", 0);
        if (colours == 0 && gobos == 0 && prisms == 0) {
            return Role.OTHER;
        }
        if (colours >= gobos && colours >= prisms) {
            return Role.COLOR_WHEEL;
        }
        return gobos >= prisms ? Role.GOBO_WHEEL : Role.PRISM;
    }

    private Definition.Capability capability(JsonNode cap, String key, Role role, int shift) {
        JsonNode range = cap.path("dmxRange");
        long min = range.isArray() ? range.path(0).asLong() : 0;
        long max = range.isArray() ? range.path(1).asLong() : (255L << shift) | ((1L << shift) - 1);
        int min8 = (int) Math.max(0, Math.min(255, min >> shift));
        int max8 = (int) Math.max(min8, Math.min(255, max >> shift));
        String type = cap.path("type").asText("");
        String colour = null;
        JsonNode colours = cap.has("colors") ? cap.get("colors") : cap.path("colorsStart");
        if (colours.isArray()) {
            colour = hex(colours.path(0).asText(null));
        }
        if (type.equals("WheelSlot") && colour == null) {
            colour = slotColour(cap, key);
        }
        Definition.Shutter shutter = role != Role.SHUTTER ? null : !type.equals("ShutterStrobe")
                ? Definition.Shutter.OTHER : switch (cap.path("shutterEffect").asText("")) {
                    case "Open" -> Definition.Shutter.OPEN;
                    case "Closed" -> Definition.Shutter.CLOSED;
                    default -> Definition.Shutter.STROBE;
                };
        return new Definition.Capability(min8, max8, OflLabels.label(cap, root.path("wheels"), key), colour, shutter);
    }

    /** The colour of a single wheel slot, when the wheel gives one. */
    private String slotColour(JsonNode cap, String key) {
        JsonNode number = cap.path("slotNumber");
        if (!number.isNumber() || number.asDouble() != Math.rint(number.asDouble())) {
            return null;
        }
        String wheel = cap.path("wheel").asText(key);
        JsonNode slot = root.path("wheels").path(wheel).path("slots").path(number.asInt() - 1);
        return slot.path("colors").isArray() ? hex(slot.path("colors").path(0).asText(null)) : null;
    }

    private static String hex(String colour) {
        if (colour == null || !colour.matches("#[0-9A-Fa-f]{6}")) {
            return null;
        }
        return colour.substring(1).toUpperCase(Locale.ROOT);
    }

    /** The pan or tilt range of a capability ("0deg" to "540deg"), or null. */
    private static Double angleRange(JsonNode cap) {
        Double start = angle(cap.path("angleStart").asText(null));
        Double end = angle(cap.path("angleEnd").asText(null));
        if (start != null && end != null) {
            return Math.abs(end - start);
        }
        return null;
    }

    private static Double angle(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ANGLE.matcher(text.strip());
        return m.matches() ? Double.parseDouble(m.group(1)) : null;
    }

    /** A default value in the channel's resolution: a DMX number or a percentage of the range. */
    private static Long defaultValue(JsonNode value, int bytes) {
        long max = (1L << (8 * bytes)) - 1;
        if (value.isIntegralNumber()) {
            return Math.max(0, Math.min(max, value.asLong()));
        }
        Matcher m = value.isTextual() ? PERCENT.matcher(value.asText().strip()) : null;
        if (m != null && m.matches()) {
            return (long) Math.rint(Math.min(100, Double.parseDouble(m.group(1))) / 100 * max);
        }
        return null;
    }

    // ---- modes -------------------------------------------------------------------------------------------------

    private Definition.Mode mode(JsonNode mode) {
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : mode.path("channels")) {
            if (entry.isObject() && entry.path("insert").asText().equals("matrixChannels")) {
                keys.addAll(matrixKeys(entry));
            } else {
                keys.add(entry.isTextual() ? entry.asText() : null);
            }
        }
        List<Definition.Channel> list = new ArrayList<>();
        Map<String, List<Integer>> heads = new LinkedHashMap<>();
        Double pan = null;
        Double tilt = null;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key == null) {
                list.add(new Definition.Channel("unused", Role.NOTHING, false, null, List.of(), null));
                continue;
            }
            String resolved = channels.containsKey(key) ? key : aliasTargets.getOrDefault(key, key);
            Definition.Channel channel = channels.get(resolved);
            // an unknown key becomes a channel without a role: the mode is then refused, naming it
            list.add(channel != null ? channel : new Definition.Channel(key, null, false, null, List.of(), null));
            if (pixelOf.containsKey(resolved)) {
                heads.computeIfAbsent(pixelOf.get(resolved), k -> new ArrayList<>()).add(i);
            }
            if (channel != null && !channel.fine() && degrees.containsKey(resolved)) {
                if (channel.role() == Role.PAN) {
                    pan = degrees.get(resolved);
                } else if (channel.role() == Role.TILT) {
                    tilt = degrees.get(resolved);
                }
            }
        }
        String name = mode.path("name").asText(mode.path("shortName").asText("Mode")).strip();
        return new Definition.Mode(name, list, new ArrayList<>(heads.values()), pan, tilt);
    }

    /** The channel keys of a matrix insert block, per pixel or per channel. */
    private List<String> matrixKeys(JsonNode insert) {
        List<String> pixels = new ArrayList<>();
        JsonNode repeat = insert.path("repeatFor");
        if (repeat.isArray()) {
            repeat.forEach(p -> pixels.add(p.asText()));
        } else if (repeat.asText().equals("eachPixelGroup")) {
            root.path("matrix").path("pixelGroups").fieldNames().forEachRemaining(pixels::add);
        } else {
            pixels.addAll(orderedPixels(repeat.asText("eachPixelABC")));
        }
        List<String> templates = new ArrayList<>();
        insert.path("templateChannels").forEach(t -> templates.add(t.asText()));
        List<String> keys = new ArrayList<>();
        if (insert.path("channelOrder").asText().equals("perChannel")) {
            for (String t : templates) {
                for (String p : pixels) {
                    keys.add(t.replace(PIXEL_KEY, p));
                }
            }
        } else {
            for (String p : pixels) {
                for (String t : templates) {
                    keys.add(t.replace(PIXEL_KEY, p));
                }
            }
        }
        return keys;
    }

    /** eachPixelABC: alphanumeric order; eachPixelXYZ and the like: by position, the last axis slowest. */
    private List<String> orderedPixels(String repeatFor) {
        List<String> keys = pixelKeys();
        Map<String, int[]> position = positions();
        if (repeatFor.equals("eachPixelABC") || position.isEmpty()) {
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(OflReader::alphanumeric);
            return sorted;
        }
        String axes = repeatFor.replace("eachPixel", "");
        if (axes.length() != 3) {
            return keys;
        }
        int first = "XYZ".indexOf(axes.charAt(0));
        int second = "XYZ".indexOf(axes.charAt(1));
        int third = "XYZ".indexOf(axes.charAt(2));
        if (first < 0 || second < 0 || third < 0) {
            return keys; // not an order of the axes X, Y and Z: the file's own order
        }
        int[] nowhere = {0, 0, 0};
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.<String>comparingInt(k -> position.getOrDefault(k, nowhere)[third])
                .thenComparingInt(k -> position.getOrDefault(k, nowhere)[second])
                .thenComparingInt(k -> position.getOrDefault(k, nowhere)[first]));
        return sorted;
    }

    /** Pixel key → [x, y, z], for ordering. */
    private Map<String, int[]> positions() {
        Map<String, int[]> out = new HashMap<>();
        JsonNode matrix = root.path("matrix");
        if (matrix.path("pixelKeys").isArray()) {
            JsonNode zs = matrix.get("pixelKeys");
            for (int z = 0; z < zs.size(); z++) {
                for (int y = 0; y < zs.get(z).size(); y++) {
                    for (int x = 0; x < zs.get(z).get(y).size(); x++) {
                        JsonNode k = zs.get(z).get(y).get(x);
                        if (k.isTextual()) {
                            out.put(k.asText(), new int[] {x, y, z});
                        }
                    }
                }
            }
            return out;
        }
        JsonNode count = matrix.path("pixelCount");
        int nx = Math.max(1, count.path(0).asInt(1));
        int ny = Math.max(1, count.path(1).asInt(1));
        List<String> keys = pixelKeys();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), new int[] {i % nx, i / nx % ny, i / (nx * ny)});
        }
        return out;
    }

    /** "1" < "2" < "10" < "alice": numbers by value, the rest by text. */
    private static int alphanumeric(String a, String b) {
        boolean na = a.matches("\\d+");
        boolean nb = b.matches("\\d+");
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareToIgnoreCase(b);
    }
}
