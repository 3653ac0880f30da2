package io.beatlight.api.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiMappingsFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve(MidiMappingsFile.NAME);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aMissingFileIsNoMappingsAndWritable() {
        MidiMappingsFile.Loaded loaded = MidiMappingsFile.read(dir.resolve(MidiMappingsFile.NAME));
        assertThat(loaded.mappings()).isEmpty();
        assertThat(loaded.writable()).isTrue();
    }

    @Test
    void invalidRowsAreReportedAndWrittenBackWithUnknownKeys() throws Exception {
        Path file = write("""
                {"version": 1, "owner": "FOH", "mappings": [
                  {"id": "a", "note": "kick pad", "trigger": {"type": "note", "channel": 10, "number": 36}, "action": {"type": "blackout", "mode": "toggle"}},
                  {"id": "b", "trigger": {"type": "cc", "channel": 1, "number": 7, "min": 100, "max": 20}, "action": {"type": "master_dimmer"}},
                  {"id": "c", "trigger": {"type": "note", "channel": 1, "number": 7}, "action": {"type": "master_dimmer"}},
                  {"id": "a", "trigger": {"type": "note", "channel": 1, "number": 8}, "action": {"type": "transport", "command": "play"}},
                  {"id": "d", "trigger": {"type": "note", "channel": 1, "number": 9}, "action": {"type": "chaser", "command": "start"}},
                  "junk"
                ]}""");
        MidiMappingsFile.Loaded loaded = MidiMappingsFile.read(file);
        assertThat(loaded.mappings()).extracting(MidiMapping::id).containsExactly("a");
        assertThat(loaded.problems()).containsExactly(
                "midi.json: mappings[1].trigger.min (100) is above mappings[1].trigger.max (20); the mapping is "
                        + "ignored and kept as is",
                "midi.json: the master dimmer needs a CC trigger (a fader or knob), not a note; the mapping is "
                        + "ignored and kept as is",
                "midi.json: mappings[3].id 'a' is used twice; the mapping is ignored and kept as is",
                "midi.json: mappings[4].action.chaser_id must be a chaser id (text, at most 128 characters, no "
                        + "control characters); the mapping is ignored and kept as is",
                "midi.json: mappings[5] must be an object {id, trigger, action}; the mapping is ignored and kept as is");
        MidiMapping added = new MidiMapping("m1", new MidiTrigger(MidiTrigger.Type.CC, 2, 3, null, null),
                new MidiAction(MidiAction.Type.SECTION, "next", null, null));
        MidiMappingsFile.write(file, MidiMappingsFile.content(List.of(loaded.mappings().get(0), added), loaded),
                FileSync.FORCE);
        JsonNode written = Json.MAPPER.readTree(Files.readString(file));
        assertThat(written.get("owner").asText()).isEqualTo("FOH");
        assertThat(written.at("/mappings/0/note").asText()).isEqualTo("kick pad");
        assertThat(written.at("/mappings/1/action/to").asText()).isEqualTo("next");
        assertThat(written.get("mappings")).hasSize(7);
        assertThat(written.at("/mappings/6").asText()).isEqualTo("junk");
        assertThat(Files.exists(dir.resolve("midi.json.bak"))).isTrue();
        assertThat(MidiMappingsFile.read(file).mappings()).hasSize(2);
    }

    @Test
    void aFileThatDoesNotParseOrHasTheWrongShapeIsUnreadable() throws Exception {
        assertThat(MidiMappingsFile.read(write("{\"mappings\": [}")).unreadable())
                .startsWith("midi.json is not valid JSON (line 1, column 15)");
        assertThat(MidiMappingsFile.read(write("[]")).unreadable())
                .isEqualTo("midi.json must be an object with a \"mappings\" array");
        assertThat(MidiMappingsFile.read(write("{\"mappings\": {}}")).writable()).isFalse();
    }

    @Test
    void actionsAndTriggersValidateEveryField() {
        assertThatThrownBy(() -> MidiAction.parse(Json.MAPPER.readTree("{\"type\": \"fog\"}"), "action"))
                .isInstanceOf(InvalidMapping.class).hasMessageStartingWith("action.type must be one of");
        assertThatThrownBy(() -> MidiAction.parse(Json.MAPPER.readTree("{\"type\": \"section\"}"), "action"))
                .hasMessageContaining("\"next\" or \"previous\", or \"index\"");
        assertThatThrownBy(() -> MidiAction.parse(Json.MAPPER.readTree("{\"type\": \"section\", \"index\": -1}"),
                "action")).hasMessage("action.index must be a whole number from 0 to 9999");
        assertThatThrownBy(() -> MidiTrigger.parse(Json.MAPPER.readTree(
                "{\"type\": \"cc\", \"channel\": 1, \"number\": 128}"), "trigger"))
                .hasMessage("trigger.number must be a whole number from 0 to 127");
        assertThatThrownBy(() -> MidiTrigger.parse(Json.MAPPER.readTree(
                "{\"type\": \"note\", \"channel\": 1.5, \"number\": 1}"), "trigger"))
                .hasMessage("trigger.channel must be a whole number from 1 to 16");
    }

    @Test
    void onlyWellFormedNotesAndControlChangesAreMessages() {
        assertThat(MidiInputMessage.parse(0x99, 36, 0)).contains(
                new MidiInputMessage(MidiInputMessage.Kind.NOTE_OFF, 10, 36, 0));
        assertThat(MidiInputMessage.parse(0xB0, 7, 64)).contains(
                new MidiInputMessage(MidiInputMessage.Kind.CC, 1, 7, 64));
        assertThat(MidiInputMessage.parse(0x90, 200, 1)).isEmpty();
        assertThat(MidiInputMessage.parse(0xE0, 0, 0)).isEmpty();
        assertThat(MidiInputMessage.parse(0xF8, 0, 0)).isEmpty();
        assertThat(MidiInputMessage.parse(null)).isEmpty();
    }
}
