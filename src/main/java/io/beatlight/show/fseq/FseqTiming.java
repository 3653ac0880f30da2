package io.beatlight.show.fseq;

import io.beatlight.playback.FrameTimeline;

/**
 * Which canvas frame each {@code .fseq} frame holds. The format counts time in whole-millisecond steps, and the canvas
 * runs at 60 FPS, which no whole number of milliseconds gives; so the export resamples by time: frame {@code n} plays
 * at {@code n × step} ms and holds the canvas frame for that song time ({@link FrameTimeline#frameIndexAt}, the
 * playback's own rounding). No error accumulates, whatever the step: at 16 or 17 ms some canvas frames are skipped or
 * shown twice instead (copying the 60 FPS frames one to one at 17 ms would run 2 % slow, 7 s late after six minutes).
 * The frames cover the song: {@code ceil(length / step)} of them, so the last one ends at most one step past its end.
 */
public final class FseqTiming {
    /** Shortest step accepted: 100 FPS, well above the 60 FPS canvas. */
    public static final int MIN_STEP_MS = 10;
    /** Longest step the header's one byte holds. */
    public static final int MAX_STEP_MS = 255;
    /** 50 FPS: the nearest whole-millisecond rate to the canvas that is a whole number of frames per second. */
    public static final int DEFAULT_STEP_MS = 20;

    private final FrameTimeline canvas;
    private final int stepMs;
    private final int frames;
    private final double songLengthSeconds;
    private final int[] canvasFrames;

    private FseqTiming(FrameTimeline canvas, int stepMs, double songLengthSeconds) {
        this.canvas = canvas;
        this.stepMs = stepMs;
        this.songLengthSeconds = Math.max(0, songLengthSeconds);
        long lengthMicros = Math.round(this.songLengthSeconds * 1_000_000);
        this.frames = (int) Math.max(1, (lengthMicros + stepMs * 1000L - 1) / (stepMs * 1000L));
        this.canvasFrames = new int[frames];
        for (int n = 0; n < frames; n++) {
            canvasFrames[n] = canvas.frameIndexAt(timeSeconds(n));
        }
    }

    /** The frames of a {@code stepMs} export of a song of {@code songLengthSeconds} rendered into {@code canvas}. */
    public static FseqTiming of(FrameTimeline canvas, double songLengthSeconds, int stepMs) {
        if (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS) {
            throw new IllegalArgumentException("step must be " + MIN_STEP_MS + ".." + MAX_STEP_MS + " ms: " + stepMs);
        }
        return new FseqTiming(canvas, stepMs, songLengthSeconds);
    }

    public int stepMs() {
        return stepMs;
    }

    public double fps() {
        return 1000.0 / stepMs;
    }

    public int frameCount() {
        return frames;
    }

    /** Song time of frame {@code n}: exactly {@code n × step} ms. */
    public double timeSeconds(int n) {
        return (long) n * stepMs / 1000.0;
    }

    /** The canvas frame that frame {@code n} holds. */
    public int canvasFrame(int n) {
        return canvasFrames[n];
    }

    public double songLengthSeconds() {
        return songLengthSeconds;
    }

    /** How long the file plays: frames × step. */
    public double coveredSeconds() {
        return (long) frames * stepMs / 1000.0;
    }

    /** How far the file's end lies past the song's end (0 up to one step); nothing accumulates before it. */
    public double endDriftMs() {
        return (long) frames * stepMs - songLengthSeconds * 1000;
    }

    /** The largest distance between a frame's time and that of the canvas frame it holds (≤ half a canvas frame). */
    public double maxOffsetMs() {
        double max = 0;
        for (int n = 0; n < frames; n++) {
            max = Math.max(max, Math.abs(canvasFrames[n] * 1000.0 / canvas.fps() - (long) n * stepMs));
        }
        return max;
    }

    /** Canvas frames between the first and the last one used that no frame holds (a step longer than 1/60 s). */
    public int canvasFramesSkipped() {
        int skipped = 0;
        for (int n = 1; n < frames; n++) {
            skipped += Math.max(0, canvasFrames[n] - canvasFrames[n - 1] - 1);
        }
        return skipped;
    }

    /** Frames holding the same canvas frame as the frame before them (a step shorter than 1/60 s). */
    public int canvasFramesRepeated() {
        int repeated = 0;
        for (int n = 1; n < frames; n++) {
            repeated += canvasFrames[n] == canvasFrames[n - 1] ? 1 : 0;
        }
        return repeated;
    }
}
