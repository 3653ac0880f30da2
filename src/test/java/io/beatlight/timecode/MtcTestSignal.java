package io.beatlight.timecode;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;

/** MIDI Time Code messages as a sender writes them (MIDI 1.0 MTC specification). */
public final class MtcTestSignal {
    private MtcTestSignal() {
    }

    static int rateCode(FrameRate rate) {
        return switch (rate) {
            case FPS_24 -> 0;
            case FPS_25 -> 1;
            case FPS_2997_DF -> 2;
            case FPS_30 -> 3;
        };
    }

    /** Quarter-frame piece {@code piece} (0-7) of the cycle that carries {@code tc}. */
    public static MidiMessage quarterFrame(Timecode tc, int piece) {
        int value = switch (piece) {
            case 0 -> tc.frames() & 0xF;
            case 1 -> tc.frames() >> 4;
            case 2 -> tc.seconds() & 0xF;
            case 3 -> tc.seconds() >> 4;
            case 4 -> tc.minutes() & 0xF;
            case 5 -> tc.minutes() >> 4;
            case 6 -> tc.hours() & 0xF;
            default -> (tc.hours() >> 4) | rateCode(tc.rate()) << 1;
        };
        try {
            return new ShortMessage(0xF1, piece << 4 | value, 0);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    public static MidiMessage fullFrame(Timecode tc) {
        byte[] data = {(byte) 0xF0, 0x7F, 0x7F, 0x01, 0x01, (byte) (rateCode(tc.rate()) << 5 | tc.hours()),
                (byte) tc.minutes(), (byte) tc.seconds(), (byte) tc.frames(), (byte) 0xF7};
        try {
            return new SysexMessage(data, data.length);
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Any bytes, as a broken driver or a merge box might deliver them. */
    static MidiMessage raw(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new Raw(data);
    }

    private static final class Raw extends MidiMessage {
        Raw(byte[] data) {
            super(data);
        }

        @Override
        public Object clone() {
            return new Raw(getMessage());
        }
    }
}
