package io.beatlight.testutil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Transmitter;

/**
 * An in-process MIDI input for tests: a real {@link MidiDevice} whose transmitters deliver what the test sends
 * ({@link #send}) to the receiver the server attached, on the test's thread, as a USB controller's driver would on
 * its own. No ALSA, no hardware.
 */
public final class LoopbackMidiDevice implements MidiDevice {
    private final Info info;
    private final List<LoopTransmitter> transmitters = new CopyOnWriteArrayList<>();
    private volatile boolean open;
    private final java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();

    public LoopbackMidiDevice(String name) {
        this(name, "in-process loopback");
    }

    public LoopbackMidiDevice(String name, String description) {
        this.info = new Info(name, "Beatlight tests", description, "1.0") {
        };
    }

    /** How often the device was opened. */
    public int opens() {
        return opens.get();
    }

    /** A note on (velocity > 0), note off or control change: status, data1, data2. */
    public void send(int command, int channel, int data1, int data2) {
        try {
            send(new ShortMessage(command, channel - 1, data1, data2));
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Any message, well-formed or not. */
    public void send(MidiMessage message) {
        if (!open) {
            throw new IllegalStateException(info.getName() + " is not open");
        }
        for (LoopTransmitter t : transmitters) {
            Receiver r = t.receiver;
            if (r != null) {
                r.send(message, -1);
            }
        }
    }

    /** Raw bytes as a ShortMessage, unchecked (a truncated or corrupt message from a broken driver). */
    public static MidiMessage raw(byte... bytes) {
        return new ShortMessage(bytes) {
        };
    }

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public void open() {
        open = true;
        opens.incrementAndGet();
    }

    @Override
    public void close() {
        open = false;
        transmitters.forEach(LoopTransmitter::close);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long getMicrosecondPosition() {
        return -1;
    }

    @Override
    public int getMaxReceivers() {
        return 0;
    }

    @Override
    public int getMaxTransmitters() {
        return -1;
    }

    @Override
    public Receiver getReceiver() throws MidiUnavailableException {
        throw new MidiUnavailableException("an input only");
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public Transmitter getTransmitter() {
        LoopTransmitter t = new LoopTransmitter();
        transmitters.add(t);
        return t;
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }

    private final class LoopTransmitter implements Transmitter {
        private volatile Receiver receiver;

        @Override
        public void setReceiver(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public Receiver getReceiver() {
            return receiver;
        }

        @Override
        public void close() {
            receiver = null;
            transmitters.remove(this);
        }
    }
}
