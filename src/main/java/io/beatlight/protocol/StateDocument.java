package io.beatlight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.DmxFrame;
import io.beatlight.effects.Effect;
import io.beatlight.effects.EffectRegistry;
import io.beatlight.effects.RenderVersion;
import io.beatlight.engine.FixtureLibraries;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.SongWatcher;
import io.beatlight.output.NodeTable;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.MetaChannel;
import io.beatlight.rig.MetaKind;
import io.beatlight.rig.Rig;
import io.beatlight.rig.RigHistory;
import io.beatlight.rig.RigLoader;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.show.CueEntries;
import io.beatlight.show.CueHistory;
import io.beatlight.show.CueSheet;
import io.beatlight.song.Section;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the state document clients receive from the engine (on the engine thread). The parts of each fixture that
 * only change with the rig are built once per rig.
 */
public final class StateDocument {
    /** Top-level keys, always all emitted. */
    public static final List<String> KEYS = List.of("system", "playback", "fixtures", "song", "pois", "cues",
            "cue_helpers", "chasers", "analyzer");

    private final Function<Fixture, ArrayNode> supportedEffects;
    private final Supplier<List<NodeTable.Node>> nodes;
    private List<NodeTable.Node> cachedNodesFor;
    private ArrayNode cachedNodes;
    private final Map<Fixture, ObjectNode> staticParts = new IdentityHashMap<>();
    /**
     * Each fixture's last entry with the channel bytes and arm flag it was built from: a fixture whose channels did
     * not change keeps the very same (never mutated) node, so building the state and diffing it against the last
     * broadcast cost little for the hundreds of fixtures that did not move.
     */
    private final Map<Fixture, BuiltEntry> builtEntries = new IdentityHashMap<>();

    private record BuiltEntry(byte[] channels, boolean armed, ObjectNode entry) {
    }
    private Rig cachedFor;
    private CueEntries cachedCuesFor;
    private ArrayNode cachedCues;
    private RenderVersion cachedVersion;

    public StateDocument(Function<Fixture, ArrayNode> supportedEffects) {
        this(supportedEffects, List::of);
    }

    /** @param nodes the Art-Net devices discovery has found (an immutable snapshot per call) */
    public StateDocument(Function<Fixture, ArrayNode> supportedEffects, Supplier<List<NodeTable.Node>> nodes) {
        this.supportedEffects = supportedEffects;
        this.nodes = nodes;
    }

    public ObjectNode build(ShowEngine engine) {
        long now = System.nanoTime();
        ObjectNode state = Json.object();
        boolean playing = engine.playback().isPlaying();
        state.set("system", Json.object().put("show_state", playing ? "running" : "idle").put("edit_lock", playing));
        state.set("playback", playback(engine, now));
        state.set("fixtures", fixtures(engine, engine.playback().outputAt(now)));
        state.set("song", song(engine));
        ArrayNode pois = Json.array();
        engine.poiRecords().forEach(pois::add); // POI records are replaced on edit, never changed in place
        state.set("pois", pois);
        state.set("cues", cues(engine.session().cues()));
        state.set("cue_sheet", cueSheet(engine));
        state.set("cue_helpers", Json.array());
        state.set("cue_history", cueHistory(engine));
        state.set("rig_history", rigHistory(engine));
        state.set("library", library(engine));
        ArrayNode chasers = Json.array();
        engine.session().chaserDefinitions().forEach(chasers::add);
        state.set("chasers", chasers);
        ArrayNode songs = Json.array();
        engine.songs().catalog().forEach(song -> songs.add(songEntry(song)));
        state.set("songs", songs);
        state.set("analyzer", analyzer());
        state.set("nodes", nodes());
        extraSections.forEach((key, section) -> state.set(key, section.apply(engine)));
        return state;
    }

    /** Top-level keys added by the control planes the application wires (e.g. {@code midi}, {@code master}). */
    private final Map<String, Function<ShowEngine, JsonNode>> extraSections = new java.util.LinkedHashMap<>();

    /** Adds a top-level key built on the engine thread with every state document. */
    public StateDocument withSection(String key, Function<ShowEngine, JsonNode> section) {
        extraSections.put(key, section);
        return this;
    }

    /** Extra key: the Art-Net devices that answered ArtPoll, rebuilt only when the table changed. */
    private ArrayNode nodes() {
        List<NodeTable.Node> now = nodes.get();
        if (now != cachedNodesFor || cachedNodes == null) {
            ArrayNode list = Json.array();
            for (NodeTable.Node node : now) {
                ObjectNode entry = list.addObject();
                entry.put("ip", node.ip());
                entry.put("port", node.port());
                entry.put("short_name", node.shortName());
                entry.put("long_name", node.longName());
                entry.put("node_report", node.nodeReport());
                entry.put("style", node.style());
                ArrayNode outputs = entry.putArray("universes");
                node.outputs().forEach(outputs::add);
                ArrayNode inputs = entry.putArray("input_universes");
                node.inputs().forEach(inputs::add);
                entry.put("last_seen_ms", node.lastSeenMillis());
                entry.put("stale", node.stale());
            }
            cachedNodes = list;
            cachedNodesFor = now;
        }
        return cachedNodes;
    }

    private ObjectNode playback(ShowEngine engine, long now) {
        double t = engine.playback().timeAt(now);
        ObjectNode playback = Json.object();
        playback.put("state", engine.playback().stateName(now));
        playback.put("time_ms", (long) Math.rint(t * 1000));
        SongMetadata song = engine.session().song();
        playback.set("bpm", song == null ? NullNode.getInstance() : Json.number(song.bpm()));
        Section section = song == null ? null : song.sectionAt(t);
        playback.put("section_name", section == null ? null : section.name());
        playback.set("clock", ClockState.of(engine.clock()));
        return playback;
    }

    private ObjectNode fixtures(ShowEngine engine, DmxFrame output) {
        Rig rig = engine.rig();
        if (rig != cachedFor || engine.session().renderVersion() != cachedVersion) {
            // supported effects depend on the sheet's render version
            staticParts.clear();
            builtEntries.clear();
            cachedFor = rig;
            cachedVersion = engine.session().renderVersion();
        }
        ObjectNode fixtures = Json.object();
        for (Fixture fixture : rig.fixtures()) {
            boolean armed = engine.playback().isArmed(fixture.id());
            BuiltEntry built = builtEntries.get(fixture);
            if (built != null && built.armed() == armed && sameChannels(built.channels(), fixture, output)) {
                fixtures.set(fixture.id(), built.entry());
                continue;
            }
            // the static part is shared, never mutated: a shallow copy is enough
            ObjectNode entry = Json.object();
            entry.setAll(staticParts.computeIfAbsent(fixture, this::staticPart));
            entry.put("armed", armed);
            entry.set("values", values(fixture, output));
            builtEntries.put(fixture, new BuiltEntry(channels(fixture, output), armed, entry));
            fixtures.set(fixture.id(), entry);
        }
        return fixtures;
    }

    /** The bytes of the fixture's addresses, base channel to last channel, in the frame. */
    private static byte[] channels(Fixture fixture, DmxFrame output) {
        int first = fixture.baseChannel();
        byte[] bytes = new byte[Math.max(0, fixture.lastChannel() - first + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) output.get(fixture.universe(), first + i);
        }
        return bytes;
    }

    /** {@code bytes} were read for this very (immutable) fixture, so they cover its addresses. */
    private static boolean sameChannels(byte[] bytes, Fixture fixture, DmxFrame output) {
        int first = fixture.baseChannel();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != (byte) output.get(fixture.universe(), first + i)) {
                return false;
            }
        }
        return true;
    }

    /** The part of a fixture's entry that only changes with the rig (and the render version). */
    private ObjectNode staticPart(Fixture fixture) {
        FixtureTemplate template = fixture.template();
        ObjectNode entry = Json.object();
        entry.put("id", fixture.id());
        entry.put("name", fixture.name());
        entry.put("type", template.type());
        entry.put("template", fixture.templateKey());
        entry.put("universe", fixture.universe());
        entry.put("base_channel", fixture.baseChannel());
        entry.put("footprint", fixture.footprint());
        if (fixture.location() != null) {
            entry.set("location", location(fixture));
        }
        entry.set("capabilities", capabilities(template));
        ObjectNode metas = Json.object();
        template.metaChannels().values().forEach(meta -> metas.set(meta.id(), metaChannel(meta)));
        entry.set("meta_channels", metas);
        ObjectNode channels = Json.object();
        template.channels().forEach((name, offset) -> channels.put(name, fixture.baseChannel() + offset));
        entry.set("channels", channels);
        entry.set("mappings", template.mappingsJson().deepCopy());
        entry.set("supported_effects", supportedEffects.apply(fixture));
        return entry;
    }

    private static ObjectNode location(Fixture fixture) {
        ObjectNode location = Json.object();
        location.set("x", Json.number(fixture.location().x()));
        location.set("y", Json.number(fixture.location().y()));
        location.set("z", Json.number(fixture.location().z()));
        return location;
    }

    /** Only the capabilities a fixture has are listed, each as true. */
    private static ObjectNode capabilities(FixtureTemplate template) {
        ObjectNode capabilities = Json.object();
        if (template.metaChannels().values().stream().anyMatch(MetaChannel::isPanTiltAxis)) {
            capabilities.put("pan_tilt", true);
        }
        if (template.metaChannels().values().stream().anyMatch(m -> m.kind() == MetaKind.RGB)) {
            capabilities.put("rgb", true);
        }
        return capabilities;
    }

    private static ObjectNode metaChannel(MetaChannel meta) {
        ObjectNode m = Json.object();
        m.put("label", meta.label());
        m.put("kind", meta.kind().id());
        m.put("channel", meta.channel());
        if (meta.channels() == null) {
            m.putNull("channels");
        } else {
            ArrayNode list = m.putArray("channels");
            meta.channels().forEach(list::add);
        }
        m.put("mapping", meta.mapping());
        m.put("step", meta.step());
        if (meta.arm() == null) {
            m.putNull("arm");
        } else {
            m.put("arm", meta.arm());
        }
        m.put("hidden", meta.hidden());
        if (meta.subtractive()) {
            m.put("subtractive", true); // the extension key, only where it applies (clients ignore unknown keys)
        }
        return m;
    }

    /** Meta channel values read from the output universe. */
    public static ObjectNode values(Fixture fixture, DmxFrame output) {
        ObjectNode values = Json.object();
        int universe = fixture.universe();
        for (MetaChannel meta : fixture.template().metaChannels().values()) {
            switch (meta.kind()) {
                case U8 -> values.put(meta.id(), output.get(universe, fixture.addressOf(meta.channel())));
                case U16 -> values.put(meta.id(), (output.get(universe, fixture.addressOf(meta.channels().get(0))) << 8)
                        | output.get(universe, fixture.addressOf(meta.channels().get(1))));
                case RGB -> values.put(meta.id(), String.format("#%02X%02X%02X",
                        meta.colourByte(output.get(universe, fixture.addressOf(meta.channels().get(0)))),
                        meta.colourByte(output.get(universe, fixture.addressOf(meta.channels().get(1)))),
                        meta.colourByte(output.get(universe, fixture.addressOf(meta.channels().get(2))))));
                case ENUM -> {
                    int value = output.get(universe, fixture.addressOf(meta.channel()));
                    String label = null;
                    Map<String, String> table = fixture.template().mappings().get(meta.mapping());
                    if (table != null) {
                        for (Map.Entry<String, String> e : table.entrySet()) {
                            if (RigLoader.parseByteKey(e.getKey()) == value) {
                                label = e.getValue();
                                break;
                            }
                        }
                    }
                    if (label != null) {
                        values.put(meta.id(), label);
                    } else {
                        values.put(meta.id(), value);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return values;
    }

    private static JsonNode song(ShowEngine engine) {
        SongMetadata song = engine.session().song();
        if (song == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.object();
        node.put("filename", song.id());
        Path audio = engine.session().songAudio();
        node.put("audio_url", audio == null ? null : SongLibrary.audioUrl(audio));
        node.set("length_s", Json.number(song.lengthSeconds()));
        node.set("bpm", Json.number(song.bpm()));
        node.put("beats_per_bar", song.beatsPerBar());
        ArrayNode sections = node.putArray("sections");
        for (Section s : song.sections()) {
            ObjectNode section = Json.object().put("name", s.name());
            section.set("start_s", Json.number(s.startS()));
            section.set("end_s", Json.number(s.endS()));
            sections.add(section);
        }
        ArrayNode beats = node.putArray("beats");
        song.beats().forEach(b -> beats.add(Json.number(b)));
        ArrayNode downbeats = node.putArray("downbeats");
        song.downbeats().forEach(b -> downbeats.add(Json.number(b)));
        node.set("analysis", song.analysis() == null ? NullNode.getInstance() : song.analysis());
        return node;
    }

    private static ObjectNode songEntry(SongWatcher.SongEntry song) {
        ObjectNode entry = Json.object().put("id", song.id()).put("audio_url", song.audioUrl());
        entry.set("duration_s", Json.number(song.durationSeconds()));
        entry.put("title", song.title());
        return entry;
    }

    /**
     * The cue list, built once per version of the sheet: a show can have thousands of rows, and an unchanged list is
     * then the same node, which the patch diff recognises at once.
     */
    private ArrayNode cues(CueEntries entries) {
        if (entries != cachedCuesFor || cachedCues == null) {
            ArrayNode cues = Json.array();
            if (entries != null) {
                entries.sheetOrder().forEach(e -> cues.add(CueEntries.stateRow(e.row())));
            }
            cachedCues = cues;
            cachedCuesFor = entries;
        }
        return cachedCues;
    }

    /** Extra key: what cue.undo and cue.redo would do. */
    private static JsonNode cueHistory(ShowEngine engine) {
        CueHistory history = engine.session().history();
        ObjectNode node = Json.object().put("undo", history.undoCount()).put("redo", history.redoCount());
        node.put("undo_label", history.peekUndo().map(CueHistory.Step::label).orElse(null));
        node.put("redo_label", history.peekRedo().map(CueHistory.Step::label).orElse(null));
        return node;
    }

    /** Extra key: what rig.undo and rig.redo would do. */
    private static JsonNode rigHistory(ShowEngine engine) {
        RigHistory history = engine.rigEditor().history();
        ObjectNode node = Json.object().put("undo", history.undoCount()).put("redo", history.redoCount());
        node.put("undo_label", history.peekUndo().map(RigHistory.Step::label).orElse(null));
        node.put("redo_label", history.peekRedo().map(RigHistory.Step::label).orElse(null));
        return node;
    }

    /** Extra key: whether the fixture library can be searched yet, and how many fixtures it holds. */
    private static JsonNode library(ShowEngine engine) {
        FixtureLibraries libraries = engine.library();
        ObjectNode node = Json.object().put("status", libraries.status().name().toLowerCase(Locale.ROOT));
        node.put("fixtures", libraries.ready().map(FixtureLibrary::size).orElse(0));
        ArrayNode roots = node.putArray("roots");
        libraries.roots().forEach(root -> roots.add(root.toString()));
        return node;
    }

    /** Extra key (clients ignore unknown keys): which file backs the cues and how they render. */
    private static JsonNode cueSheet(ShowEngine engine) {
        CueSheet sheet = engine.session().sheet();
        if (sheet == null) {
            return NullNode.getInstance();
        }
        ObjectNode node = Json.object();
        node.put("file", sheet.file().getFileName().toString());
        node.put("format", sheet.container() == CueSheet.Container.OBJECT ? "object" : "array");
        node.put("render_version", sheet.version().number());
        node.put("read_only", sheet.readOnly());
        CueEntries cues = engine.session().cues();
        node.put("invalid_rows", cues == null ? 0 : cues.invalid().size());
        return node;
    }

    /** The effects a fixture offers, with their metadata, sorted by id. */
    public static ArrayNode supportedEffects(EffectRegistry registry, Fixture fixture,
                                             RenderVersion version) {
        ArrayNode list = Json.array();
        for (Effect effect : registry.supported(fixture, version)) {
            ObjectNode e = Json.object().put("id", effect.id()).put("name", effect.displayName())
                    .put("description", effect.description());
            ArrayNode tags = e.putArray("tags");
            effect.tags().forEach(tags::add);
            e.set("schema", effect.schema());
            list.add(e);
        }
        return list;
    }

    private static ObjectNode analyzer() {
        ObjectNode analyzer = Json.object();
        analyzer.put("available", false);
        analyzer.put("polling", false);
        analyzer.put("playback_locked", false);
        analyzer.putArray("task_types");
        analyzer.putArray("items");
        analyzer.set("summary", Json.object().put("queued", 0).put("pending", 0).put("running", 0)
                .put("complete", 0).put("failed", 0));
        return analyzer;
    }
}
