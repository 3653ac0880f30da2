package io.beatlight.api.midi;

import io.beatlight.timecode.MidiInputs;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;

/**
 * Where MIDI input devices come from: {@link #system()} asks Java Sound (ALSA on Linux); tests hand in their own
 * in-process devices.
 */
@FunctionalInterface
public interface MidiDeviceLookup {
    /** Every device that can send us messages (has a transmitter). */
    List<MidiDevice> inputs() throws MidiUnavailableException;

    /** The machine's MIDI inputs, without Java's software sequencer and synthesizer. */
    static MidiDeviceLookup system() {
        return MidiInputs.system()::list; // the same enumeration MIDI Time Code uses
    }

    /** A device's name as listed and matched: its name, with the description when that says more. */
    static String nameOf(MidiDevice device) {
        MidiDevice.Info info = device.getDeviceInfo();
        String name = info.getName();
        String description = info.getDescription();
        if (description != null && !description.isBlank() && !description.equals(name)
                && !description.startsWith("No details")) {
            return name + " (" + description + ")";
        }
        return name;
    }
}
