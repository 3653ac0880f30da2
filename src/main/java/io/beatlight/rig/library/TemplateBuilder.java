package io.beatlight.rig.library;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.RigLoader;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one mode of a library definition into a Beatlight template (docs/fixture-library.md). Channels are named
 * the way the effects look for them ({@code dim}, {@code red}/{@code green}/{@code blue}, {@code shutter}), and
 * meta channels get the ids the effects read ({@code dim}; {@code rgb}, subtractive over cyan, magenta and yellow;
 * {@code shutter}; {@code pan} and {@code tilt} labelled Pan and Tilt, u16 with a fine byte, else u8). A mode with
 * several heads keeps one fixture and numbers the per-head controls ({@code rgb_1}, {@code dim_2}…); the controls
 * outside every head keep the plain ids.
 */
final class TemplateBuilder {
    /** Colour names for the rgb control's swatches, as in the bundled templates. */
    private static final Map<String, String> COLOUR_TABLE = new LinkedHashMap<>();
    /** Degrees per second of the default full travel (540° pan in 2.0 s, 270° tilt in 0.9 s; effects.Travel). */
    private static final double PAN_DEGREES_PER_SECOND = 540 / 2.0;
    private static final double TILT_DEGREES_PER_SECOND = 270 / 0.9;

    static {
        COLOUR_TABLE.put("off", "000000");
        COLOUR_TABLE.put("red", "FF0000");
        COLOUR_TABLE.put("green", "00FF00");
        COLOUR_TABLE.put("blue", "0000FF");
        COLOUR_TABLE.put("cyan", "00FFFF");
        COLOUR_TABLE.put("magenta", "FF00FF");
        COLOUR_TABLE.put("yellow", "FFFF00");
        COLOUR_TABLE.put("white", "FFFFFF");
    }

    /** Roles whose second channel in a head is named after its library name. */
    private static final Set<Role> NAMED_WHEN_REPEATED = Set.of(Role.SHUTTER, Role.COLOR_WHEEL,
            Role.GOBO_WHEEL, Role.PRISM, Role.MACRO, Role.MAINTENANCE, Role.PAN_TILT_SPEED);

    private final Definition definition;
    private final Definition.Mode mode;
    private final String libraryId;
    private final ModeLayout layout;
    private final int count;
    private final String[] names;
    private final Set<String> taken = new HashSet<>();
    private final List<String> unmapped = new ArrayList<>();
    private final ObjectNode metas = Json.object();
    private final ObjectNode mappings = Json.object();

    private TemplateBuilder(Definition definition, Definition.Mode mode, String libraryId) {
        this.definition = definition;
        this.mode = mode;
        this.libraryId = libraryId;
        this.layout = new ModeLayout(mode);
        this.count = layout.count();
        this.names = new String[count];
    }

    /** The template of one mode; throws with the reason when the mode cannot become one. */
    static ImportedTemplate build(Definition definition, Definition.Mode mode, String libraryId)
            throws FixtureImportException {
        check(mode);
        return new TemplateBuilder(definition, mode, libraryId).build();
    }

    /**
     * Throws when a mode cannot become a template: no channels, more than a universe, or a channel the file does
     * not define. Every other mode converts (the index relies on it to list modes without building them).
     */
    static void check(Definition.Mode mode) throws FixtureImportException {
        String label = "mode '" + mode.name() + "'";
        if (mode.channels().isEmpty()) {
            throw new FixtureImportException("mode without channels", label + " has no channels");
        }
        if (mode.channels().size() > UniverseLayout.UNIVERSE_SIZE) {
            throw new FixtureImportException("footprint over 512 channels", label + " uses "
                    + mode.channels().size() + " channels, more than a universe");
        }
        for (int i = 0; i < mode.channels().size(); i++) {
            Definition.Channel c = mode.channels().get(i);
            if (c != null && c.role() == null) {
                throw new FixtureImportException("mode names an undefined channel", label + " channel " + (i + 1)
                        + " is '" + c.name() + "', which the file does not define");
            }
        }
    }

    // ---- names -------------------------------------------------------------------------------------------------

    /** Ids of the multi-channel controls first, so that no channel name takes them. */
    private Map<Integer, String> reserveControlIds() {
        Map<Integer, String> ids = new HashMap<>();
        if (!layout.rgbSets().isEmpty() || !layout.cmySets().isEmpty()) {
            taken.add("color");
        }
        // a head has additive or CMY sets, never both (ModeLayout): numbered per head the same way
        Map<Integer, Integer> setsPerHead = new HashMap<>();
        List<Integer> firsts = new ArrayList<>(layout.rgbSets().keySet());
        firsts.addAll(layout.cmySets().keySet());
        for (int first : firsts) {
            int k = setsPerHead.merge(layout.head(first), 1, Integer::sum);
            ids.put(first, Names.unique("rgb" + layout.headSuffix(first) + (k > 1 ? "_" + k : ""), taken));
        }
        for (int i = 0; i < count; i++) {
            boolean axis = layout.role(i) == Role.PAN || layout.role(i) == Role.TILT;
            if (axis && !layout.isFine(i) && layout.partner(i) >= 0) {
                ids.put(i, Names.unique(layout.role(i).baseName() + layout.headSuffix(i), taken));
            }
        }
        return ids;
    }

    private void nameChannels() {
        Set<String> rolesSeen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (layout.isPairedFine(i)) {
                continue;
            }
            String base = baseName(i);
            Definition.Channel c = layout.channel(i);
            // a second gobo wheel, strobe or macro channel is named after itself ("gobo_wheel_2"), not "gobo_2"
            if (c != null && !c.fine() && NAMED_WHEN_REPEATED.contains(c.role())
                    && !rolesSeen.add(c.role() + "@" + layout.head(i)) && !Names.slug(c.name()).isEmpty()) {
                base = Names.slug(c.name());
            }
            names[i] = Names.unique(base + layout.headSuffix(i), taken);
        }
        for (int i = 0; i < count; i++) {
            if (layout.isPairedFine(i)) {
                String coarse = names[layout.partner(i)];
                Role role = layout.role(i);
                String name = role == Role.PAN || role == Role.TILT ? role.baseName() + "_lsb" + layout.headSuffix(i)
                        : coarse + "_fine";
                names[i] = Names.unique(name, taken);
            }
        }
    }

    private String baseName(int offset) {
        Definition.Channel c = layout.channel(offset);
        if (c == null) {
            return "unused";
        }
        Role role = c.role();
        if (c.fine() || role == Role.OTHER) {
            String slug = Names.slug(c.name());
            return slug.isEmpty() ? "channel_" + (offset + 1) : slug;
        }
        return switch (role) {
            case PAN, TILT -> role.baseName() + (layout.partner(offset) >= 0 ? "_msb" : "");
            case SHUTTER -> opensAtFull(c) ? "shutter" : "strobe";
            case COLOR_WHEEL -> layout.hasRgbIn(layout.head(offset)) || layout.hasRgbIn(0) ? "color_macro"
                    : "color_wheel";
            case MAINTENANCE -> c.capabilities().stream()
                    .anyMatch(cap -> cap.label().toLowerCase(Locale.ROOT).contains("reset")) ? "reset" : "control";
            default -> role.baseName();
        };
    }

    /**
     * True when DMX 255 opens the shutter: the effects write 255 for "light" and 0 for "dark" to a channel named
     * shutter, so a strobe channel whose top range strobes fast is named strobe instead.
     */
    private static boolean opensAtFull(Definition.Channel channel) {
        Definition.Capability top = capabilityAt(channel, 255);
        return top != null && top.shutter() == Definition.Shutter.OPEN;
    }

    private static Definition.Capability capabilityAt(Definition.Channel channel, int value) {
        for (Definition.Capability cap : channel.capabilities()) {
            if (cap.min() <= value && value <= cap.max()) {
                return cap;
            }
        }
        return null;
    }

    // ---- the template ------------------------------------------------------------------------------------------

    private ImportedTemplate build() throws FixtureImportException {
        Map<Integer, String> controlIds = reserveControlIds();
        nameChannels();
        ObjectNode channelsJson = Json.object();
        for (int i = 0; i < count; i++) {
            channelsJson.put(names[i], i);
        }
        boolean additive = layout.hasAdditiveEmitters();
        for (int i = 0; i < count; i++) {
            control(i, controlIds.get(i), additive);
        }
        noteLimits();
        boolean moves = false;
        for (int i = 0; i < count; i++) {
            moves |= layout.role(i) == Role.PAN || layout.role(i) == Role.TILT;
        }
        String type = moves ? "moving_head" : typeSlug();
        String model = modelSlug();
        ObjectNode template = Json.object();
        template.put("id", model);
        template.put("type", type);
        template.set("channels", channelsJson);
        template.set("meta_channels", metas);
        template.set("mappings", mappings);
        ObjectNode movement = movement();
        if (movement != null) {
            template.set("physical_movement", movement);
        }
        ObjectNode source = template.putObject("source");
        source.put("library_id", libraryId);
        source.put("manufacturer", definition.manufacturer());
        source.put("model", definition.model());
        source.put("mode", mode.name());
        String fileName = "fixture." + type + "." + model + ".json";
        List<LoadProblem> problems = new ArrayList<>();
        if (RigLoader.parseTemplate(fileName, template, problems) == null) {
            throw new FixtureImportException("template rejected", "mode '" + mode.name() + "': "
                    + problems.stream().map(LoadProblem::toString).collect(Collectors.joining("; ")));
        }
        return new ImportedTemplate(mode.name(), template, fileName, count, unmapped);
    }

    private String typeSlug() {
        String slug = Names.slug(definition.type());
        return slug.isEmpty() ? "other" : slug;
    }

    /** manufacturer_model_mode, kept short enough for a file name. */
    private String modelSlug() {
        String slug = Names.slug(definition.manufacturer() + " " + definition.model() + " " + mode.name());
        if (slug.length() > 96) {
            slug = slug.substring(0, 96).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "fixture" : slug;
    }

    /** The control (meta channel) a channel gets, if any. */
    private void control(int offset, String reservedId, boolean additive) {
        Definition.Channel c = layout.channel(offset);
        if (c == null || layout.isPairedFine(offset)) {
            return; // a u16 control drives pan and tilt fine bytes; the other fine bytes stay 0 (noteLimits)
        }
        Role role = c.fine() ? Role.OTHER : c.role();
        if (role == Role.NOTHING) {
            return;
        }
        if (layout.inRgbSet(offset)) {
            int[] cmy = layout.cmySets().get(offset);
            int[] set = cmy != null ? cmy : layout.rgbSets().get(offset);
            if (set != null) {
                ObjectNode rgb = metas.putObject(reservedId);
                rgb.put("label", "Color" + layout.headLabel(offset));
                rgb.put("kind", "rgb");
                rgb.put("mapping", "color");
                rgb.putArray("channels").add(names[set[0]]).add(names[set[1]]).add(names[set[2]]);
                if (cmy != null) {
                    // the colour stays additive (#FF0000 is red); each flag gets 255 − the component
                    rgb.put("subtractive", true);
                }
                if (!mappings.has("color")) {
                    ObjectNode table = mappings.putObject("color");
                    COLOUR_TABLE.forEach(table::put);
                }
            }
            return;
        }
        switch (role) {
            case PAN, TILT -> axis(offset, reservedId);
            case DIMMER -> {
                ObjectNode dim = slider(offset, c);
                if (additive && !dim.has("arm")) {
                    // with colour mixing the colour is the level: armed full, a par lights as soon as it has a colour
                    dim.put("arm", 255);
                }
            }
            case SHUTTER -> shutter(offset, c);
            case COLOR_WHEEL, GOBO_WHEEL, PRISM, MACRO, MAINTENANCE -> selector(offset, c, role);
            default -> slider(offset, c);
        }
    }

    /**
     * Pan or tilt: a u16 control with its fine byte, else a u8 one (the movement effects compute in 16 bits and send
     * an 8-bit axis the nearest byte), labelled Pan or Tilt either way.
     */
    private void axis(int offset, String reservedId) {
        Definition.Channel c = layout.channel(offset);
        String axisName = layout.role(offset) == Role.PAN ? "Pan" : "Tilt";
        if (layout.partner(offset) < 0) {
            ObjectNode slider = slider(offset, c);
            slider.put("label", axisName + layout.headLabel(offset));
            return;
        }
        ObjectNode meta = metas.putObject(reservedId);
        meta.put("label", axisName + layout.headLabel(offset));
        meta.put("kind", "u16");
        meta.putArray("channels").add(names[offset]).add(names[layout.partner(offset)]);
        Integer coarse = c.defaultValue();
        if (coarse != null) {
            Integer fine = layout.channel(layout.partner(offset)).defaultValue();
            meta.put("arm", coarse << 8 | (fine == null ? 0 : fine));
        }
    }

    private ObjectNode slider(int offset, Definition.Channel c) {
        ObjectNode meta = metas.putObject(names[offset]);
        meta.put("label", label(c, offset));
        meta.put("kind", "u8");
        meta.put("channel", names[offset]);
        if (c.capabilities().size() >= 2) {
            meta.put("mapping", table(names[offset], c));
        }
        armFromFile(meta, c, 255);
        return meta;
    }

    /** Shutter or strobe: a slider with the ranges' labels, armed open when 0 would keep the light closed. */
    private void shutter(int offset, Definition.Channel c) {
        ObjectNode meta = slider(offset, c);
        Definition.Capability atZero = capabilityAt(c, 0);
        if (!meta.has("arm") && atZero != null && atZero.shutter() == Definition.Shutter.CLOSED) {
            c.capabilities().stream().filter(cap -> cap.shutter() == Definition.Shutter.OPEN).findFirst()
                    .ifPresent(open -> meta.put("arm", open.min()));
        }
    }

    /** Wheels, prism, macros, reset: a selector of the capability names (a slider when there is one range). */
    private void selector(int offset, Definition.Channel c, Role role) {
        if (c.capabilities().size() < 2) {
            slider(offset, c);
            return;
        }
        ObjectNode meta = metas.putObject(names[offset]);
        meta.put("label", label(c, offset));
        meta.put("kind", "enum");
        meta.put("channel", names[offset]);
        meta.put("mapping", table(names[offset], c));
        meta.put("step", true);
        if (role == Role.MAINTENANCE) {
            meta.put("hidden", true); // a reset or lamp-off button is not a show control
        }
        armFromFile(meta, c, 255);
        if (role == Role.COLOR_WHEEL) {
            ObjectNode swatches = Json.object();
            for (Definition.Capability cap : sorted(c)) {
                if (cap.colour() != null && !swatches.has(String.valueOf(cap.min()))) {
                    swatches.put(String.valueOf(cap.min()), cap.colour());
                }
            }
            if (!swatches.isEmpty()) {
                mappings.set(Names.unique(names[offset] + "_swatches", taken), swatches);
            }
        }
    }

    private static void armFromFile(ObjectNode meta, Definition.Channel c, int max) {
        if (c.defaultValue() != null && c.defaultValue() >= 0 && c.defaultValue() <= max) {
            meta.put("arm", c.defaultValue());
        }
    }

    /** The mapping of a channel's ranges: the first DMX value of each range → its name (names made unique). */
    private String table(String id, Definition.Channel c) {
        ObjectNode table = mappings.putObject(id);
        Set<String> labels = new HashSet<>();
        for (Definition.Capability cap : sorted(c)) {
            String key = String.valueOf(cap.min());
            if (table.has(key)) {
                continue;
            }
            String label = cap.label().isEmpty() ? "DMX " + cap.min() + "-" + cap.max() : cap.label();
            if (!labels.add(label.toLowerCase(Locale.ROOT))) {
                label = label + " (" + cap.min() + ")";
                labels.add(label.toLowerCase(Locale.ROOT));
            }
            table.put(key, label);
        }
        return id;
    }

    private static List<Definition.Capability> sorted(Definition.Channel c) {
        return c.capabilities().stream().sorted(Comparator.comparingInt(Definition.Capability::min)).toList();
    }

    private String label(Definition.Channel c, int offset) {
        return c.name().isBlank() ? names[offset] : c.name();
    }

    private String describe(int offset) {
        Definition.Channel c = layout.channel(offset);
        return "'" + (c == null ? "?" : c.name()) + "' (channel " + (offset + 1) + ")";
    }

    /** Notes on what the template cannot express, once per mode. */
    private void noteLimits() {
        Map<Role, List<Integer>> subtractive = new EnumMap<>(Role.class);
        List<Integer> eightBit = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Role r = layout.role(i);
            if (layout.isPairedFine(i) && r != Role.PAN && r != Role.TILT) {
                eightBit.add(i);
            }
            if (layout.isCmyFlag(i) && !layout.isFine(i) && !layout.inRgbSet(i)) {
                subtractive.computeIfAbsent(r, k -> new ArrayList<>()).add(i);
            }
            if (layout.isFine(i) && r != Role.OTHER && r != Role.NOTHING && layout.partner(i) < 0) {
                unmapped.add(describe(i) + ": fine byte without its coarse channel, so a plain slider");
            }
            if (r.isEmitter() && !layout.inRgbSet(i) && (r == Role.RED || r == Role.GREEN || r == Role.BLUE)
                    && !layout.isFine(i)) {
                unmapped.add(describe(i) + ": no complete red/green/blue set, so a plain slider");
            }
        }
        if (!eightBit.isEmpty()) {
            unmapped.add("fine bytes kept at 0, their controls are 8-bit: " + eightBit.stream().map(this::describe)
                    .collect(Collectors.joining(", ")));
        }
        if (!subtractive.isEmpty()) {
            unmapped.add("CMY colour mixing without a complete cyan/magenta/yellow set (" + subtractive.values()
                    .stream().flatMap(List::stream).sorted().map(this::describe).collect(Collectors.joining(", "))
                    + "): plain sliders");
        }
        if (layout.multiHead()) {
            boolean wholeRgb = layout.hasColourIn(0);
            boolean headRgb = layout.hasHeadColour();
            unmapped.add(mode.heads().size() + " heads: one fixture with numbered controls per head (rgb_1, dim_1…)"
                    + (headRgb && !wholeRgb ? "; colour effects need a whole-fixture 'rgb' control, so they do "
                    + "not apply" : ""));
        }
    }

    /** The pan/tilt ranges, and the full-travel times they imply at the default speed of the movement effects. */
    private ObjectNode movement() {
        boolean pan = false;
        boolean tilt = false;
        for (int i = 0; i < count; i++) {
            pan |= layout.role(i) == Role.PAN;
            tilt |= layout.role(i) == Role.TILT;
        }
        Double panDegrees = pan ? mode.panDegrees() : null;
        Double tiltDegrees = tilt ? mode.tiltDegrees() : null;
        if (panDegrees == null && tiltDegrees == null) {
            return null;
        }
        ObjectNode movement = Json.object();
        if (panDegrees != null) {
            movement.put("pan_degrees", panDegrees);
            movement.put("pan_full_travel_seconds", hundredths(panDegrees / PAN_DEGREES_PER_SECOND));
        }
        if (tiltDegrees != null) {
            movement.put("tilt_degrees", tiltDegrees);
            movement.put("tilt_full_travel_seconds", hundredths(tiltDegrees / TILT_DEGREES_PER_SECOND));
        }
        return movement;
    }

    private static double hundredths(double seconds) {
        return Math.rint(seconds * 100) / 100;
    }
}
