package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code parcan_echoes}: flashes that bounce between a left and a right par can from a start time, every
 * {@code delay_beats}, each {@code decay_factor} times as bright as the one before, until the brightness falls below
 * {@code minimum_value} (the first flash always sounds).
 */
final class ParcanEchoes implements CueHelper {
    static final String ID = "parcan_echoes";
    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
    /** More echoes than this cannot come from sane parameters; a guard against a decay of 0.95 over 0.05. */
    private static final int MAX_ECHOES = 256;
    private static final ObjectNode DEFINITION = Rows.definition(ID, "Parcan Echoes",
            "Alternate flashes between the left and right par cans (parcan_l and parcan_r, else the outermost two) "
                    + "with a colour and decaying brightness (the colour is dimmed by it; render version 2 shows the "
                    + "colour, version 1 flashes white). Needs the song's bpm.", "parameterized",
            parameters());

    private static ArrayNode parameters() {
        ArrayNode p = Json.array();
        p.add(number("start_time_ms", "Start Time (ms)", "number", 0, 0, null, 50));
        p.addObject().put("name", "color").put("label", "Color").put("type", "color").put("default", "#FFFFFF")
                .put("required", true);
        p.add(number("initial_value", "Initial Brightness", "range", 1.0, 0.05, 1.0, 0.05));
        p.add(number("delay_beats", "Delay (beats)", "range", 0.5, 0.125, 2.0, 0.125));
        p.add(number("flash_duration_beats", "Flash Duration (beats)", "range", 0.25, 0.125, 1.0, 0.125));
        p.add(number("decay_factor", "Decay Factor", "range", 0.7, 0.1, 0.95, 0.05));
        p.add(number("minimum_value", "Minimum Brightness", "range", 0.2, 0.05, 0.8, 0.05));
        return p;
    }

    private static ObjectNode number(String name, String label, String type, double dflt, double min, Double max,
                                     double step) {
        ObjectNode n = Json.object().put("name", name).put("label", label).put("type", type);
        n.set("default", Json.number(dflt));
        n.set("min", Json.number(min));
        if (max != null) {
            n.set("max", Json.number(max));
        }
        n.set("step", Json.number(step));
        return n.put("required", true);
    }

    @Override
    public ObjectNode definition() {
        return DEFINITION.deepCopy();
    }

    @Override
    public List<ObjectNode> generate(HelperInput input, Payload params) throws IntentException {
        if (!input.hasBpm()) {
            throw Rows.bpmUnavailable();
        }
        double start = param(params, "start_time_ms", 0) / 1000.0;
        if (start > input.show().lengthS()) {
            throw IntentException.invalid("params.start_time_ms", "params.start_time_ms is after the song's end")
                    .because("invalid_helper_params");
        }
        double initial = param(params, "initial_value", 1.0);
        double delay = param(params, "delay_beats", 0.5) * input.beatSeconds();
        double duration = param(params, "flash_duration_beats", 0.25) * input.beatSeconds();
        double decay = param(params, "decay_factor", 0.7);
        double minimum = param(params, "minimum_value", 0.2);
        String colour = colour(params);
        List<ShowView.FixtureInfo> pair = pair(input.show());
        List<ObjectNode> rows = new ArrayList<>();
        double brightness = initial;
        double time = start;
        for (int i = 0; (i == 0 || brightness >= minimum) && i < MAX_ECHOES; i++) {
            // our flash has no brightness parameter: the colour carries it (the field stays for the reference)
            ObjectNode data = Json.object().put("color", scaled(colour, brightness));
            data.set("brightness", Json.number(brightness));
            rows.add(Rows.effect(time, pair.get(i % 2).id(), "flash", duration, data));
            brightness *= decay;
            time += delay;
        }
        return rows;
    }

    static String scaled(String colour, double brightness) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        int r = (int) Math.round(((rgb >> 16) & 0xFF) * brightness);
        int g = (int) Math.round(((rgb >> 8) & 0xFF) * brightness);
        int b = (int) Math.round((rgb & 0xFF) * brightness);
        return String.format("#%02X%02X%02X", r, g, b);
    }

    /** parcan_l and parcan_r when patched (the reference's pair), else the leftmost and rightmost par cans. */
    private static List<ShowView.FixtureInfo> pair(ShowView show) throws IntentException {
        List<ShowView.FixtureInfo> pars = Rows.ofType(show, "parcan", "flash");
        var left = pars.stream().filter(f -> f.id().equals("parcan_l")).findFirst();
        var right = pars.stream().filter(f -> f.id().equals("parcan_r")).findFirst();
        if (left.isPresent() && right.isPresent()) {
            return List.of(left.get(), right.get());
        }
        if (pars.size() < 2) {
            throw Rows.failed("parcans_unavailable", "parcan_echoes needs two par cans that can flash");
        }
        return List.of(pars.get(0), pars.get(pars.size() - 1));
    }

    /** A numeric parameter within its declared range, or its default when absent. */
    private static double param(Payload params, String name, double dflt) throws IntentException {
        ObjectNode declared = null;
        for (var p : DEFINITION.get("parameters")) {
            if (p.get("name").asText().equals(name)) {
                declared = (ObjectNode) p;
            }
        }
        double value;
        try {
            value = params.optionalNumber(name).orElse(dflt);
        } catch (IntentException e) {
            throw e.because("invalid_helper_params");
        }
        double min = declared.get("min").asDouble();
        double max = declared.has("max") ? declared.get("max").asDouble() : Double.MAX_VALUE;
        if (value < min - 1e-9 || value > max + 1e-9) {
            throw IntentException.invalid("params." + name, "params." + name + " must be within " + min + ".."
                    + (declared.has("max") ? String.valueOf(max) : "")).because("invalid_helper_params");
        }
        return value;
    }

    private static String colour(Payload params) throws IntentException {
        String colour;
        try {
            colour = params.optionalString("color").orElse("#FFFFFF").trim();
        } catch (IntentException e) {
            throw e.because("invalid_helper_params");
        }
        if (!HEX.matcher(colour).matches()) {
            throw IntentException.invalid("params.color", "params.color must be #RRGGBB")
                    .because("invalid_helper_params");
        }
        return colour.toUpperCase(Locale.ROOT);
    }
}
