package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaChannel;
import java.util.Locale;
import java.util.Map;

/**
 * Shared pieces of the later (v2) intensity and colour effects: the meta-channel based addressing ({@code dim},
 * {@code rgb}, {@code shutter} metas), eased progress, scaled values and colour resolution.
 */
final class Generic {
    /** The easing curve of the later fades; unknown names are linear. */
    static final TextParam EASING = Param.text("easing", "linear, ease-in, ease-out or ease-in-out.", "linear",
            "linear", "ease-in", "ease-out", "ease-in-out");

    /** A start level: a number, or (for the colour) an object of red, green and blue levels. */
    static final NumberParam START_VALUE = Param.number("start_value", "Start level (0..1 as a fraction, or 0..255).",
            null, null, null);

    private Generic() {
    }

    /**
     * Buffer indexes of the metas the generic effects drive; NONE when absent. Colour goes through
     * {@link #colour}/{@link #setColour}, which keep the values additive when the rgb control is subtractive (CMY).
     */
    record Channels(int dim, int shutter, int[] rgb, String dimName, boolean subtractive) {
        boolean hasDim() {
            return dim != FixtureChannels.NONE;
        }

        boolean hasRgb() {
            return rgb != null;
        }

        /** Colour component i (0..2) as an additive level: the byte, or 255 − the byte on a CMY control. */
        int colour(byte[] u, int i) {
            int value = FixtureChannels.get(u, rgb[i]);
            return subtractive ? 255 - value : value;
        }

        /** Writes colour component i (0..2), clamped to 0..255 first, then inverted on a CMY control. */
        void setColour(byte[] u, int i, int value) {
            int v = Math.max(0, Math.min(255, value));
            FixtureChannels.set(u, rgb[i], subtractive ? 255 - v : v);
        }
    }

    static Channels channels(FixtureChannels fixture) {
        Map<String, MetaChannel> metas = fixture.fixture().template().metaChannels();
        MetaChannel dim = metas.get("dim");
        MetaChannel shutter = metas.get("shutter");
        MetaChannel rgb = metas.get("rgb");
        int[] rgbIndexes = null;
        if (rgb != null && rgb.channels() != null && rgb.channels().size() >= 3) {
            rgbIndexes = new int[] {fixture.of(rgb.channels().get(0)), fixture.of(rgb.channels().get(1)),
                    fixture.of(rgb.channels().get(2))};
        }
        return new Channels(dim != null && dim.channel() != null ? fixture.of(dim.channel()) : FixtureChannels.NONE,
                shutter != null && shutter.channel() != null ? fixture.of(shutter.channel()) : FixtureChannels.NONE,
                rgbIndexes, dim == null ? null : dim.channel(), rgbIndexes != null && rgb.subtractive());
    }

    static boolean hasMeta(FixtureChannels fixture, String... ids) {
        for (String id : ids) {
            if (fixture.fixture().template().metaChannels().containsKey(id)) {
                return true;
            }
        }
        return false;
    }

    /** Eased progress {@code EASE_T}; a zero-duration row is complete on its start frame. */
    static double eased(int f, int start, int end, String easing) {
        double t = end == start ? 1 : RowRenderer.progress(f, start, end);
        return switch (easing == null ? "linear" : easing.strip().toLowerCase(Locale.ROOT)) {
            case "ease-in" -> t * t * t;
            case "ease-out" -> (t - 1) * (t - 1) * (t - 1) + 1;
            case "ease-in-out" -> t < 0.5 ? 4 * t * t * t : 0.5 * Math.pow(2 * t - 2, 3) + 1;
            default -> t;
        };
    }

    /**
     * {@code SC(v)}: a floating-point number ≤ 1.0 is a fraction of 255 (truncated), anything else a byte value;
     * null when the value does not parse (the later reference would fail the whole render).
     */
    static Integer scaled(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isFloatingPointNumber() && v.asDouble() <= 1.0) {
            return (int) Math.max(0, Math.min(255, (long) (v.asDouble() * 255)));
        }
        Long i = Coerce.integer(v);
        return i == null ? null : (int) Math.max(0, Math.min(255, i));
    }

    /** A colour: {@code #RRGGBB} or a name of the template's {@code color} mapping; null when unresolvable. */
    static int[] colour(Fixture fixture, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String token = Coerce.pythonString(value).strip();
        if (token.matches("#[0-9A-Fa-f]{6}")) {
            return hex(token.substring(1));
        }
        Map<String, String> table = fixture.template().mappings().get("color");
        if (table != null) {
            for (Map.Entry<String, String> e : table.entrySet()) {
                if (e.getKey().strip().equalsIgnoreCase(token)) {
                    String hex = e.getValue().strip();
                    hex = hex.startsWith("#") ? hex.substring(1) : hex;
                    return hex.matches("[0-9A-Fa-f]{6}") ? hex(hex) : null;
                }
            }
        }
        return null;
    }

    private static int[] hex(String six) {
        int rgb = Integer.parseInt(six, 16);
        return new int[] {rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255};
    }

    /** A fixture's dimmer, colour and (optionally) shutter as they were, to restore when an effect ends. */
    static final class Look {
        private final Channels ch;
        private final int dim;
        private final int shutter;
        private final int[] rgb;

        private Look(Channels ch, byte[] u, boolean withShutter) {
            this.ch = ch;
            this.dim = FixtureChannels.get(u, ch.dim());
            this.shutter = withShutter ? FixtureChannels.get(u, ch.shutter()) : -1;
            this.rgb = ch.hasRgb() ? new int[] {ch.colour(u, 0), ch.colour(u, 1), ch.colour(u, 2)} : null;
        }

        static Look capture(Channels ch, byte[] u, boolean withShutter) {
            return new Look(ch, u, withShutter);
        }

        /** The captured colour component i (0..2); only call when the fixture has colour. */
        int rgb(int i) {
            return rgb[i];
        }

        boolean hasRgb() {
            return rgb != null;
        }

        void restore(byte[] u) {
            FixtureChannels.set(u, ch.dim(), dim);
            if (shutter >= 0) {
                FixtureChannels.set(u, ch.shutter(), shutter);
            }
            if (rgb != null) {
                for (int i = 0; i < 3; i++) {
                    ch.setColour(u, i, rgb[i]);
                }
            }
        }
    }

    static int lerp(int from, int to, double p) {
        return (int) Math.rint(from + (to - from) * p);
    }
}
