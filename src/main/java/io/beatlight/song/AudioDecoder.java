package io.beatlight.song;

import io.beatlight.song.audio.AudioFiles;
import io.beatlight.song.audio.AudioInfo;
import io.beatlight.song.audio.NativeBuffer;
import io.beatlight.song.audio.Resampler;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes a song (MP3, WAV, Ogg Vorbis, FLAC) to mono floats at a fixed analysis rate, on the timebase of the
 * browser playing the same file (MP3 encoder and decoder delay trimmed as gapless players do; see
 * {@link io.beatlight.song.audio.AudioFiles}). A file that is not audio, or is corrupt, is an IOException with a
 * clear message.
 */
public final class AudioDecoder {
    public static final int ANALYSIS_RATE = 22050;

    private AudioDecoder() {
    }

    /** Mono samples in [-1, 1] at {@link #ANALYSIS_RATE}; sample i plays at i / ANALYSIS_RATE seconds. */
    public static float[] decodeMono(Path file) throws IOException {
        Resampler resampler = new Resampler(ANALYSIS_RATE);
        AudioFiles.decode(file, resampler);
        float[] samples = resampler.finish();
        if (samples.length == 0) {
            throw new IOException(file.getFileName() + ": no audio could be decoded");
        }
        return samples;
    }

    /** Mono samples at the file's own rate, exactly as many as the browser plays. */
    public static NativeAudio decodeNative(Path file) throws IOException {
        NativeBuffer buffer = new NativeBuffer();
        AudioFiles.decode(file, buffer);
        return new NativeAudio(buffer.samples(), buffer.sampleRate());
    }

    /** Mono samples at their own rate. */
    public record NativeAudio(float[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    /**
     * The playing time from the file's headers, equal to what {@link #decodeMono} decodes (to the sample at the
     * file's rate): exact for WAV, FLAC, Ogg Vorbis and tagged MP3s; an MP3 without a Xing/LAME tag has its frames
     * counted. NaN when the headers do not tell.
     */
    public static double lengthSeconds(Path file) throws IOException {
        AudioInfo info = AudioFiles.probe(file);
        return info.seconds();
    }
}
