package io.beatlight.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Coerce;
import io.beatlight.util.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code dynamic_wave_generator} (docs/effects.md#chasers): a colour wave across fixtures, sampled every {@code
 * step_size} beats, from {@code base_color} to {@code accent_color}, with fade-in and fade-out envelopes.
 */
final class WaveGenerator {
    static final List<String> DEFAULT_FIXTURES = List.of("parcan_l", "parcan_r", "parcan_pl", "parcan_pr");

    private WaveGenerator() {
    }

    /** Source rows in beats: {beat, fixture_id, effect: set_channels, duration, data: {red, green, blue}}. */
    static List<ObjectNode> rows(ObjectNode params) {
        List<String> fixtures = new ArrayList<>();
        JsonNode given = params.get("fixtures");
        if (given != null && given.isArray()) {
            given.forEach(f -> fixtures.add(f.asText()));
        } else {
            fixtures.addAll(DEFAULT_FIXTURES);
        }
        int[] base = colour(params.path("base_color").asText("#000814"), new int[] {0, 8, 20});
        int[] accent = colour(params.path("accent_color").asText("#00F5FF"), new int[] {0, 245, 255});
        double total = Coerce.num(params.get("duration_beats"), 4);
        double step = Coerce.num(params.get("step_size"), 0.05);
        double speed = Coerce.num(params.get("speed"), 1);
        double fadeIn = Coerce.num(params.get("fade_in_beats"), 1);
        double fadeOut = Coerce.num(params.get("fade_out_beats"), 1);
        List<ObjectNode> rows = new ArrayList<>();
        if (!(step > 0) || fixtures.isEmpty() || !(total > 0) || total / step > 100_000) {
            return rows;
        }
        int n = fixtures.size();
        for (double b = 0; b < total; b += step) {
            double env = 1;
            if (fadeIn > 0 && b < fadeIn) {
                env = b / fadeIn;
            } else if (fadeOut > 0 && b > total - fadeOut) {
                env = Math.max(0, (total - b) / fadeOut);
            }
            double beat = new BigDecimal(b).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
            for (int i = 0; i < n; i++) {
                double m = (StrictMath.sin(2 * Math.PI * i / n - b * speed * Math.PI) + 1) / 2;
                ObjectNode row = Json.object().put("beat", beat).put("fixture_id", fixtures.get(i))
                        .put("effect", "set_channels").put("duration", step);
                ObjectNode data = row.putObject("data");
                String[] names = {"red", "green", "blue"};
                for (int c = 0; c < 3; c++) {
                    data.put(names[c], (long) ((base[c] + (accent[c] - base[c]) * m) * env));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static int[] colour(String text, int[] fallback) {
        String hex = text.strip().startsWith("#") ? text.strip().substring(1) : text.strip();
        if (!hex.matches("[0-9A-Fa-f]{6}")) {
            return fallback;
        }
        int v = Integer.parseInt(hex, 16);
        return new int[] {v >> 16 & 255, v >> 8 & 255, v & 255};
    }
}
