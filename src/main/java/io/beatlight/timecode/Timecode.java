package io.beatlight.timecode;

/**
 * One SMPTE timecode address {@code HH:MM:SS:FF} at a frame rate. Values are validated: hours 0..23, minutes and
 * seconds 0..59, frames below the rate's nominal fps, and no dropped frame number in drop-frame.
 */
public record Timecode(int hours, int minutes, int seconds, int frames, FrameRate rate) {
    private static final int SECONDS_PER_DAY = 24 * 3600;

    public Timecode {
        if (rate == null) {
            throw new IllegalArgumentException("frame rate missing");
        }
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59 || frames < 0
                || frames >= rate.nominalFps()) {
            throw new IllegalArgumentException(String.format("not a timecode: %02d:%02d:%02d:%02d at %s", hours,
                    minutes, seconds, frames, rate.id()));
        }
        if (rate.dropFrame() && seconds == 0 && frames < 2 && minutes % 10 != 0) {
            throw new IllegalArgumentException(String.format("%02d:%02d:%02d;%02d is dropped in 29.97 drop-frame",
                    hours, minutes, seconds, frames));
        }
    }

    /** The frame count since 00:00:00:00 (in drop-frame, the dropped numbers are not counted). */
    public long frameNumber() {
        int fps = rate.nominalFps();
        long totalMinutes = 60L * hours + minutes;
        long number = ((totalMinutes * 60) + seconds) * fps + frames;
        if (rate.dropFrame()) {
            number -= 2 * (totalMinutes - totalMinutes / 10);
        }
        return number;
    }

    /** Real seconds since 00:00:00:00 (frame number / actual fps). */
    public double toSeconds() {
        return frameNumber() / rate.actualFps();
    }

    /** The timecode of a frame number at {@code rate} (wrapping at 24 hours). */
    public static Timecode ofFrameNumber(long frameNumber, FrameRate rate) {
        int fps = rate.nominalFps();
        long perDay = Math.round(SECONDS_PER_DAY * rate.actualFps());
        long n = Math.floorMod(frameNumber, perDay);
        if (rate.dropFrame()) {
            // 17,982 frames per 10 minutes; the first minute of each ten keeps all 1,800 numbers, the others 1,798
            long tens = n / 17982;
            long rest = n % 17982;
            n += 18 * tens + (rest > 1 ? 2 * ((rest - 2) / 1798) : 0);
        }
        int frames = (int) (n % fps);
        long totalSeconds = n / fps;
        return new Timecode((int) (totalSeconds / 3600 % 24), (int) (totalSeconds / 60 % 60),
                (int) (totalSeconds % 60), frames, rate);
    }

    /** The timecode of the frame containing {@code seconds} of real time (negative times wrap from 24:00:00:00). */
    public static Timecode ofSeconds(double seconds, FrameRate rate) {
        return ofFrameNumber((long) Math.floor(seconds * rate.actualFps() + 1e-9), rate);
    }

    /** {@code HH:MM:SS:FF}, with {@code ;} before the frames in drop-frame. */
    @Override
    public String toString() {
        return String.format("%02d:%02d:%02d%s%02d", hours, minutes, seconds, rate.dropFrame() ? ";" : ":", frames);
    }
}
