package io.beatlight.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Deterministic benchmark shows: mixed cue sheets on the reference rig, and a dense 64-fixture rig. */
final class Sheets {
    static final String[] PAR_EFFECTS = {"flash", "fade_in", "strobe", "full", "set_channels"};
    static final String[] HEAD_EFFECTS = {"move_to", "move_to_poi", "seek", "strobe", "full", "flash", "sweep",
            "set_channels"};

    private Sheets() {
    }

    /** {@code rows} mixed effect rows over {@code seconds} on the given pars and heads. */
    static ArrayNode mixed(int rows, double seconds, List<String> pars, List<String> heads, List<String> pois,
                           long seed) {
        Random random = new Random(seed);
        ArrayNode entries = Json.array();
        for (int i = 0; i < rows; i++) {
            boolean head = random.nextInt(3) == 0;
            String fixture = head ? heads.get(random.nextInt(heads.size())) : pars.get(random.nextInt(pars.size()));
            String effect = head ? HEAD_EFFECTS[random.nextInt(HEAD_EFFECTS.length)]
                    : PAR_EFFECTS[random.nextInt(PAR_EFFECTS.length)];
            double time = Math.round(random.nextDouble() * seconds * 1000) / 1000.0;
            double duration = Math.round(random.nextDouble() * 2000) / 1000.0;
            ObjectNode row = Json.object().put("time", time).put("fixture_id", fixture).put("effect", effect)
                    .put("duration", duration);
            ObjectNode data = row.putObject("data");
            switch (effect) {
                case "flash", "fade_in", "full" -> data.put("red", random.nextInt(256))
                        .put("green", random.nextInt(256)).put("blue", random.nextInt(256));
                case "strobe" -> data.put("rate", 2 + random.nextInt(20));
                case "move_to", "seek" -> data.put("pan", random.nextInt(65536)).put("tilt", random.nextInt(65536));
                case "move_to_poi" -> data.put("target_POI", pois.get(random.nextInt(pois.size())));
                case "sweep" -> data.put("subject_POI", pois.get(random.nextInt(pois.size())))
                        .put("start_POI", pois.get(random.nextInt(pois.size())));
                case "set_channels" -> data.putObject("channels").put("dim", random.nextInt(256));
                default -> { }
            }
            entries.add(row);
        }
        return entries;
    }

    /** A rig of {@code perUniverse × universes} fixtures (half pars, half moving heads) with POIs for the heads. */
    static void denseRig(Path fixturesDir, int universes, int perUniverse, List<String> pars, List<String> heads,
                         List<String> pois) throws Exception {
        ArrayNode fixtures = Json.array();
        for (int u = 0; u < universes; u++) {
            int channel = 1;
            for (int i = 0; i < perUniverse; i++) {
                boolean head = i % 2 == 1;
                String id = (head ? "head_" : "par_") + u + "_" + i;
                fixtures.add(Json.object().put("id", id).put("name", id)
                        .put("fixture", head ? "fixture.moving_head.mini_beam_prism" : "fixture.parcan.rgb_proton")
                        .put("base_channel", channel).put("universe", u));
                channel += head ? 12 : 6;
                (head ? heads : pars).add(id);
            }
        }
        Files.writeString(fixturesDir.resolve("fixtures.json"), Json.write(fixtures));
        ArrayNode poiList = Json.array();
        Random random = new Random(1);
        for (int p = 0; p < 6; p++) {
            ObjectNode poi = Json.object().put("id", "poi_" + p).put("name", "POI " + p);
            poi.putObject("location").put("x", random.nextDouble()).put("y", random.nextDouble()).put("z", 0);
            ObjectNode targets = poi.putObject("fixtures");
            for (String head : heads) {
                targets.putObject(head).put("pan", random.nextInt(65536)).put("tilt", random.nextInt(65536));
            }
            poiList.add(poi);
            pois.add("poi_" + p);
        }
        Files.writeString(fixturesDir.resolve("pois.json"), Json.write(poiList));
    }
}
