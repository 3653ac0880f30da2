package io.beatlight.timecode;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;

/** Lists the MIDI devices that can send to us (the system's ports, or an in-process device in tests). */
@FunctionalInterface
public interface MidiInputs {
    List<MidiDevice> list() throws MidiUnavailableException;

    /** The ports of {@link MidiSystem} that have a transmitter, without the software sequencer and synthesizer. */
    static MidiInputs system() {
        return () -> {
            List<MidiDevice> inputs = new ArrayList<>();
            for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
                MidiDevice device;
                try {
                    device = MidiSystem.getMidiDevice(info);
                } catch (MidiUnavailableException | IllegalArgumentException e) {
                    continue; // gone since it was listed, or a provider that cannot hand it out: not an input here
                }
                if (device.getMaxTransmitters() != 0 && !(device instanceof Sequencer)
                        && !(device instanceof Synthesizer)) {
                    inputs.add(device);
                }
            }
            return inputs;
        };
    }

    /** Fixed devices (tests). */
    static MidiInputs of(MidiDevice... devices) {
        return () -> List.of(devices);
    }
}
