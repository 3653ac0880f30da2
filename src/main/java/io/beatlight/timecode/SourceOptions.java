package io.beatlight.timecode;

/**
 * What a timecode source is opened on, passed as given to the source's factory: the MIDI input device name for
 * {@code mtc}, the audio input line name for {@code ltc} (empty = the factory's default).
 */
public record SourceOptions(String midiDevice, String audioLine) {
    public static final SourceOptions NONE = new SourceOptions("", "");

    public SourceOptions {
        midiDevice = midiDevice == null ? "" : midiDevice.strip();
        audioLine = audioLine == null ? "" : audioLine.strip();
    }
}
