package io.beatlight.timecode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timecode address at which a song starts (song time 0), as written in files and intents:
 * {@code HH:MM:SS:FF} (or {@code ;} before the frames). It is a label without a rate: the incoming code's rate says
 * how many real seconds it is.
 */
public record TimecodeOffset(int hours, int minutes, int seconds, int frames) {
    public static final TimecodeOffset ZERO = new TimecodeOffset(0, 0, 0, 0);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})[:;.](\\d{2})");

    public TimecodeOffset {
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || frames < 0
                || frames > 29) {
            throw new IllegalArgumentException("not a timecode: " + hours + ":" + minutes + ":" + seconds + ":"
                    + frames);
        }
    }

    /** Parses {@code HH:MM:SS:FF}; throws IllegalArgumentException with a readable message. */
    public static TimecodeOffset parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected HH:MM:SS:FF, got '" + text + "'");
        }
        return new TimecodeOffset(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    }

    /**
     * The address at {@code rate}. Frames the rate does not have are taken as its last frame of that second; a
     * number drop-frame skips is taken as the next one that exists (frame 2).
     */
    public Timecode at(FrameRate rate) {
        int f = Math.min(frames, rate.nominalFps() - 1);
        if (rate.dropFrame() && seconds == 0 && f < 2 && minutes % 10 != 0) {
            f = 2;
        }
        return new Timecode(hours, minutes, seconds, f, rate);
    }

    /** Real seconds from 00:00:00:00 at {@code rate}, the same scale as {@link Timecode#toSeconds()}. */
    public double secondsAt(FrameRate rate) {
        return at(rate).toSeconds();
    }

    @Override
    public String toString() {
        return String.format("%02d:%02d:%02d:%02d", hours, minutes, seconds, frames);
    }
}
