package io.beatlight.song.audio;

/** A file's sample rate and the number of (mono) samples it plays, or -1 when its headers do not tell. */
public record AudioInfo(int sampleRate, long samples) {
    /** The playing time in seconds, or NaN when unknown. */
    public double seconds() {
        return samples < 0 || sampleRate <= 0 ? Double.NaN : samples / (double) sampleRate;
    }
}
