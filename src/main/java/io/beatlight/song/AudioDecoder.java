package io.beatlight.song;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Decodes a song to mono floats at a fixed analysis rate: WAV through Java Sound, MP3 through the mp3spi decoder
 * (registered with Java Sound). A file that is not audio, or is cut short, is an IOException with a clear message.
 */
public final class AudioDecoder {
    public static final int ANALYSIS_RATE = 22050;

    private AudioDecoder() {
    }

    /** Mono samples in [-1, 1] at {@link #ANALYSIS_RATE}. */
    public static float[] decodeMono(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             AudioInputStream source = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat in = source.getFormat();
            float rate = in.getSampleRate() > 0 ? in.getSampleRate() : 44100;
            int channels = Math.max(1, in.getChannels());
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate,
                    false);
            try (AudioInputStream decoded = AudioSystem.getAudioInputStream(pcm, source)) {
                byte[] bytes = decoded.readAllBytes();
                int frames = bytes.length / (2 * channels);
                if (frames == 0) {
                    throw new IOException(file.getFileName() + ": no audio could be decoded");
                }
                float[] mono = new float[frames];
                for (int i = 0; i < frames; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        int at = (i * channels + c) * 2;
                        sum += (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
                    }
                    mono[i] = sum / (32768f * channels);
                }
                return resample(mono, rate, ANALYSIS_RATE);
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(file.getFileName() + ": not a supported audio file (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException(file.getFileName() + ": the audio is corrupt or truncated (" + e + ")", e);
        }
    }

    /** Linear-interpolation resampling, after a box low-pass when shrinking (enough for onset analysis). */
    static float[] resample(float[] in, float from, int to) {
        if (Math.abs(from - to) < 1e-3) {
            return in;
        }
        double ratio = from / to;
        float[] source = in;
        if (ratio > 1.5) {
            int width = (int) Math.round(ratio);
            source = new float[in.length];
            double acc = 0;
            for (int i = 0; i < in.length; i++) {
                acc += in[i];
                if (i >= width) {
                    acc -= in[i - width];
                }
                source[i] = (float) (acc / Math.min(i + 1, width));
            }
        }
        int n = (int) (in.length / ratio);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double x = i * ratio;
            int k = (int) x;
            double f = x - k;
            float a = source[Math.min(k, source.length - 1)];
            float b = source[Math.min(k + 1, source.length - 1)];
            out[i] = (float) (a + (b - a) * f);
        }
        return out;
    }
}
