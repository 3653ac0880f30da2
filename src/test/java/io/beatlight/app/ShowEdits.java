package io.beatlight.app;

import static io.beatlight.app.ShowFileModel.ABSENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Random edits of a small show (cue rows, POIs, sections, the patch) and what each show file must hold: the version
 * of the last acknowledged edit ("old") or that of any edit sent after it ("new"), since the server writes every
 * file in hand-over order and answers an edit only once its file is durable.
 */
final class ShowEdits {
    /** One edit sent to the server: the intent and the version of its file once it is written. */
    record Edit(long seq, ShowFileModel file, String intent, ObjectNode payload, SortedMap<String, String> after) {
    }

    static final String CUE_FIXTURE = "parcan_l";
    static final String CUE_EFFECT = "flash";

    private final Random random;
    private final List<String> fixtureIds;
    private final Map<ShowFileModel, SortedMap<String, String>> acknowledged = new EnumMap<>(ShowFileModel.class);
    private final List<Edit> unacknowledged = new ArrayList<>();
    /** Every version each file has had or may have had (a .bak must be one of them). */
    private final Map<ShowFileModel, Set<SortedMap<String, String>>> history = new EnumMap<>(ShowFileModel.class);
    /** What was sent and acknowledged since the last restart, for a failure's message. */
    private final List<String> journal = new ArrayList<>();
    private long seq;
    private int names;

    ShowEdits(Random random, Map<ShowFileModel, SortedMap<String, String>> onDisk) {
        this.random = random;
        this.fixtureIds = List.copyOf(onDisk.get(ShowFileModel.FIXTURES).keySet());
        for (ShowFileModel file : ShowFileModel.values()) {
            history.put(file, new HashSet<>());
        }
        restartedWith(onDisk);
    }

    /** After a restart: the files as found are the versions everything builds on; nothing is in flight. */
    void restartedWith(Map<ShowFileModel, SortedMap<String, String>> onDisk) {
        acknowledged.putAll(onDisk);
        onDisk.forEach((file, version) -> history.get(file).add(version));
        unacknowledged.clear();
        journal.clear();
    }

    String journal(ShowFileModel file) {
        return String.join("\n", journal.stream().filter(line -> line.contains(file.name())).toList());
    }

    /** The versions {@code file} may hold now: the acknowledged one, then one per edit in flight. */
    List<SortedMap<String, String>> allowed(ShowFileModel file) {
        List<SortedMap<String, String>> versions = new ArrayList<>(List.of(acknowledged.get(file)));
        for (Edit edit : unacknowledged) {
            if (edit.file() == file) {
                versions.add(edit.after());
            }
        }
        return versions;
    }

    boolean everHeld(ShowFileModel file, SortedMap<String, String> version) {
        return history.get(file).contains(version);
    }

    int inFlight() {
        return unacknowledged.size();
    }

    /** The edit with this sequence number was answered ok: its file holds it (and every earlier edit of it). */
    void acknowledge(Edit edit) {
        journal.add("acknowledged #" + edit.seq() + " " + edit.file());
        // replies may come out of order; a later edit's reply already made this one's file content older
        if (unacknowledged.contains(edit)) {
            acknowledged.put(edit.file(), edit.after());
            unacknowledged.removeIf(e -> e.file() == edit.file() && e.seq() <= edit.seq());
        }
    }

    /** The next random edit, built on the newest version of its file (every edit sent before it applies first). */
    Edit next() {
        int pick = random.nextInt(100);
        Edit edit;
        if (pick < 45) {
            edit = cueEdit();
        } else if (pick < 70) {
            edit = poiEdit();
        } else if (pick < 85) {
            edit = sections();
        } else {
            edit = patchEdit();
        }
        unacknowledged.add(edit);
        journal.add("sent #" + edit.seq() + " " + edit.file() + " " + edit.intent() + " " + edit.payload());
        history.get(edit.file()).add(edit.after());
        return edit;
    }

    private SortedMap<String, String> newest(ShowFileModel file) {
        SortedMap<String, String> version = acknowledged.get(file);
        for (Edit edit : unacknowledged) {
            if (edit.file() == file) {
                version = edit.after();
            }
        }
        return version;
    }

    private Edit edit(ShowFileModel file, String intent, ObjectNode payload, TreeMap<String, String> after) {
        return new Edit(++seq, file, intent, payload, java.util.Collections.unmodifiableSortedMap(after));
    }

    private static TreeMap<String, String> copy(SortedMap<String, String> version) {
        return version == ABSENT ? new TreeMap<>() : new TreeMap<>(version);
    }

    private Edit cueEdit() {
        SortedMap<String, String> current = newest(ShowFileModel.CUES);
        TreeMap<String, String> rows = copy(current);
        int pick = random.nextInt(100);
        if (rows.isEmpty() || (rows.size() < 30 && pick < 55)) {
            double time;
            do {
                time = random.nextInt(50) / 5.0; // rows closer than 0.1 s would replace each other
            } while (rows.containsKey(ShowFileModel.cueKey(time, CUE_FIXTURE, CUE_EFFECT)));
            double duration = random.nextInt(20) / 10.0;
            ObjectNode row = Json.object().put("time", time).put("fixture_id", CUE_FIXTURE).put("effect", CUE_EFFECT)
                    .put("duration", duration);
            row.putObject("data");
            rows.put(ShowFileModel.cueKey(time, CUE_FIXTURE, CUE_EFFECT), ShowFileModel.number(Json.MAPPER
                    .valueToTree(duration)));
            return edit(ShowFileModel.CUES, "cue.add", row, rows);
        }
        // one fixture and effect: the sheet order is the time order, which is the sorted key order
        int index = random.nextInt(rows.size());
        String key = rows.keySet().stream().skip(index).findFirst().orElseThrow();
        ObjectNode payload = Json.object().put("index", index);
        payload.putObject("expect").put("time", Double.parseDouble(key.split("\\|")[0]))
                .put("fixture_id", CUE_FIXTURE).put("effect", CUE_EFFECT);
        if (pick < 80) {
            double duration = random.nextInt(20) / 10.0 + 0.05;
            payload.putObject("patch").put("duration", duration);
            rows.put(key, ShowFileModel.number(Json.MAPPER.valueToTree(duration)));
            return edit(ShowFileModel.CUES, "cue.update", payload, rows);
        }
        rows.remove(key);
        return edit(ShowFileModel.CUES, "cue.delete", payload, rows);
    }

    private Edit poiEdit() {
        TreeMap<String, String> pois = copy(newest(ShowFileModel.POIS));
        List<String> ours = pois.keySet().stream().filter(id -> id.startsWith("crash_")).toList();
        int pick = random.nextInt(100);
        if (ours.isEmpty() || (ours.size() < 12 && pick < 45)) {
            String id = "crash_" + (++names);
            ObjectNode location = location();
            ObjectNode payload = Json.object().put("id", id).put("name", "Spot " + names);
            payload.set("location", location);
            pois.put(id, "Spot " + names + "|" + ShowFileModel.location(location));
            return edit(ShowFileModel.POIS, "poi.create", payload, pois);
        }
        String id = ours.get(random.nextInt(ours.size()));
        if (pick < 80) {
            String name = "Renamed " + (++names);
            pois.put(id, name + pois.get(id).substring(pois.get(id).indexOf('|')));
            return edit(ShowFileModel.POIS, "poi.update", Json.object().put("id", id).put("name", name), pois);
        }
        pois.remove(id);
        return edit(ShowFileModel.POIS, "poi.delete", Json.object().put("id", id), pois);
    }

    private Edit sections() {
        TreeMap<String, String> parts = new TreeMap<>();
        ObjectNode payload = Json.object();
        var list = payload.putArray("sections");
        double start = random.nextInt(8) * 0.25;
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            double end = start + 0.25 + random.nextInt(8) * 0.25;
            list.addObject().put("name", "part" + (++names)).put("start_s", start).put("end_s", end);
            parts.put(ShowFileModel.time(start), ShowFileModel.time(end));
            start = end + 0.25;
        }
        return edit(ShowFileModel.SECTIONS, "song.save_sections", payload, parts);
    }

    private Edit patchEdit() {
        TreeMap<String, String> rig = copy(newest(ShowFileModel.FIXTURES));
        String id = fixtureIds.get(random.nextInt(fixtureIds.size()));
        String[] parts = rig.get(id).split("\\|");
        ObjectNode payload = Json.object().put("id", id);
        String name = parts[0];
        String address = parts[1];
        String location = parts[2];
        int pick = random.nextInt(3);
        if (pick == 0) {
            name = "Fixture " + (++names);
            payload.put("name", name);
        } else if (pick == 1) {
            ObjectNode where = location();
            payload.set("location", where);
            location = ShowFileModel.location(where);
        } else {
            // to the other of universes 0 and 1 at the same address: the reference rig's fixtures do not overlap in
            // universe 0, so no move can collide
            int universe = address.startsWith("0.") ? 1 : 0;
            payload.put("universe", universe);
            address = universe + address.substring(address.indexOf('.'));
        }
        rig.put(id, name + "|" + address + "|" + location);
        return edit(ShowFileModel.FIXTURES, "rig.update_fixture", payload, rig);
    }

    private ObjectNode location() {
        return Json.object().put("x", random.nextInt(100) / 100.0).put("y", random.nextInt(100) / 100.0)
                .put("z", random.nextInt(10) / 10.0);
    }

    /** The state document reduced as the files are (what a restarted server shows must equal its files). */
    static Map<ShowFileModel, SortedMap<String, String>> fromState(JsonNode state) {
        Map<ShowFileModel, SortedMap<String, String>> out = new EnumMap<>(ShowFileModel.class);
        ObjectNode sheet = Json.object();
        sheet.set("entries", state.path("cues"));
        out.put(ShowFileModel.CUES, ShowFileModel.CUES.reduce(sheet));
        out.put(ShowFileModel.POIS, ShowFileModel.POIS.reduce(state.path("pois")));
        var rows = Json.MAPPER.createArrayNode();
        for (Iterator<JsonNode> f = state.path("fixtures").elements(); f.hasNext(); ) {
            rows.add(f.next());
        }
        out.put(ShowFileModel.FIXTURES, ShowFileModel.FIXTURES.reduce(rows));
        ObjectNode meta = Json.object();
        ObjectNode parts = meta.putObject("parts");
        for (JsonNode section : state.at("/song/sections")) {
            parts.putArray(section.path("name").asText()).add(section.path("start_s").asDouble())
                    .add(section.path("end_s").asDouble());
        }
        out.put(ShowFileModel.SECTIONS, ShowFileModel.SECTIONS.reduce(meta));
        return out;
    }
}
