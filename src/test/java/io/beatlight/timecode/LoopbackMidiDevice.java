package io.beatlight.timecode;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/** An in-process MIDI input: what a test sends comes out of its transmitters, as from a port. */
final class LoopbackMidiDevice implements MidiDevice {
    private final Info info;
    private final List<LoopTransmitter> transmitters = new ArrayList<>();
    private boolean open;
    private int opens;

    LoopbackMidiDevice(String name, String description) {
        this.info = new Info(name, "Beatlight tests", description, "1") {
        };
    }

    /** Delivers {@code message} to every open transmitter's receiver, as a port would on arrival. */
    synchronized void send(MidiMessage message) {
        if (!open) {
            throw new IllegalStateException("device not open");
        }
        for (LoopTransmitter t : transmitters) {
            if (t.receiver != null) {
                t.receiver.send(message, -1);
            }
        }
    }

    synchronized int opens() {
        return opens;
    }

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public synchronized void open() {
        open = true;
        opens++;
    }

    @Override
    public synchronized void close() {
        open = false;
        transmitters.clear();
    }

    @Override
    public synchronized boolean isOpen() {
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
    public Receiver getReceiver() {
        throw new UnsupportedOperationException("input only");
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public synchronized Transmitter getTransmitter() {
        LoopTransmitter t = new LoopTransmitter();
        transmitters.add(t);
        return t;
    }

    @Override
    public synchronized List<Transmitter> getTransmitters() {
        return List.copyOf(transmitters);
    }

    private final class LoopTransmitter implements Transmitter {
        private volatile Receiver receiver;

        @Override
        public void setReceiver(Receiver r) {
            receiver = r;
        }

        @Override
        public Receiver getReceiver() {
            return receiver;
        }

        @Override
        public void close() {
            synchronized (LoopbackMidiDevice.this) {
                transmitters.remove(this);
            }
        }
    }
}
