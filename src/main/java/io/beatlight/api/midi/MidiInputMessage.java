package io.beatlight.api.midi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.Optional;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.ShortMessage;

/**
 * One incoming channel message we act on: note on, note off or control change, with its channel (1..16), note or
 * controller number and velocity or value (0..127). A note on with velocity 0 is a note off (running-status
 * keyboards send it so). Everything else (system messages, clock, MIDI Time Code, program change, pitch bend,
 * malformed bytes) is not one.
 */
public record MidiInputMessage(Kind kind, int channel, int number, int value) {
    public enum Kind {
        NOTE_ON("note_on"), NOTE_OFF("note_off"), CC("cc");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The message, or empty when it is not a well-formed note on/off or control change. */
    public static Optional<MidiInputMessage> parse(MidiMessage message) {
        if (message == null) {
            return Optional.empty();
        }
        byte[] bytes = message.getMessage();
        if (message instanceof ShortMessage && bytes != null && bytes.length >= 3) {
            return parse(bytes[0] & 0xFF, bytes[1] & 0xFF, bytes[2] & 0xFF);
        }
        return Optional.empty();
    }

    /** From a status byte and two data bytes. */
    public static Optional<MidiInputMessage> parse(int status, int data1, int data2) {
        if (data1 > 127 || data2 > 127 || data1 < 0 || data2 < 0) {
            return Optional.empty();
        }
        int channel = (status & 0x0F) + 1;
        switch (status & 0xF0) {
            case ShortMessage.NOTE_ON:
                return Optional.of(new MidiInputMessage(data2 == 0 ? Kind.NOTE_OFF : Kind.NOTE_ON, channel, data1,
                        data2));
            case ShortMessage.NOTE_OFF:
                return Optional.of(new MidiInputMessage(Kind.NOTE_OFF, channel, data1, data2));
            case ShortMessage.CONTROL_CHANGE:
                return Optional.of(new MidiInputMessage(Kind.CC, channel, data1, data2));
            default:
                return Optional.empty();
        }
    }

    /** A note on or off, as opposed to a control change. */
    public boolean isNote() {
        return kind != Kind.CC;
    }

    public ObjectNode toJson() {
        return Json.object().put("type", kind.id()).put("channel", channel).put("number", number)
                .put("value", value);
    }
}
