package io.beatlight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.protocol.StateDocument;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.Fixture;
import io.beatlight.show.Canvas;
import io.beatlight.show.CueEntries;
import io.beatlight.song.Section;
import io.beatlight.util.Json;
import java.util.List;

/**
 * The tools the assistant (a model, or an MCP client) uses on the live show. Read tools answer at once; write tools
 * (see {@link io.beatlight.tools.WriteTools}) change the cue sheet. Definitions carry a JSON schema for each tool's
 * arguments. Read tools run on the engine thread.
 */
public final class ShowTools {
    /** A tool's name, description, argument schema and whether it writes. */
    public record Definition(String name, String description, ObjectNode schema, boolean write) {
    }

    private ShowTools() {
    }

    private static ObjectNode schema(Object... properties) {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = Json.array();
        for (int i = 0; i < properties.length; i += 3) {
            String name = (String) properties[i];
            boolean req = name.endsWith("!");
            name = req ? name.substring(0, name.length() - 1) : name;
            props.putObject(name).put("type", (String) properties[i + 1]).put("description", (String) properties[i + 2]);
            if (req) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static ObjectNode rowsSchema() {
        ObjectNode row = Json.object().put("type", "object");
        ObjectNode p = row.putObject("properties");
        p.putObject("time").put("type", "number").put("description", "Start in seconds.");
        p.putObject("fixture_id").put("type", "string");
        p.putObject("effect").put("type", "string").put("description", "An effect the fixture supports.");
        p.putObject("duration").put("type", "number").put("description", "Seconds.");
        p.putObject("data").put("type", "object").put("description", "The effect's parameters (see its schema).");
        p.putObject("chaser_id").put("type", "string").put("description", "Instead of fixture_id/effect.");
        row.putArray("required").add("time");
        return row;
    }

    public static final List<Definition> DEFINITIONS = List.of(
            new Definition("song_overview", "The loaded song: length, bpm, beat and bar length, sections with their "
                    + "times and bars.", schema(), false),
            new Definition("beats_in_window", "Beat and downbeat times between two times (seconds).",
                    schema("start_time!", "number", "Seconds.", "end_time!", "number", "Seconds."), false),
            new Definition("bar_to_time", "The time of a bar (1-based) and optional beat within it (1-based).",
                    schema("bar!", "integer", "1-based bar.", "beat", "integer", "1-based beat in the bar."), false),
            new Definition("time_to_bar", "The bar and beat at a time.", schema("time!", "number", "Seconds."), false),
            new Definition("list_fixtures", "Fixtures with type, location, capabilities and the effects each "
                    + "supports (with parameter schemas).", schema(), false),
            new Definition("list_pois", "Points of interest and which heads store calibrated targets for them.",
                    schema(), false),
            new Definition("cues_in_window", "Cue rows between two times, with their indexes.",
                    schema("start_time!", "number", "Seconds.", "end_time!", "number", "Seconds.", "fixture_id",
                            "string", "Only this fixture."), false),
            new Definition("rendered_output", "What a fixture outputs over a window, sampled from the rendered "
                    + "canvas (meta channel values).", schema("fixture_id!", "string", "Fixture.", "start_time!",
                    "number", "Seconds.", "end_time!", "number", "Seconds.", "step", "number",
                    "Seconds between samples (default 0.25)."), false),
            new Definition("add_cues", "Propose adding cue rows.", addSchema(), true),
            new Definition("update_cue", "Propose changing one cue (index from cues_in_window).",
                    schema("index!", "integer", "Cue index.", "patch!", "object", "Fields to change."), true),
            new Definition("delete_cue", "Propose deleting one cue (index from cues_in_window).",
                    schema("index!", "integer", "Cue index."), true),
            new Definition("replace_cues_in_window", "Propose replacing the cues in [start_time, end_time) "
                    + "(optionally only some fixtures' cues) by new rows; no entries = clear the window.",
                    replaceSchema(), true),
            new Definition("draft_show", "Propose a complete draft show for the loaded song (a look per section, "
                    + "accents on downbeats, head movement, an ending), replacing its cues.", schema(), true),
            new Definition("apply_chaser", "Propose adding a chaser at a time.", schema("chaser_id!", "string",
                    "Chaser id.", "start_time!", "number", "Seconds.", "repetitions", "integer", "Default 1."), true));

    private static ObjectNode addSchema() {
        ObjectNode s = schema("entries!", "array", "Cue rows.");
        ((ObjectNode) s.get("properties").get("entries")).set("items", rowsSchema());
        return s;
    }

    private static ObjectNode replaceSchema() {
        ObjectNode s = schema("start_time!", "number", "Seconds.", "end_time!", "number", "Seconds.", "fixture_ids",
                "array", "Only these fixtures' cues are replaced.", "entries", "array", "New cue rows.");
        ((ObjectNode) s.get("properties").get("entries")).set("items", rowsSchema());
        ((ObjectNode) s.get("properties").get("fixture_ids")).putObject("items").put("type", "string");
        return s;
    }

    public static boolean isWrite(String name) {
        return DEFINITIONS.stream().anyMatch(d -> d.name().equals(name) && d.write());
    }

    /** Runs a read tool. Unknown tools and bad arguments are {@link IntentException}s with a clear message. */
    public static ObjectNode read(ShowEngine engine, String name, ObjectNode arguments) throws IntentException {
        Payload args = new Payload(arguments == null ? Json.object() : arguments);
        ShowView show = ShowView.of(engine);
        ObjectNode out = Json.object();
        switch (name) {
            case "song_overview" -> {
                out.put("song", show.songId()).put("length_s", show.lengthS()).put("bpm", show.bpm())
                        .put("beat_s", show.beatSeconds()).put("bar_s", 4 * show.beatSeconds())
                        .put("bars", show.barAt(Math.max(0, show.lengthS() - 1e-3)))
                        .put("playhead_s", show.playheadS());
                ArrayNode sections = out.putArray("sections");
                for (Section s : show.sections()) {
                    sections.addObject().put("name", s.name()).put("start_s", s.startS()).put("end_s", s.endS())
                            .put("start_bar", show.barAt(s.startS())).put("end_bar", show.barAt(s.endS() - 1e-3));
                }
            }
            case "beats_in_window" -> {
                double a = args.requireNumber("start_time");
                double b = args.requireNumber("end_time");
                ArrayNode beats = out.putArray("beats");
                show.beatGrid().stream().filter(t -> t >= a && t <= b).limit(2000).forEach(beats::add);
                ArrayNode downbeats = out.putArray("downbeats");
                show.barGrid().stream().filter(t -> t >= a && t <= b).limit(500).forEach(downbeats::add);
            }
            case "bar_to_time" -> {
                int bar = (int) args.requireInteger("bar", 1, 100_000);
                int beat = (int) (long) args.optionalInteger("beat", 1, 64).orElse(1L);
                out.put("time", CueRows.round(show.barStart(bar) + (beat - 1) * show.beatSeconds()));
            }
            case "time_to_bar" -> {
                double t = args.requireNumber("time");
                int bar = show.barAt(t);
                double start = bar == 0 ? 0 : show.barStart(bar);
                out.put("bar", bar).put("beat", 1 + (int) Math.floor((t - start) / show.beatSeconds() + 1e-6));
            }
            case "list_fixtures" -> {
                ArrayNode list = out.putArray("fixtures");
                for (Fixture f : engine.rig().fixtures()) {
                    ObjectNode entry = list.addObject().put("id", f.id()).put("name", f.name())
                            .put("type", f.template().type());
                    if (f.location() != null) {
                        entry.putObject("location").put("x", f.location().x()).put("y", f.location().y())
                                .put("z", f.location().z());
                    }
                    ArrayNode metas = entry.putArray("controls");
                    f.template().metaChannels().values().forEach(m -> metas.add(m.id() + ":" + m.kind().id()));
                    entry.set("effects", StateDocument.supportedEffects(engine.effects(), f,
                            engine.session().renderVersion()));
                }
            }
            case "list_pois" -> {
                ArrayNode list = out.putArray("pois");
                engine.poiRecords().forEach(p -> list.add(p.deepCopy()));
            }
            case "cues_in_window" -> {
                double a = args.requireNumber("start_time");
                double b = args.requireNumber("end_time");
                String fixture = args.optionalString("fixture_id").orElse(null);
                ArrayNode list = out.putArray("cues");
                CueEntries cues = engine.session().cues();
                List<CueEntries.Entry> order = cues == null ? List.of() : cues.sheetOrder();
                for (int i = 0; i < order.size() && list.size() < 500; i++) {
                    JsonNode row = order.get(i).row();
                    double t = row.path("time").asDouble();
                    if (t >= a && t <= b && (fixture == null || fixture.equals(row.path("fixture_id").asText()))) {
                        list.addObject().put("index", i).set("row", CueEntries.stateRow(row));
                    }
                }
            }
            case "rendered_output" -> {
                String id = args.requireId("fixture_id");
                Fixture fixture = engine.fixture(id).orElseThrow(() -> new IntentException(
                        io.beatlight.protocol.ErrorCode.FIXTURE_NOT_FOUND, "no fixture '" + id + "'"));
                double a = args.requireNumber("start_time");
                double b = args.requireNumber("end_time");
                double step = Math.max(1 / 60.0, args.optionalNumber("step").orElse(0.25));
                Canvas canvas = engine.session().canvas();
                ArrayNode samples = out.putArray("samples");
                for (double t = a; t <= b + 1e-9 && samples.size() < 400 && canvas != null; t += step) {
                    int frame = (int) Math.min(canvas.frameCount() - 1, Math.max(0, Math.rint(t * canvas.fps())));
                    ObjectNode sample = samples.addObject().put("time", CueRows.round(t));
                    sample.set("values", StateDocument.values(fixture, canvas.frame(frame)));
                }
            }
            default -> throw IntentException.invalid("name", "unknown read tool '" + name + "'");
        }
        return out;
    }
}
