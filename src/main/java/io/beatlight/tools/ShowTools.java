package io.beatlight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.ErrorCode;
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
 * (see {@link WriteTools}) change the cue sheet. Each definition carries a JSON schema for the tool's arguments and,
 * for a read tool, the code that answers it. Read tools run on the engine thread.
 */
public final class ShowTools {
    /** What a read tool gets: the engine, a view of the loaded show, and the call's arguments. */
    public record ReadCall(ShowEngine engine, ShowView show, Payload args) {
    }

    /** Answers a read tool by filling {@code out}. */
    @FunctionalInterface
    public interface Reader {
        void read(ReadCall call, ObjectNode out) throws IntentException;
    }

    /** A tool's name, description and argument schema; a read tool also has its reader, a write tool none. */
    public record Definition(String name, String description, ObjectNode schema, Reader reader) {
        static Definition read(String name, String description, ObjectNode schema, Reader reader) {
            return new Definition(name, description, schema, reader);
        }

        static Definition write(String name, String description, ObjectNode schema) {
            return new Definition(name, description, schema, null);
        }

        public boolean write() {
            return reader == null;
        }
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
            Definition.read("song_overview", "The loaded song: length, bpm, beats per bar, beat and bar length, "
                    + "sections with their times and bars.", schema(), ShowTools::songOverview),
            Definition.read("beats_in_window", "Beat and downbeat times between two times (seconds).",
                    schema("start_time!", "number", "Seconds.", "end_time!", "number", "Seconds."),
                    ShowTools::beatsInWindow),
            Definition.read("bar_to_time", "The time of a bar (1-based) and optional beat within it (1-based).",
                    schema("bar!", "integer", "1-based bar.", "beat", "integer", "1-based beat in the bar."),
                    ShowTools::barToTime),
            Definition.read("time_to_bar", "The bar and beat at a time.", schema("time!", "number", "Seconds."),
                    ShowTools::timeToBar),
            Definition.read("list_fixtures", "Fixtures with type, location, capabilities and the effects each "
                    + "supports (with parameter schemas).", schema(), ShowTools::listFixtures),
            Definition.read("list_pois", "Points of interest and which heads store calibrated targets for them.",
                    schema(), ShowTools::listPois),
            Definition.read("cues_in_window", "Cue rows between two times, with their indexes.",
                    schema("start_time!", "number", "Seconds.", "end_time!", "number", "Seconds.", "fixture_id",
                            "string", "Only this fixture."), ShowTools::cuesInWindow),
            Definition.read("rendered_output", "What a fixture outputs over a window, sampled from the rendered "
                    + "canvas (meta channel values).", schema("fixture_id!", "string", "Fixture.", "start_time!",
                    "number", "Seconds.", "end_time!", "number", "Seconds.", "step", "number",
                    "Seconds between samples (default 0.25)."), ShowTools::renderedOutput),
            Definition.write("add_cues", "Propose adding cue rows.", addSchema()),
            Definition.write("update_cue", "Propose changing one cue (index from cues_in_window).",
                    schema("index!", "integer", "Cue index.", "patch!", "object", "Fields to change.")),
            Definition.write("delete_cue", "Propose deleting one cue (index from cues_in_window).",
                    schema("index!", "integer", "Cue index.")),
            Definition.write("replace_cues_in_window", "Propose replacing the cues in [start_time, end_time) "
                    + "(optionally only some fixtures' cues) by new rows; no entries = clear the window.",
                    replaceSchema()),
            Definition.write("draft_show", "Propose a complete draft show for the loaded song (a look per section, "
                    + "accents on downbeats, head movement, an ending), replacing its cues.", schema()),
            Definition.write("apply_chaser", "Propose adding a chaser at a time.", schema("chaser_id!", "string",
                    "Chaser id.", "start_time!", "number", "Seconds.", "repetitions", "integer", "Default 1.")));

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
        Reader reader = DEFINITIONS.stream().filter(d -> d.name().equals(name) && !d.write()).findFirst()
                .map(Definition::reader)
                .orElseThrow(() -> IntentException.invalid("name", "unknown read tool '" + name + "'"));
        ObjectNode out = Json.object();
        reader.read(new ReadCall(engine, show, args), out);
        return out;
    }

    // ---- the read tools ----------------------------------------------------------------------------------------

    private static void songOverview(ReadCall call, ObjectNode out) {
        ShowView show = call.show();
        out.put("song", show.songId()).put("length_s", show.lengthS()).put("bpm", show.bpm())
                .put("beat_s", show.beatSeconds()).put("beats_per_bar", show.beatsPerBar())
                .put("bar_s", show.barSeconds())
                .put("bars", show.barAt(Math.max(0, show.lengthS() - 1e-3)))
                .put("playhead_s", show.playheadS());
        ArrayNode sections = out.putArray("sections");
        for (Section s : show.sections()) {
            sections.addObject().put("name", s.name()).put("start_s", s.startS()).put("end_s", s.endS())
                    .put("start_bar", show.barAt(s.startS())).put("end_bar", show.barAt(s.endS() - 1e-3));
        }
    }

    private static void beatsInWindow(ReadCall call, ObjectNode out) throws IntentException {
        double a = call.args().requireNumber("start_time");
        double b = call.args().requireNumber("end_time");
        ArrayNode beats = out.putArray("beats");
        call.show().beatGrid().stream().filter(t -> t >= a && t <= b).limit(2000).forEach(beats::add);
        ArrayNode downbeats = out.putArray("downbeats");
        call.show().barGrid().stream().filter(t -> t >= a && t <= b).limit(500).forEach(downbeats::add);
    }

    private static void barToTime(ReadCall call, ObjectNode out) throws IntentException {
        int bar = (int) call.args().requireInteger("bar", 1, 100_000);
        int beat = (int) (long) call.args().optionalInteger("beat", 1, 64).orElse(1L);
        ShowView show = call.show();
        out.put("time", CueRows.round(show.beatAfter(show.barStart(bar), beat - 1)));
    }

    private static void timeToBar(ReadCall call, ObjectNode out) throws IntentException {
        double t = call.args().requireNumber("time");
        ShowView show = call.show();
        int bar = show.barAt(t);
        double start = bar == 0 ? 0 : show.barStart(bar);
        out.put("bar", bar).put("beat", 1 + show.beatsBetween(start, t));
    }

    private static void listFixtures(ReadCall call, ObjectNode out) {
        ShowEngine engine = call.engine();
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
            entry.set("effects", StateDocument.supportedEffects(engine.effects(), f, engine.session().renderVersion()));
        }
    }

    private static void listPois(ReadCall call, ObjectNode out) {
        ArrayNode list = out.putArray("pois");
        call.engine().poiRecords().forEach(p -> list.add(p.deepCopy()));
    }

    private static void cuesInWindow(ReadCall call, ObjectNode out) throws IntentException {
        ShowEngine engine = call.engine();
        double a = call.args().requireNumber("start_time");
        double b = call.args().requireNumber("end_time");
        String fixture = call.args().optionalString("fixture_id").orElse(null);
        ArrayNode list = out.putArray("cues");
        List<CueEntries.Entry> order = engine.session().sheetOrder();
        for (int i = 0; i < order.size() && list.size() < 500; i++) {
            JsonNode row = order.get(i).row();
            double t = row.path("time").asDouble();
            if (t >= a && t <= b && (fixture == null || fixture.equals(row.path("fixture_id").asText()))) {
                list.addObject().put("index", i).set("row", CueEntries.stateRow(row));
            }
        }
    }

    private static void renderedOutput(ReadCall call, ObjectNode out) throws IntentException {
        ShowEngine engine = call.engine();
        Payload args = call.args();
        String id = args.requireId("fixture_id");
        Fixture fixture = engine.fixture(id).orElseThrow(() -> new IntentException(
                ErrorCode.FIXTURE_NOT_FOUND, "no fixture '" + id + "'"));
        double a = args.requireNumber("start_time");
        double b = args.requireNumber("end_time");
        double step = Math.max(1 / 60.0, args.optionalNumber("step").orElse(0.25));
        Canvas canvas = engine.session().upToDateCanvas();
        ArrayNode samples = out.putArray("samples");
        for (double t = a; t <= b + 1e-9 && samples.size() < 400 && canvas != null; t += step) {
            int frame = (int) Math.min(canvas.frameCount() - 1, Math.max(0, Math.rint(t * canvas.fps())));
            ObjectNode sample = samples.addObject().put("time", CueRows.round(t));
            sample.set("values", StateDocument.values(fixture, canvas.frame(frame)));
        }
    }
}
