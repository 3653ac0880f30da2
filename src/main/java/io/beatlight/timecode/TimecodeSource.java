package io.beatlight.timecode;

import java.io.IOException;

/**
 * A source of incoming timecode (Art-Net OpTimeCode, MIDI Time Code, LTC audio). Started once with the listener that
 * gets every decoded address; closing it stops delivery and frees the port or device.
 */
public interface TimecodeSource extends AutoCloseable {
    /** {@code artnet}, {@code mtc} or {@code ltc}. */
    String kind();

    /** What it listens to, for logs and the state (a port, a MIDI device name, an audio line). */
    String description();

    void start(TimecodeListener listener) throws IOException;

    @Override
    void close();
}
