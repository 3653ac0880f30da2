package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code color_fade} (later set): moves the colour from its current value (or {@code start_color}) to
 * {@code end_color} through HSV, taking the short way round the hue circle. The dimmer is untouched.
 */
final class ColorFade extends BaseEffect {
    private static final ColourParam FROM = Param.colour("start_color",
            "Colour to start from (default: the current colour).");
    private static final ColourParam TO = Param.colour("end_color", "Colour to end on.");

    ColorFade() {
        super("color_fade", "Color Fade", "Fades the colour to another through the colour wheel.",
                List.of("soft", "long", "wash", "sustain"),
                Parameters.of(FROM, TO, Generic.EASING).requiring(TO));
    }

    @Override
    public boolean supports(FixtureChannels fixture, RenderEnv env) {
        return !env.v1() && Generic.channels(fixture).hasRgb();
    }

    @Override
    public RowRenderer prepare(FixtureChannels fixture, JsonNode data, RenderEnv env) {
        Generic.Channels ch = Generic.channels(fixture);
        if (!ch.hasRgb()) {
            return RowRenderer.NOOP;
        }
        // white when the end colour is missing or unresolvable; black when a start colour does not resolve
        int[] endColour = TO.read(data, fixture.fixture());
        int[] to = endColour == null ? new int[] {255, 255, 255} : endColour;
        boolean startGiven = FROM.given(data);
        int[] startColour = startGiven ? FROM.read(data, fixture.fixture()) : null;
        int[] from = startGiven ? (startColour == null ? new int[3] : startColour) : null;
        return new HsvFade(ch, from, to, Generic.EASING.read(data));
    }

    /** The fade through HSV; without a start colour it starts from the colour in the universe on its first frame. */
    private static final class HsvFade implements RowRenderer {
        private final Generic.Channels ch;
        private final int[] startColour;
        private final int[] to;
        private final String easing;
        private double[] hsvFrom;
        private double[] hsvTo;
        private double dh;

        HsvFade(Generic.Channels ch, int[] startColour, int[] to, String easing) {
            this.ch = ch;
            this.startColour = startColour;
            this.to = to;
            this.easing = easing;
        }

        @Override
        public void render(int f, int start, int end, byte[] u) {
            if (hsvFrom == null) {
                capture(u);
            }
            double p = Generic.eased(f, start, end, easing);
            double h = (hsvFrom[0] + dh * p) % 1.0;
            if (h < 0) {
                h += 1;
            }
            double s = hsvFrom[1] + (hsvTo[1] - hsvFrom[1]) * p;
            double v = hsvFrom[2] + (hsvTo[2] - hsvFrom[2]) * p;
            double[] rgb = rgb(h, s, v);
            for (int i = 0; i < 3; i++) {
                ch.setColour(u, i, (int) Math.max(0, Math.min(255, Math.rint(255 * rgb[i]))));
            }
        }

        /** Both ends in HSV, and the hue step the short way round the circle. */
        private void capture(byte[] u) {
            int[] from = startColour != null ? startColour
                    : new int[] {ch.colour(u, 0), ch.colour(u, 1), ch.colour(u, 2)};
            hsvFrom = hsv(from);
            hsvTo = hsv(to);
            dh = hsvTo[0] - hsvFrom[0];
            if (dh > 0.5) {
                dh -= 1;
            } else if (dh < -0.5) {
                dh += 1;
            }
        }
    }

    /** Python's colorsys.rgb_to_hsv on 0..1 components. */
    static double[] hsv(int[] rgb) {
        double r = rgb[0] / 255.0;
        double g = rgb[1] / 255.0;
        double b = rgb[2] / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        if (min == max) {
            return new double[] {0, 0, max};
        }
        double s = (max - min) / max;
        double rc = (max - r) / (max - min);
        double gc = (max - g) / (max - min);
        double bc = (max - b) / (max - min);
        double h;
        if (r == max) {
            h = bc - gc;
        } else if (g == max) {
            h = 2.0 + rc - bc;
        } else {
            h = 4.0 + gc - rc;
        }
        h = (h / 6.0) % 1.0;
        if (h < 0) {
            h += 1;
        }
        return new double[] {h, s, max};
    }

    /** Python's colorsys.hsv_to_rgb. */
    static double[] rgb(double h, double s, double v) {
        if (s == 0.0) {
            return new double[] {v, v, v};
        }
        int i = (int) (h * 6.0);
        double f = (h * 6.0) - i;
        double p = v * (1.0 - s);
        double q = v * (1.0 - s * f);
        double t = v * (1.0 - s * (1.0 - f));
        return switch (i % 6) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
    }
}
