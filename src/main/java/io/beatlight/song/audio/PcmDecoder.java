package io.beatlight.song.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioFormat.Encoding;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** WAV (and AIFF, AU) through Java Sound, read in chunks: integer PCM of any width, or 32/64-bit float. */
final class PcmDecoder {
    private static final int CHUNK_FRAMES = 8192;

    private PcmDecoder() {
    }

    static void decode(Path file, MonoSink sink) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(file.toFile());
             AudioInputStream pcm = readable(source)) {
            AudioFormat format = pcm.getFormat();
            int channels = format.getChannels();
            int bytes = format.getSampleSizeInBits() / 8;
            int frameBytes = channels * bytes;
            long frames = pcm.getFrameLength();
            sink.begin(Math.round(format.getSampleRate()), frames == AudioSystem.NOT_SPECIFIED ? -1 : frames);
            byte[] buffer = new byte[CHUNK_FRAMES * frameBytes];
            float[] mono = new float[CHUNK_FRAMES];
            SampleReader reader = SampleReader.of(format);
            int carry = 0;
            long total = 0;
            while (true) {
                int n = pcm.read(buffer, carry, buffer.length - carry);
                if (n <= 0) {
                    break; // a trailing partial frame is dropped
                }
                int available = carry + n;
                int whole = available / frameBytes;
                for (int i = 0; i < whole; i++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += reader.read(buffer, (i * channels + c) * bytes);
                    }
                    mono[i] = sum / channels;
                }
                sink.accept(mono, whole);
                total += whole;
                carry = available - whole * frameBytes;
                System.arraycopy(buffer, whole * frameBytes, buffer, 0, carry);
            }
            if (total == 0) {
                throw new IOException("no audio could be decoded");
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a supported audio file (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("the audio is corrupt or truncated (" + e + ")", e);
        }
    }

    static AudioInfo probe(Path file) throws IOException {
        try {
            var format = AudioSystem.getAudioFileFormat(file.toFile());
            long frames = format.getFrameLength();
            return new AudioInfo(Math.round(format.getFormat().getSampleRate()),
                    frames == AudioSystem.NOT_SPECIFIED ? -1 : frames);
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a supported audio file (" + e.getMessage() + ")", e);
        }
    }

    /** The stream itself when its samples can be read directly, else a conversion to 16-bit signed PCM. */
    private static AudioInputStream readable(AudioInputStream source) throws IOException {
        AudioFormat in = source.getFormat();
        if (SampleReader.of(in) != null) {
            return source;
        }
        float rate = in.getSampleRate();
        int channels = Math.max(1, in.getChannels());
        AudioFormat pcm16 = new AudioFormat(Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate, false);
        try {
            return AudioSystem.getAudioInputStream(pcm16, source);
        } catch (IllegalArgumentException e) {
            throw new IOException("unsupported sample format " + in, e);
        }
    }

    /** Reads one sample as a float in [-1, 1]. */
    private interface SampleReader {
        float read(byte[] b, int at);

        static SampleReader of(AudioFormat f) {
            int bits = f.getSampleSizeInBits();
            boolean big = f.isBigEndian();
            if (f.getChannels() <= 0 || bits % 8 != 0) {
                return null;
            }
            if (f.getEncoding() == Encoding.PCM_SIGNED && bits >= 8 && bits <= 32) {
                int bytes = bits / 8;
                float scale = (float) (1.0 / (1L << (bits - 1)));
                return (b, at) -> {
                    int v = 0;
                    for (int k = 0; k < bytes; k++) {
                        int octet = b[at + (big ? k : bytes - 1 - k)] & 0xFF;
                        v = (v << 8) | octet;
                    }
                    v = (v << (32 - bits)) >> (32 - bits); // sign-extend
                    return v * scale;
                };
            }
            if (f.getEncoding() == Encoding.PCM_UNSIGNED && bits == 8) {
                return (b, at) -> ((b[at] & 0xFF) - 128) / 128f;
            }
            if (f.getEncoding() == Encoding.PCM_FLOAT && bits == 32) {
                return (b, at) -> {
                    int v = big ? ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                            | (b[at + 3] & 0xFF) : ((b[at + 3] & 0xFF) << 24) | ((b[at + 2] & 0xFF) << 16)
                            | ((b[at + 1] & 0xFF) << 8) | (b[at] & 0xFF);
                    return Float.intBitsToFloat(v);
                };
            }
            return null;
        }
    }
}
