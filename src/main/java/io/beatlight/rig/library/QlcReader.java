package io.beatlight.rig.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a QLC+ 4 fixture definition ({@code .qxf}): channels with their preset or group and capabilities, modes
 * with their channel lists and heads, and the pan/tilt range of {@code Physical/Focus}.
 */
final class QlcReader {
    /** Channel presets (QLC+ 4.x) that say what a channel is, with whether it is a fine channel. */
    private static final Map<String, Role> PRESET_ROLES = new HashMap<>();

    static {
        for (Role colour : new Role[] {Role.RED, Role.GREEN, Role.BLUE, Role.WHITE, Role.AMBER, Role.UV, Role.CYAN,
                Role.MAGENTA, Role.YELLOW, Role.LIME, Role.INDIGO}) {
            String name = colour == Role.UV ? "UV" : capitalised(colour.name());
            PRESET_ROLES.put("Intensity" + name, colour);
        }
        PRESET_ROLES.put("IntensityDimmer", Role.DIMMER);
        PRESET_ROLES.put("IntensityMasterDimmer", Role.DIMMER);
        PRESET_ROLES.put("PositionPan", Role.PAN);
        PRESET_ROLES.put("PositionTilt", Role.TILT);
        for (String speed : new String[] {"SpeedPanTiltFastSlow", "SpeedPanTiltSlowFast", "SpeedPanFastSlow",
                "SpeedPanSlowFast", "SpeedTiltFastSlow", "SpeedTiltSlowFast"}) {
            PRESET_ROLES.put(speed, Role.PAN_TILT_SPEED);
        }
        PRESET_ROLES.put("ShutterStrobeSlowFast", Role.SHUTTER);
        PRESET_ROLES.put("ShutterStrobeFastSlow", Role.SHUTTER);
        PRESET_ROLES.put("ColorMacro", Role.COLOR_WHEEL);
        PRESET_ROLES.put("ColorWheel", Role.COLOR_WHEEL);
        PRESET_ROLES.put("GoboWheel", Role.GOBO_WHEEL);
        PRESET_ROLES.put("GoboIndex", Role.GOBO_WHEEL);
        PRESET_ROLES.put("NoFunction", Role.NOTHING);
    }

    private QlcReader() {
    }

    private static String capitalised(String upper) {
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    static Definition read(Path file) throws FixtureImportException {
        XmlTree.Element root;
        try (InputStream in = Files.newInputStream(file)) {
            root = XmlTree.parse(in);
        } catch (XMLStreamException e) {
            throw new FixtureImportException(Reasons.UNREADABLE, file + ": not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new FixtureImportException(Reasons.UNREADABLE, file + ": " + e.getMessage());
        }
        if (!root.tag.equals("FixtureDefinition")) {
            throw new FixtureImportException(Reasons.NOT_A_FIXTURE, file + ": the root element is <" + root.tag
                    + ">, not <FixtureDefinition>");
        }
        String manufacturer = text(child(root, "Manufacturer"));
        String model = text(child(root, "Model"));
        if (manufacturer.isEmpty() || model.isEmpty()) {
            throw new FixtureImportException(Reasons.NOT_A_FIXTURE, file + ": no <Manufacturer> or <Model>");
        }
        String type = text(child(root, "Type"));
        Map<String, Definition.Channel> channels = new HashMap<>();
        for (XmlTree.Element channel : children(root, "Channel")) {
            Definition.Channel parsed = channel(channel);
            channels.putIfAbsent(parsed.name(), parsed);
        }
        double[] physical = focus(child(root, "Physical"), null);
        List<Definition.Mode> modes = new ArrayList<>();
        for (XmlTree.Element mode : children(root, "Mode")) {
            modes.add(mode(mode, channels, physical));
        }
        return new Definition(manufacturer, model, type.isEmpty() ? "Other" : type, modes);
    }

    /** The mode's channels by number; a number naming no channel definition leaves a null there. */
    private static Definition.Mode mode(XmlTree.Element mode, Map<String, Definition.Channel> defined,
                                        double[] physical) {
        Map<Integer, Definition.Channel> byNumber = new HashMap<>();
        int count = 0;
        for (XmlTree.Element ref : children(mode, "Channel")) {
            Integer number = integer(ref.attribute("Number"));
            if (number == null || number < 0 || number > 4096) {
                continue;
            }
            Definition.Channel channel = defined.get(text(ref));
            byNumber.put(number, channel == null ? unknown(text(ref)) : channel);
            count = Math.max(count, number + 1);
        }
        List<Definition.Channel> channels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            channels.add(byNumber.get(i));
        }
        List<List<Integer>> heads = new ArrayList<>();
        for (XmlTree.Element head : children(mode, "Head")) {
            List<Integer> offsets = new ArrayList<>();
            for (XmlTree.Element ref : children(head, "Channel")) {
                Integer number = integer(text(ref));
                if (number != null && number >= 0 && number < count) {
                    offsets.add(number);
                }
            }
            if (!offsets.isEmpty()) {
                heads.add(offsets);
            }
        }
        double[] range = focus(child(mode, "Physical"), physical);
        return new Definition.Mode(mode.attribute("Name").strip(), channels, heads,
                range == null || range[0] <= 0 ? null : range[0], range == null || range[1] <= 0 ? null : range[1]);
    }

    /** A mode channel that names no {@code <Channel>} definition: kept so the offsets stay right, flagged. */
    private static Definition.Channel unknown(String name) {
        return new Definition.Channel(name, null, false, null, List.of(), null);
    }

    /** [PanMax, TiltMax] of a Physical element's Focus, or the fallback. */
    private static double[] focus(XmlTree.Element physical, double[] fallback) {
        XmlTree.Element focus = physical == null ? null : child(physical, "Focus");
        if (focus == null) {
            return fallback;
        }
        Integer pan = integer(focus.attribute("PanMax"));
        Integer tilt = integer(focus.attribute("TiltMax"));
        return new double[] {pan == null ? 0 : pan, tilt == null ? 0 : tilt};
    }

    private static Definition.Channel channel(XmlTree.Element channel) {
        String name = XmlTree.collapse(channel.attribute("Name"));
        String preset = channel.attribute("Preset");
        XmlTree.Element group = child(channel, "Group");
        String groupName = group == null ? "" : text(group);
        boolean fine = preset.endsWith("Fine") || group != null && "1".equals(group.attribute("Byte").strip());
        List<XmlTree.Element> capabilityElements = children(channel, "Capability");
        Role role = role(name, preset, groupName, text(child(channel, "Colour")), capabilityElements.size());
        List<Definition.Capability> capabilities = new ArrayList<>();
        for (XmlTree.Element capability : capabilityElements) {
            Definition.Capability parsed = capability(capability, role);
            if (parsed != null) {
                capabilities.add(parsed);
            }
        }
        return new Definition.Channel(name, role, fine, null, capabilities, null);
    }

    /** The channel's role from its preset (QLC+ 4.12 and later), else from its group, colour and name. */
    private static Role role(String name, String preset, String group, String colour, int capabilities) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!preset.isEmpty()) {
            String coarse = preset.endsWith("Fine") ? preset.substring(0, preset.length() - 4) : preset;
            if (coarse.equals("GoboIndex") || coarse.equals("ColorWheel")) {
                // the fine byte of a wheel index is a plain channel; the coarse one is the wheel
                return preset.endsWith("Fine") ? Role.OTHER : PRESET_ROLES.get(coarse);
            }
            return PRESET_ROLES.getOrDefault(coarse, Role.OTHER);
        }
        if (lower.contains("strob") && (group.equals("Speed") || group.equals("Effect"))) {
            return Role.SHUTTER;
        }
        return switch (group) {
            case "Intensity" -> {
                Role emitter = Role.ofColourName(colour);
                yield emitter != null ? emitter : Role.DIMMER;
            }
            case "Pan" -> Role.PAN;
            case "Tilt" -> Role.TILT;
            case "Colour" -> capabilities >= 2 ? Role.COLOR_WHEEL : Role.OTHER;
            case "Gobo" -> capabilities >= 2 && !lower.contains("rotat") ? Role.GOBO_WHEEL : Role.OTHER;
            case "Prism" -> capabilities >= 2 && !lower.contains("rotat") ? Role.PRISM : Role.OTHER;
            case "Speed" -> lower.contains("pan") || lower.contains("tilt") || lower.contains("p/t")
                    || lower.contains("movement") ? Role.PAN_TILT_SPEED : Role.OTHER;
            case "Shutter" -> lower.contains("iris") ? Role.OTHER : Role.SHUTTER;
            case "Effect" -> capabilities >= 2 ? Role.MACRO : Role.OTHER;
            case "Maintenance" -> Role.MAINTENANCE;
            case "Nothing" -> Role.NOTHING;
            default -> Role.OTHER;
        };
    }

    private static Definition.Capability capability(XmlTree.Element capability, Role role) {
        Integer min = integer(capability.attribute("Min"));
        Integer max = integer(capability.attribute("Max"));
        if (min == null || max == null || min < 0 || max > 255 || min > max) {
            return null;
        }
        String preset = capability.attribute("Preset");
        String label = capability.text();
        String colour = hex(capability.attribute("Res1"));
        if (colour == null) {
            colour = hex(capability.attribute("Color"));
        }
        Definition.Shutter shutter = role == Role.SHUTTER ? shutter(preset, label) : null;
        return new Definition.Capability(min, max, label, colour, shutter);
    }

    private static Definition.Shutter shutter(String preset, String label) {
        String lower = label.toLowerCase(Locale.ROOT);
        if (preset.equals("ShutterOpen")) {
            return Definition.Shutter.OPEN;
        }
        if (preset.equals("ShutterClose")) {
            return Definition.Shutter.CLOSED;
        }
        if (preset.startsWith("Strobe") || preset.startsWith("Pulse") || preset.startsWith("Ramp")
                || lower.contains("strob") || lower.contains("pulse") || lower.contains("flash")) {
            return Definition.Shutter.STROBE;
        }
        if (lower.contains("open") || lower.equals("on") || lower.contains("shutter on")) {
            return Definition.Shutter.OPEN;
        }
        if (lower.contains("close") || lower.contains("blackout") || lower.equals("off")) {
            return Definition.Shutter.CLOSED;
        }
        return Definition.Shutter.OTHER;
    }

    /** "#ff0000" → "FF0000"; anything else (a gobo image path, nothing) → null. */
    private static String hex(String value) {
        String v = value == null ? "" : value.strip();
        if (v.matches("#[0-9A-Fa-f]{6}")) {
            return v.substring(1).toUpperCase(Locale.ROOT);
        }
        return null;
    }

    // ---- tree helpers ------------------------------------------------------------------------------------------

    private static XmlTree.Element child(XmlTree.Element parent, String tag) {
        return parent == null ? null : parent.child(tag);
    }

    private static List<XmlTree.Element> children(XmlTree.Element parent, String tag) {
        return parent.children(tag);
    }

    private static String text(XmlTree.Element element) {
        return element == null ? "" : element.text();
    }

    private static Integer integer(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
