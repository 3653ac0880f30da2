package io.beatlight.api.midi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.LoopbackMidiDevice;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIDI control end to end: an in-process MIDI input on the real server, its notes and CCs reaching the state over
 * the WebSocket and the Art-Net on a loopback receiver; learn mode writing midi.json; a bad midi.json left alone.
 */
@Tag("server")
class MidiControlServerTest {
    /** Par L's dimmer (an intensity channel) and the head's shutter (not one) in the reference rig. */
    private static final int PAR_DIMMER = 16;
    private static final int HEAD_SHUTTER = 7;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private static final String MAPPINGS = """
            {"version": 1, "comment": "kept", "mappings": [
              {"id": "m1", "trigger": {"type": "note", "channel": 1, "number": 36}, "action": {"type": "transport", "command": "toggle"}},
              {"id": "m2", "trigger": {"type": "note", "channel": 1, "number": 37}, "action": {"type": "transport", "command": "stop"}},
              {"id": "m3", "trigger": {"type": "note", "channel": 1, "number": 38}, "action": {"type": "section", "to": "next"}},
              {"id": "m4", "trigger": {"type": "cc", "channel": 1, "number": 7}, "action": {"type": "master_dimmer"}},
              {"id": "m5", "trigger": {"type": "note", "channel": 1, "number": 40}, "action": {"type": "blackout", "mode": "momentary"}},
              {"id": "m6", "trigger": {"type": "cc", "channel": 2, "number": 20}, "action": {"type": "blackout", "mode": "toggle"}},
              {"id": "m7", "trigger": {"type": "note", "channel": 1, "number": 41}, "action": {"type": "chaser", "command": "start", "chaser_id": "lr"}},
              {"id": "m8", "trigger": {"type": "note", "channel": 1, "number": 42}, "action": {"type": "chaser", "command": "stop", "chaser_id": "lr"}},
              {"id": "m9", "trigger": {"type": "note", "channel": 1, "number": 43}, "action": {"type": "section", "index": 2}},
              {"id": "bad", "trigger": {"type": "note", "channel": 17, "number": 1}, "action": {"type": "transport", "command": "play"}}
            ]}""";

    private TestShow show() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 30, 120,
                "{\"intro\": [0, 10], \"verse\": [10, 20], \"chorus\": [20, 30]}");
        Path chasers = dir.resolve("chasers");
        Files.createDirectories(chasers);
        Files.writeString(chasers.resolve("lr.json"), """
                {"id": "lr", "name": "L to R", "description": "d",
                 "effects": [{"beat": 0, "fixture_id": "parcan_l", "effect": "full", "duration": 1, "data": {}},
                             {"beat": 1, "fixture_id": "parcan_r", "effect": "full", "duration": 1, "data": {}}]}""");
        return show;
    }

    /** The state as a fresh snapshot shows it (a hello answers with one). */
    static JsonNode state(WsTestClient client) {
        int from = client.received();
        client.hello();
        return client.awaitFrom(from, m -> "snapshot".equals(m.path("type").asText()), WAIT).get("state");
    }

    /** Waits until the state matches (messages from the device are handled on the engine thread). */
    static JsonNode awaitState(WsTestClient client, Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode state = state(client);
        while (!match.test(state) && System.nanoTime() < deadline) {
            sleep(20);
            state = state(client);
        }
        assertThat(match.test(state)).as("state never matched; midi: %s, master: %s, playback: %s",
                state.get("midi"), state.get("master"), state.get("playback")).isTrue();
        return state;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ArtNetReceiver.Received dmx(ArtNetReceiver receiver, Predicate<ArtNetReceiver.Received> match) {
        return receiver.awaitDmx(0, System.nanoTime(), match, WAIT);
    }

    @Test
    void notesAndCcsRunTheirActionsOnStateAndWire() throws Exception {
        show();
        Files.writeString(dir.resolve("midi.json"), MAPPINGS, StandardCharsets.UTF_8);
        LoopbackMidiDevice other = new LoopbackMidiDevice("Other Keyboard");
        LoopbackMidiDevice pads = new LoopbackMidiDevice("Test Pads MK2");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(other, pads),
                     "--midi-input", "test PADS");
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode midi = state(client).get("midi");
            assertThat(midi.get("connected").asBoolean()).isTrue();
            assertThat(midi.get("device").asText()).startsWith("Test Pads MK2");
            assertThat(midi.get("mappings")).hasSize(9);
            assertThat(midi.get("file_problems").get(0).asText()).contains("mappings[9].trigger.channel");
            assertThat(pads.isOpen()).isTrue();
            assertThat(other.isOpen()).isFalse();
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255 && p.channel(HEAD_SHUTTER) == 255);

            // master dimmer: CC 7 at 64 is about half on the intensity channels only
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 64);
            ArtNetReceiver.Received half = dmx(receiver, p -> p.channel(PAR_DIMMER) < 255);
            assertThat(half.channel(PAR_DIMMER)).isBetween(126, 130);
            assertThat(half.channel(HEAD_SHUTTER)).isEqualTo(255);
            JsonNode master = awaitState(client, s -> s.at("/master/dimmer_pct").asDouble() > 50).get("master");
            assertThat(master.get("dimmer_pct").asDouble()).isCloseTo(50.39, org.assertj.core.data.Offset.offset(0.01));
            assertThat(state(client).at("/midi/last_message/mapping_id").asText()).isEqualTo("m4");
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 127);
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);

            // momentary blackout: dark while the pad is held, the shutter (no intensity channel) untouched
            pads.send(ShortMessage.NOTE_ON, 1, 40, 100);
            ArtNetReceiver.Received dark = dmx(receiver, p -> p.channel(PAR_DIMMER) == 0);
            assertThat(dark.channel(HEAD_SHUTTER)).isEqualTo(255);
            awaitState(client, s -> s.at("/master/blackout").asBoolean());
            pads.send(ShortMessage.NOTE_OFF, 1, 40, 0);
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);
            awaitState(client, s -> !s.at("/master/blackout").asBoolean());

            // toggle blackout on a CC button: press toggles, release does nothing
            pads.send(ShortMessage.CONTROL_CHANGE, 2, 20, 127);
            awaitState(client, s -> s.at("/master/blackout").asBoolean());
            pads.send(ShortMessage.CONTROL_CHANGE, 2, 20, 0);
            pads.send(ShortMessage.CONTROL_CHANGE, 2, 20, 127);
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);
            awaitState(client, s -> !s.at("/master/blackout").asBoolean());

            // transport toggle, section seeks, stop
            pads.send(ShortMessage.NOTE_ON, 1, 36, 90);
            awaitState(client, s -> s.at("/playback/state").asText().equals("playing"));
            // a pause in the song's first moments reads as "stopped" (protocol): let the song run a little first
            Thread.sleep(200);
            pads.send(ShortMessage.NOTE_OFF, 1, 36, 0);
            pads.send(ShortMessage.NOTE_ON, 1, 36, 90);
            awaitState(client, s -> s.at("/playback/state").asText().equals("paused"));
            pads.send(ShortMessage.NOTE_ON, 1, 38, 90);
            awaitState(client, s -> s.at("/playback/time_ms").asLong() == 10_000);
            pads.send(ShortMessage.NOTE_ON, 1, 38, 90);
            awaitState(client, s -> s.at("/playback/time_ms").asLong() == 20_000);
            // next from the last section: the intent's own error, recorded with the message; nothing moves
            pads.send(ShortMessage.NOTE_ON, 1, 38, 90);
            JsonNode outOfRange = awaitState(client, s -> s.at("/midi/last_message/result/code").asText()
                    .equals(ErrorCode.SECTION_INDEX_OUT_OF_RANGE));
            assertThat(outOfRange.at("/playback/time_ms").asLong()).isEqualTo(20_000);
            pads.send(ShortMessage.NOTE_ON, 1, 37, 90);
            awaitState(client, s -> s.at("/playback/state").asText().equals("stopped"));
            pads.send(ShortMessage.NOTE_ON, 1, 43, 90);
            awaitState(client, s -> s.at("/playback/time_ms").asLong() == 20_000);

            // chaser start (its live preview) and stop
            int from = client.received();
            pads.send(ShortMessage.NOTE_ON, 1, 41, 90);
            client.awaitFrom(from, m -> "chaser_preview_started".equals(m.path("message").asText()), WAIT);
            pads.send(ShortMessage.NOTE_ON, 1, 42, 90);
            client.awaitFrom(from, m -> "chaser_preview_stopped".equals(m.path("message").asText()), WAIT);

            // an unmapped note on another channel is shown but does nothing
            String before = state(client).at("/playback/state").asText();
            pads.send(ShortMessage.NOTE_ON, 5, 36, 90);
            JsonNode last = awaitState(client, s -> s.at("/midi/last_message/channel").asInt() == 5)
                    .at("/midi/last_message");
            assertThat(last.has("mapping_id")).isFalse();
            assertThat(state(client).at("/playback/state").asText()).isEqualTo(before);
        }
    }

    /** From a pad to the wire: how long a momentary blackout takes to reach the Art-Net receiver (printed). */
    @Test
    void aPadReachesTheWireWithinAFewMilliseconds() throws Exception {
        show();
        Files.writeString(dir.resolve("midi.json"), MAPPINGS, StandardCharsets.UTF_8);
        LoopbackMidiDevice pads = new LoopbackMidiDevice("Pads");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(pads),
                     "--midi-input", "pads");
             WsTestClient client = WsTestClient.connect(server.port())) {
            state(client);
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);
            int presses = 40;
            long[] micros = new long[presses];
            for (int i = -5; i < presses; i++) { // five presses to warm up
                long pressed = System.nanoTime();
                pads.send(ShortMessage.NOTE_ON, 1, 40, 100);
                ArtNetReceiver.Received dark = receiver.awaitDmx(0, pressed, p -> p.channel(PAR_DIMMER) == 0, WAIT);
                if (i >= 0) {
                    micros[i] = (dark.nanos() - pressed) / 1000;
                }
                pads.send(ShortMessage.NOTE_OFF, 1, 40, 0);
                dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);
            }
            java.util.Arrays.sort(micros);
            double p50 = micros[presses / 2] / 1000.0;
            double p99 = micros[(int) Math.ceil(presses * 0.99) - 1] / 1000.0;
            System.out.printf("midi: note on -> Art-Net blackout, %d presses: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                    + "(send on change on; loopback, shared machine)%n", presses, p50, p99, micros[presses - 1] / 1000.0);
            // the 60 Hz grid alone bounds it by one frame; allow a loaded machine plenty
            assertThat(p50).isLessThan(50);
        }
    }

    @Test
    void garbageMidiIsIgnoredAndTheServerKeepsGoing() throws Exception {
        show();
        Files.writeString(dir.resolve("midi.json"), MAPPINGS, StandardCharsets.UTF_8);
        LoopbackMidiDevice pads = new LoopbackMidiDevice("Pads");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(pads),
                     "--midi-input", "pads");
             WsTestClient client = WsTestClient.connect(server.port())) {
            state(client);
            pads.send(LoopbackMidiDevice.raw((byte) 0x90));                         // truncated note on
            pads.send(LoopbackMidiDevice.raw((byte) 0x90, (byte) 0xFF, (byte) 0x80)); // data bytes over 127
            pads.send(LoopbackMidiDevice.raw());                                    // nothing at all
            pads.send(new SysexMessage(new byte[] {(byte) 0xF0, 0x7E, 0x7F, 0x06, 0x01, (byte) 0xF7}, 6));
            pads.send(new ShortMessage(ShortMessage.TIMING_CLOCK));
            pads.send(new ShortMessage(ShortMessage.MIDI_TIME_CODE, 0x12, 0));
            pads.send(new ShortMessage(ShortMessage.PITCH_BEND, 0, 0x7F, 0x7F));
            pads.send(new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, 5, 0));
            pads.send(null);
            // a CC flood faster than the engine takes it: the controller's latest value always arrives
            for (int i = 0; i < 3000; i++) {
                pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, i % 128);
            }
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 7, 0);
            JsonNode state = awaitState(client, s -> s.at("/master/dimmer_pct").asDouble() == 0
                    && s.at("/midi/last_message/value").asInt() == 0);
            assertThat(state.at("/midi/last_message/type").asText()).isEqualTo("cc");
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 0 && p.channel(HEAD_SHUTTER) == 255);
            assertThat(client.call("master.set", Json.object().put("dimmer_pct", 100)).get("ok").asBoolean())
                    .isTrue();
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 255);
            assertThat(server.output().stats().errors()).isZero();
        }
    }

    @Test
    void learnBindsTheNextMessageAndSavesMidiJson() throws Exception {
        show();
        LoopbackMidiDevice pads = new LoopbackMidiDevice("Pads");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(pads),
                     "--midi-input", "pads");
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(state(client).at("/midi/mappings")).isEmpty();
            ObjectNode learn = Json.object();
            learn.putObject("action").put("type", "blackout").put("mode", "toggle");
            assertThat(client.call("midi.learn", learn).get("ok").asBoolean()).isTrue();
            assertThat(state(client).at("/midi/learning/type").asText()).isEqualTo("blackout");
            // a note off does not bind (a key released from before)
            pads.send(ShortMessage.NOTE_OFF, 3, 50, 0);
            pads.send(ShortMessage.NOTE_ON, 3, 60, 100);
            client.awaitEvent("midi_learned");
            JsonNode midi = awaitState(client, s -> s.at("/midi/learning").isNull()).get("midi");
            assertThat(midi.at("/mappings/0/trigger")).isEqualTo(Json.MAPPER.readTree(
                    "{\"type\":\"note\",\"channel\":3,\"number\":60}"));
            String id = midi.at("/mappings/0/id").asText();
            // the binding message did not fire; the next one does
            assertThat(state(client).at("/master/blackout").asBoolean()).isFalse();
            pads.send(ShortMessage.NOTE_ON, 3, 60, 100);
            awaitState(client, s -> s.at("/master/blackout").asBoolean());

            // the master dimmer learns a CC only: a note is passed over
            learn = Json.object();
            learn.putObject("action").put("type", "master_dimmer");
            client.call("midi.learn", learn);
            pads.send(ShortMessage.NOTE_ON, 1, 10, 100);
            awaitState(client, s -> s.at("/midi/last_message/result/ok").isBoolean()
                    && !s.at("/midi/last_message/result/ok").asBoolean());
            pads.send(ShortMessage.CONTROL_CHANGE, 1, 21, 5);
            awaitState(client, s -> s.at("/midi/mappings").size() == 2);

            // cancel, invalid actions, delete
            learn = Json.object();
            learn.putObject("action").put("type", "transport").put("command", "dance");
            JsonNode bad = client.call("midi.learn", learn);
            assertThat(bad.at("/error/code").asText()).isEqualTo(ErrorCode.INVALID_PAYLOAD);
            assertThat(bad.at("/error/field").asText()).isEqualTo("action.command");
            ((ObjectNode) learn.get("action")).put("command", "play");
            client.call("midi.learn", learn);
            assertThat(client.call("midi.cancel_learn", null).at("/data/cancelled").asBoolean()).isTrue();
            pads.send(ShortMessage.NOTE_ON, 1, 99, 100);
            awaitState(client, s -> s.at("/midi/last_message/number").asInt() == 99);
            assertThat(state(client).at("/midi/mappings")).hasSize(2);
            assertThat(client.call("midi.mapping.delete", Json.object().put("id", "nope")).at("/error/code")
                    .asText()).isEqualTo(ErrorCode.UNKNOWN_MIDI_MAPPING);

            // both learned mappings are in midi.json (the reply of the next edit waits for the file)
            JsonNode file = JsonFiles.read(dir.resolve("midi.json"));
            assertThat(file.get("mappings")).hasSize(2);
            assertThat(file.at("/mappings/0/id").asText()).isEqualTo(id);
            assertThat(file.at("/mappings/1/trigger/type").asText()).isEqualTo("cc");
            assertThat(file.at("/mappings/1/action/type").asText()).isEqualTo("master_dimmer");
            assertThat(client.call("midi.mapping.delete", Json.object().put("id", id)).get("ok").asBoolean())
                    .isTrue();
            assertThat(JsonFiles.read(dir.resolve("midi.json")).get("mappings")).hasSize(1);
            assertThat(Files.exists(dir.resolve("midi.json.bak"))).isTrue();
        }
        // reloaded at the next start
        LoopbackMidiDevice again = new LoopbackMidiDevice("Pads");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(again),
                     "--midi-input", "pads");
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(state(client).at("/midi/mappings/0/action/type").asText()).isEqualTo("master_dimmer");
            again.send(ShortMessage.CONTROL_CHANGE, 1, 21, 0);
            awaitState(client, s -> s.at("/master/dimmer_pct").asDouble() == 0);
        }
    }

    @Test
    void anUnreadableMidiJsonIsReportedAndNeverOverwritten() throws Exception {
        show();
        String broken = "{\"mappings\": [ {\"id\": \"m1\", ";
        Files.writeString(dir.resolve("midi.json"), broken, StandardCharsets.UTF_8);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(),
                     "--midi-input", "launchpad");
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode midi = state(client).get("midi");
            assertThat(midi.get("file_writable").asBoolean()).isFalse();
            assertThat(midi.at("/file_problems/0").asText()).contains("midi.json is not valid JSON (line 1");
            assertThat(midi.get("connected").asBoolean()).isFalse();
            assertThat(midi.get("input_problem").asText())
                    .isEqualTo("no MIDI input matches 'launchpad'; available inputs: none");
            ObjectNode add = Json.object();
            add.putObject("trigger").put("type", "note").put("channel", 1).put("number", 1);
            add.putObject("action").put("type", "transport").put("command", "play");
            JsonNode refused = client.call("midi.mapping.add", add);
            assertThat(refused.at("/error/code").asText()).isEqualTo(ErrorCode.MIDI_MAPPINGS_UNREADABLE);
            assertThat(refused.at("/error/message").asText()).contains("never overwritten");
            ObjectNode learn = Json.object();
            learn.putObject("action").put("type", "master_dimmer");
            assertThat(client.call("midi.learn", learn).at("/error/code").asText())
                    .isEqualTo(ErrorCode.MIDI_MAPPINGS_UNREADABLE);
            assertThat(client.call("midi.reload", null).at("/error/code").asText())
                    .isEqualTo(ErrorCode.MIDI_MAPPINGS_UNREADABLE);
            assertThat(Files.readString(dir.resolve("midi.json"))).isEqualTo(broken);
            assertThat(Files.exists(dir.resolve("midi.json.bak"))).isFalse();

            // fixed by hand, then reloaded: edits work again
            Files.writeString(dir.resolve("midi.json"), "{\"mappings\": []}", StandardCharsets.UTF_8);
            assertThat(client.call("midi.reload", null).get("ok").asBoolean()).isTrue();
            assertThat(client.call("midi.mapping.add", add).at("/data/mapping/id").asText()).isEqualTo("m1");
            assertThat(JsonFiles.read(dir.resolve("midi.json")).get("mappings")).hasSize(1);
        }
    }

    @Test
    void reconnectFindsADevicePluggedInAfterTheStart() throws Exception {
        show();
        List<javax.sound.midi.MidiDevice> plugged = new java.util.concurrent.CopyOnWriteArrayList<>();
        plugged.add(new LoopbackMidiDevice("Midi Through Port-0"));
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), plugged, "--midi-input", "pads");
             WsTestClient client = WsTestClient.connect(server.port())) {
            assertThat(state(client).at("/midi/input_problem").asText())
                    .isEqualTo("no MIDI input matches 'pads'; available inputs: Midi Through Port-0 (in-process loopback)");
            LoopbackMidiDevice pads = new LoopbackMidiDevice("USB PADS");
            plugged.add(pads);
            JsonNode reply = client.call("midi.reconnect", null);
            assertThat(reply.at("/data/connected").asBoolean()).isTrue();
            assertThat(reply.at("/data/input_problem").isNull()).isTrue();
            ObjectNode add = Json.object();
            add.putObject("trigger").put("type", "cc").put("channel", 16).put("number", 0).put("min", 10).put("max", 20);
            add.putObject("action").put("type", "master_dimmer");
            assertThat(client.call("midi.mapping.add", add).at("/data/mapping/id").asText()).isEqualTo("m1");
            pads.send(ShortMessage.CONTROL_CHANGE, 16, 0, 15);
            awaitState(client, s -> s.at("/master/dimmer_pct").asDouble() == 50);
            pads.send(ShortMessage.CONTROL_CHANGE, 16, 0, 30); // outside the range: ignored
            awaitState(client, s -> s.at("/midi/last_message/value").asInt() == 30);
            assertThat(state(client).at("/master/dimmer_pct").asDouble()).isEqualTo(50);
        }
    }

    @Test
    void withoutAnInputTheServerRunsAndSaysSo() throws Exception {
        show();
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode midi = state(client).get("midi");
            assertThat(midi.get("input").isNull()).isTrue();
            assertThat(midi.get("connected").asBoolean()).isFalse();
            assertThat(client.call("master.set", Json.object().put("dimmer_pct", 101)).at("/error/code").asText())
                    .isEqualTo(ErrorCode.INVALID_PAYLOAD);
            assertThat(client.call("master.set", Json.object()).at("/error/code").asText())
                    .isEqualTo(ErrorCode.INVALID_PAYLOAD);
            assertThat(client.call("master.set", Json.object().put("blackout", true)).get("ok").asBoolean()).isTrue();
            dmx(receiver, p -> p.channel(PAR_DIMMER) == 0 && p.channel(HEAD_SHUTTER) == 255);
        }
    }
}
