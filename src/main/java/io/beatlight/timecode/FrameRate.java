package io.beatlight.timecode;

import java.util.Locale;
import java.util.Optional;

/**
 * The four SMPTE timecode rates (the ones Art-Net OpTimeCode, MIDI Time Code and LTC can carry). 29.97 is always
 * drop-frame here: frame numbers 0 and 1 are skipped at the start of every minute except each tenth, so the
 * timecode stays within a few frames of the wall clock.
 */
public enum FrameRate {
    FPS_24("24", 24, 24.0, false),
    FPS_25("25", 25, 25.0, false),
    FPS_2997_DF("29.97df", 30, 30000.0 / 1001.0, true),
    FPS_30("30", 30, 30.0, false);

    private final String id;
    private final int nominal;
    private final double actual;
    private final boolean dropFrame;

    FrameRate(String id, int nominal, double actual, boolean dropFrame) {
        this.id = id;
        this.nominal = nominal;
        this.actual = actual;
        this.dropFrame = dropFrame;
    }

    /** The name used in files, flags and the state document: "24", "25", "29.97df", "30". */
    public String id() {
        return id;
    }

    /** Frames counted per timecode second (30 for 29.97 drop-frame). */
    public int nominalFps() {
        return nominal;
    }

    /** Frames per real second (30000/1001 for 29.97 drop-frame). */
    public double actualFps() {
        return actual;
    }

    public boolean dropFrame() {
        return dropFrame;
    }

    /** Parses an id ("24", "25", "29.97", "29.97df", "30"); empty for anything else. */
    public static Optional<FrameRate> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (FrameRate rate : values()) {
            if (rate.id.equals(t)) {
                return Optional.of(rate);
            }
        }
        return t.equals("29.97") || t.equals("2997") ? Optional.of(FPS_2997_DF) : Optional.empty();
    }
}
