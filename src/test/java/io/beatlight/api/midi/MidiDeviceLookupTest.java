package io.beatlight.api.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import org.junit.jupiter.api.Test;

class MidiDeviceLookupTest {
    /** Whatever this machine has (often nothing, never Java's own sequencer or synthesizer), it lists without failing. */
    @Test
    void theSystemLookupListsInputsOnly() throws Exception {
        List<MidiDevice> inputs = MidiDeviceLookup.system().inputs();
        assertThat(inputs).noneMatch(d -> d instanceof Sequencer || d instanceof Synthesizer)
                .allMatch(d -> d.getMaxTransmitters() != 0);
        inputs.forEach(d -> assertThat(MidiDeviceLookup.nameOf(d)).isNotBlank());
    }
}
