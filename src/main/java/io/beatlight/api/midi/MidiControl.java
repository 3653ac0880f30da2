package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.intents.IntentRegistry;
import io.beatlight.engine.Preview;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.Client;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Transmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MIDI control (docs/midi.md): the input device chosen by name, the mappings of {@code midi.json}, learn mode, and
 * turning each incoming note or CC into the intent its mapping names, run through the same handlers as a client's.
 * Everything but {@link #close()} runs on the engine thread.
 */
public final class MidiControl {
    private static final Logger LOG = LoggerFactory.getLogger(MidiControl.class);
    /** A section starting this close after the playhead counts as the current one (just after a jump to it). */
    private static final double SECTION_EPSILON_S = 0.05;

    private static final Client MIDI_CLIENT = new Client() {
        @Override
        public long id() {
            return -1;
        }

        @Override
        public String describe() {
            return "MIDI input";
        }
    };

    private final ShowEngine engine;
    private final ClientEvents clients;
    private final IntentCall intents;
    private final MidiDeviceLookup lookup;
    private final String inputName;
    private final Path file;

    private MidiMappingsFile.Loaded loaded = MidiMappingsFile.Loaded.empty();
    private List<MidiMapping> mappings = List.of();
    private MidiAction learning;
    /** The mapping learn mode gives a new trigger (its id is kept), or null for a new mapping. */
    private String learningReplaces;
    private ObjectNode lastMessage;
    private final Map<String, Boolean> pressed = new HashMap<>();

    private volatile MidiDevice device;
    private volatile Transmitter transmitter;
    private volatile MidiReceiver receiver;
    private String deviceName;
    private String inputProblem;

    /**
     * @param inputName the configured input (a case-insensitive part of the device name), or null/blank for none
     */
    public MidiControl(ShowEngine engine, IntentRegistry registry, ClientEvents clients, MidiDeviceLookup lookup,
                       String inputName, Path showRoot) {
        this.engine = engine;
        this.clients = clients;
        this.intents = new IntentCall(engine, registry, clients, MIDI_CLIENT);
        this.lookup = lookup;
        this.inputName = inputName == null || inputName.isBlank() ? null : inputName.trim();
        this.file = showRoot.resolve(MidiMappingsFile.NAME);
    }

    // ---- start-up: the mappings and the input -----------------------------------------------------------------

    /** Reads {@code midi.json}; the problems are logged. Returns the reason it is unusable, or null. */
    public String load() {
        MidiMappingsFile.Loaded next = MidiMappingsFile.read(file);
        if (next.unreadable() != null) {
            LOG.error("MIDI mappings not loaded: {}. {} is left as it is and MIDI learn is off until it is fixed "
                    + "(then send midi.reload or restart)", next.unreadable(), file);
        } else {
            next.problems().forEach(p -> LOG.warn("{}", p));
            if (!next.mappings().isEmpty()) {
                LOG.info("MIDI mappings: {} from {}", next.mappings().size(), file);
            }
        }
        loaded = next;
        mappings = next.mappings();
        pressed.clear();
        if (!next.writable()) {
            learning = null;
            learningReplaces = null;
        }
        return next.unreadable();
    }

    /** Opens the configured input (closing the one open before); without one configured, does nothing. */
    public void connect() {
        disconnect();
        inputProblem = null;
        if (inputName == null) {
            return;
        }
        List<MidiDevice> inputs;
        try {
            inputs = lookup.inputs();
        } catch (MidiUnavailableException | RuntimeException e) {
            inputProblem = "MIDI is not available on this machine: " + e.getMessage();
            LOG.warn("MIDI input '{}' not opened: {}", inputName, inputProblem);
            return;
        }
        String wanted = inputName.toLowerCase(Locale.ROOT);
        List<MidiDevice> matches = inputs.stream()
                .filter(d -> MidiDeviceLookup.nameOf(d).toLowerCase(Locale.ROOT).contains(wanted)).toList();
        if (matches.isEmpty()) {
            List<String> names = inputs.stream().map(MidiDeviceLookup::nameOf).toList();
            inputProblem = "no MIDI input matches '" + inputName + "'; available inputs: "
                    + (names.isEmpty() ? "none" : String.join(", ", names));
            LOG.warn("{} (choose one with --midi-input or BEATLIGHT_MIDI_INPUT; any part of its name will do)",
                    inputProblem);
            return;
        }
        MidiDevice chosen = matches.get(0);
        if (matches.size() > 1) {
            LOG.info("MIDI input '{}' matches {} devices; using the first: {}", inputName, matches.size(),
                    matches.stream().map(MidiDeviceLookup::nameOf).toList());
        }
        MidiReceiver next = new MidiReceiver(engine::execute, this::onMessage);
        try {
            chosen.open();
            Transmitter t = chosen.getTransmitter();
            t.setReceiver(next);
            device = chosen;
            transmitter = t;
            receiver = next;
            deviceName = MidiDeviceLookup.nameOf(chosen);
            LOG.info("MIDI input: {}", deviceName);
        } catch (MidiUnavailableException | RuntimeException e) {
            inputProblem = "MIDI input " + MidiDeviceLookup.nameOf(chosen) + " could not be opened: " + e.getMessage();
            LOG.warn("{}", inputProblem);
            closeQuietly(chosen);
        }
    }

    private void disconnect() {
        MidiReceiver r = receiver;
        if (r != null) {
            r.close();
        }
        Transmitter t = transmitter;
        if (t != null) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.debug("MIDI transmitter close: {}", e.toString());
            }
        }
        MidiDevice d = device;
        if (d != null) {
            closeQuietly(d);
        }
        receiver = null;
        transmitter = null;
        device = null;
        deviceName = null;
    }

    private static void closeQuietly(MidiDevice d) {
        try {
            d.close();
        } catch (RuntimeException e) {
            LOG.debug("MIDI device close: {}", e.toString());
        }
    }

    /** Closes the input (any thread, at shutdown). */
    public void close() {
        disconnect();
    }

    // ---- incoming messages ------------------------------------------------------------------------------------

    void onMessage(MidiInputMessage message) {
        lastMessage = message.toJson();
        if (learning != null) {
            learn(message);
        } else {
            for (MidiMapping mapping : mappings) {
                if (mapping.trigger().listensTo(message)) {
                    fire(mapping, message);
                }
            }
        }
        clients.requestBroadcast();
    }

    private void fire(MidiMapping mapping, MidiInputMessage message) {
        MidiTrigger trigger = mapping.trigger();
        MidiAction action = mapping.action();
        int v = message.value();
        if (action.type() == MidiAction.Type.MASTER_DIMMER) {
            int min = trigger.minOr(0);
            int max = trigger.maxOr(127);
            if (v < min || v > max) {
                return;
            }
            double percent = max == min ? 100 : (v - min) * 100.0 / (max - min);
            result(mapping, intents.run("master.set", Json.object().put("dimmer_pct", percent)));
            return;
        }
        if (message.kind() == MidiInputMessage.Kind.NOTE_ON) {
            if (v < trigger.minOr(1) || v > trigger.maxOr(127)) {
                return;
            }
            pressed.put(mapping.id(), true);
            result(mapping, press(action));
        } else if (message.kind() == MidiInputMessage.Kind.NOTE_OFF) {
            release(mapping);
        } else {
            boolean down = v >= trigger.minOr(64) && v <= trigger.maxOr(127);
            boolean was = pressed.getOrDefault(mapping.id(), false);
            if (down && !was) {
                pressed.put(mapping.id(), true);
                result(mapping, press(action));
            } else if (!down && was) {
                release(mapping);
            }
        }
    }

    private void release(MidiMapping mapping) {
        boolean was = Boolean.TRUE.equals(pressed.put(mapping.id(), false));
        if (was && mapping.action().momentary()) {
            result(mapping, intents.run("master.set", Json.object().put("blackout", false)));
        }
    }

    private void result(MidiMapping mapping, IntentCall.Result result) {
        lastMessage.put("mapping_id", mapping.id());
        lastMessage.set("result", result.toJson());
    }

    private IntentCall.Result press(MidiAction action) {
        return switch (action.type()) {
            case TRANSPORT -> intents.run("transport." + ("toggle".equals(action.value())
                    ? (engine.playback().isPlaying() ? "pause" : "play") : action.value()), Json.object());
            case SECTION -> intents.run("transport.jump_to_section",
                    Json.object().put("section_index", sectionIndex(action)));
            case CHASER -> chaser(action);
            case BLACKOUT -> intents.run("master.set", Json.object().put("blackout",
                    action.momentary() || !engine.master().blackout()));
            case MASTER_DIMMER -> new IntentCall.Result(false, "invalid_payload", "the master dimmer needs a CC");
        };
    }

    /** Start: the chaser's live preview ({@code chaser.preview}); stop: ends that preview if it is the one running. */
    private IntentCall.Result chaser(MidiAction action) {
        if ("start".equals(action.value())) {
            return intents.run("chaser.preview", Json.object().put("chaser_id", action.chaserId()));
        }
        Preview running = engine.playback().preview();
        if (running == null || running.kind() != Preview.Kind.CHASER
                || !action.chaserId().equals(running.chaserId())) {
            return new IntentCall.Result(true, null, null); // nothing of that chaser is running: nothing to stop
        }
        return intents.run("chaser.stop_preview", Json.object());
    }

    /**
     * The section to seek to: the index, or the one after / before the section the playhead is in (previous from
     * the first stays at the first; next from the last is out of range, which the intent reports).
     */
    private int sectionIndex(MidiAction action) {
        if (action.index() != null) {
            return action.index();
        }
        SongMetadata song = engine.session().song();
        List<Section> sections = song == null ? List.of() : song.sections();
        double now = engine.playback().timeNow();
        int current = -1;
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).startS() <= now + SECTION_EPSILON_S) {
                current = i;
            }
        }
        return "next".equals(action.value()) ? current + 1 : Math.max(0, current - 1);
    }

    // ---- learn mode and edits ---------------------------------------------------------------------------------

    private void learn(MidiInputMessage message) {
        if (message.kind() == MidiInputMessage.Kind.NOTE_OFF) {
            return; // the release of the key that was just learned, or of one held before
        }
        if (learning.type() == MidiAction.Type.MASTER_DIMMER && message.isNote()) {
            lastMessage.set("result", new IntentCall.Result(false, "invalid_payload",
                    "the master dimmer learns a CC (move a fader or knob); notes are ignored").toJson());
            return;
        }
        MidiMapping mapping = new MidiMapping(learningReplaces != null ? learningReplaces : nextId(),
                MidiTrigger.of(message), learning);
        learning = null;
        learningReplaces = null;
        put(mapping);
        lastMessage.put("mapping_id", mapping.id());
        lastMessage.set("result", Json.object().put("ok", true).put("learned", true));
        ObjectNode event = Json.object();
        event.set("mapping", mapping.toJson());
        clients.eventToAll("info", "midi_learned", event);
    }

    /** Adds a mapping, replacing any with the same trigger, and saves. */
    MidiMapping put(MidiMapping mapping) {
        List<MidiMapping> next = new ArrayList<>();
        for (MidiMapping m : mappings) {
            if (!m.trigger().sameAs(mapping.trigger()) && !m.id().equals(mapping.id())) {
                next.add(m);
            }
        }
        next.add(mapping);
        mappings = List.copyOf(next);
        save();
        return mapping;
    }

    /** Removes a mapping and saves; false when there is none with that id. */
    boolean delete(String id) {
        List<MidiMapping> next = mappings.stream().filter(m -> !m.id().equals(id)).toList();
        if (next.size() == mappings.size()) {
            return false;
        }
        mappings = next;
        pressed.remove(id);
        save();
        return true;
    }

    /** The next note on or CC binds to {@code action}; with {@code replaceId}, as that mapping's new trigger. */
    void startLearning(MidiAction action, String replaceId) {
        learning = action;
        learningReplaces = replaceId;
    }

    /** True when learning was on. */
    boolean cancelLearning() {
        boolean was = learning != null;
        learning = null;
        learningReplaces = null;
        return was;
    }

    boolean writable() {
        return loaded.writable();
    }

    String unreadableReason() {
        return loaded.unreadable();
    }

    List<MidiMapping> mappings() {
        return mappings;
    }

    String nextId() {
        int max = 0;
        for (MidiMapping m : mappings) {
            if (m.id().matches("m\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(m.id().substring(1)));
            }
        }
        for (var row : loaded.kept()) {
            String id = row.path("id").asText("");
            if (id.matches("m\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(id.substring(1)));
            }
        }
        return "m" + (max + 1);
    }

    private void save() {
        if (!loaded.writable()) {
            throw new IllegalStateException("midi.json is unreadable and is never overwritten");
        }
        ObjectNode content = MidiMappingsFile.content(mappings, loaded);
        engine.persistence().write(file, sync -> MidiMappingsFile.write(file, content, sync));
    }

    // ---- state ------------------------------------------------------------------------------------------------

    /** The state document's {@code midi} object (docs/protocol.md#midi). */
    public ObjectNode state() {
        ObjectNode state = Json.object();
        state.put("input", inputName);
        state.put("device", deviceName);
        state.put("connected", device != null);
        state.put("input_problem", inputProblem);
        state.set("learning", learning == null ? null : learning.toJson().put("replace_id", learningReplaces));
        ArrayNode list = state.putArray("mappings");
        mappings.forEach(m -> list.add(m.toJson()));
        state.set("last_message", lastMessage == null ? null : lastMessage.deepCopy());
        state.put("file_writable", loaded.writable());
        ArrayNode problems = state.putArray("file_problems");
        loaded.problems().forEach(problems::add);
        return state;
    }
}
