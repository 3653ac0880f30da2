package io.beatlight.api.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import javax.sound.midi.ShortMessage;
import org.junit.jupiter.api.Test;

class MidiReceiverTest {
    @Test
    void aFadersLastValueWinsEvenWhenAnOlderOneOverflowedTheQueue() throws Exception {
        Queue<Runnable> engine = new ArrayDeque<>();
        List<Integer> handled = new ArrayList<>();
        MidiReceiver[] receiver = new MidiReceiver[1];
        receiver[0] = new MidiReceiver(engine::add, message -> {
            if (handled.isEmpty()) {
                // the device sends the fader's last value while the engine drains: room again in the queue
                receiver[0].send(cc(99), -1);
            }
            handled.add(message.value());
        });
        for (int i = 0; i < MidiReceiver.MAX_QUEUED; i++) {
            receiver[0].send(cc(i % 90), -1);
        }
        receiver[0].send(cc(120), -1); // overflows
        while (!engine.isEmpty()) {
            engine.poll().run();
        }
        assertThat(handled.get(handled.size() - 1)).isEqualTo(99);
        assertThat(handled).doesNotContain(120);
    }

    private static ShortMessage cc(int value) {
        try {
            return new ShortMessage(ShortMessage.CONTROL_CHANGE, 0, 7, value);
        } catch (javax.sound.midi.InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
