package io.beatlight.timecode;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Transmitter;

/**
 * MIDI Time Code from a {@code javax.sound.midi} input chosen by name: an exact (case-insensitive) device name, or
 * else a part of exactly one device's name or description; an empty name takes the first input listed. Decoding and the timing convention are
 * {@link MtcDecoder}'s; the listener is called on the MIDI system's thread.
 */
public final class MtcSource implements TimecodeSource {
    private final String deviceName;
    private final MidiInputs inputs;
    private final LongSupplier clock;
    private MidiDevice device;
    private boolean openedByUs;
    private Transmitter transmitter;
    private MtcDecoder decoder;
    private String opened;

    public MtcSource(String deviceName) {
        this(deviceName, MidiInputs.system());
    }

    public MtcSource(String deviceName, MidiInputs inputs) {
        this(deviceName, inputs, System::nanoTime);
    }

    /** With the clock that stamps message arrivals (tests). */
    public MtcSource(String deviceName, MidiInputs inputs, LongSupplier clock) {
        this.deviceName = deviceName == null ? "" : deviceName.strip();
        this.inputs = inputs;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "mtc";
    }

    @Override
    public synchronized String description() {
        return "MIDI input " + (opened != null ? opened : deviceName.isEmpty() ? "(the first one)" : deviceName);
    }

    @Override
    public synchronized void start(TimecodeListener listener) throws IOException {
        if (device != null) {
            throw new IllegalStateException("already started");
        }
        MidiDevice found = find();
        MtcDecoder newDecoder = new MtcDecoder(listener, clock);
        boolean wasOpen = found.isOpen();
        try {
            if (!wasOpen) {
                found.open();
            }
            Transmitter t = found.getTransmitter();
            t.setReceiver(newDecoder);
            transmitter = t;
        } catch (MidiUnavailableException | RuntimeException e) {
            if (!wasOpen) {
                found.close();
            }
            throw new IOException("cannot open MIDI input " + name(found) + ": " + e.getMessage(), e);
        }
        device = found;
        openedByUs = !wasOpen;
        decoder = newDecoder;
        opened = name(found);
    }

    private MidiDevice find() throws IOException {
        List<MidiDevice> devices;
        try {
            devices = inputs.list();
        } catch (MidiUnavailableException | RuntimeException e) {
            throw new IOException("cannot list MIDI inputs: " + e.getMessage(), e);
        }
        String available = devices.isEmpty() ? "none"
                : devices.stream().map(d -> "\"" + name(d) + "\"").collect(Collectors.joining(", "));
        if (deviceName.isEmpty()) {
            if (devices.isEmpty()) {
                throw new IOException("no MIDI input is connected");
            }
            return devices.get(0);
        }
        String wanted = deviceName.toLowerCase(Locale.ROOT);
        for (MidiDevice d : devices) {
            if (name(d).toLowerCase(Locale.ROOT).equals(wanted)) {
                return d;
            }
        }
        List<MidiDevice> partial = devices.stream().filter(d -> matches(d, wanted)).toList();
        if (partial.size() == 1) {
            return partial.get(0);
        }
        if (partial.isEmpty()) {
            throw new IOException("no MIDI input matches \"" + deviceName + "\"; available: " + available);
        }
        throw new IOException("\"" + deviceName + "\" matches several MIDI inputs: "
                + partial.stream().map(d -> "\"" + name(d) + "\"").collect(Collectors.joining(", ")));
    }

    private static boolean matches(MidiDevice device, String wanted) {
        MidiDevice.Info info = device.getDeviceInfo();
        return info.getName().toLowerCase(Locale.ROOT).contains(wanted)
                || info.getDescription().toLowerCase(Locale.ROOT).contains(wanted);
    }

    private static String name(MidiDevice device) {
        return device.getDeviceInfo().getName();
    }

    /** The decoder and its counters, once started. */
    public synchronized MtcDecoder decoder() {
        return decoder;
    }

    @Override
    public synchronized void close() {
        if (decoder != null) {
            decoder.close();
        }
        if (transmitter != null) {
            transmitter.close();
            transmitter = null;
        }
        if (device != null && openedByUs) {
            device.close();
        }
        device = null;
    }
}
