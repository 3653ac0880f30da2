package io.beatlight.song.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes any song file the library lists (MP3, WAV, Ogg Vorbis, FLAC; the format is told by the file's first
 * bytes, not its name) into mono samples on the browser's timebase: sample 0 is what the page's
 * {@code <audio>} element plays at 0 s, and the sample count is its duration. Everything is streamed into the sink:
 * no whole-file PCM buffer is held.
 */
public final class AudioFiles {
    private AudioFiles() {
    }

    enum Codec { MP3, FLAC, VORBIS, PCM }

    /**
     * The most samples one byte of any supported codec can hold: a FLAC frame of constant subframes codes up to 65535
     * samples in about 12 bytes. A header claiming more than this per byte of the file is not believed.
     */
    static final long MAX_SAMPLES_PER_BYTE = 5462;

    /**
     * The most samples a byte of this codec can hold, with a margin: MP3's densest frame (MPEG-2.5 layer III, 8 kbit/s
     * at 8 kHz) is 576 samples in 72 bytes, PCM needs at least a byte per sample frame; FLAC and Vorbis (near-silent
     * packets are tiny) get the general bound. A bogus length in a header then never sizes a buffer of gigabytes.
     */
    static long maxSamplesPerByte(Codec codec) {
        return switch (codec) {
            case MP3 -> 16;
            case PCM -> 2;
            case FLAC, VORBIS -> MAX_SAMPLES_PER_BYTE;
        };
    }

    /** Decodes the whole file into {@code sink}; an unreadable file is an IOException naming the file. */
    public static void decode(Path file, MonoSink sink) throws IOException {
        try {
            Codec codec = codec(file);
            MonoSink checked = plausibleLength(file, codec, sink);
            switch (codec) {
                case FLAC -> FlacDecoder.decode(file, checked);
                case VORBIS -> VorbisDecoder.decode(file, checked);
                case PCM -> PcmDecoder.decode(file, checked);
                case MP3 -> Mp3Decoder.decode(file, checked);
            }
        } catch (IOException e) {
            throw named(file, e);
        } catch (RuntimeException e) {
            throw new IOException(file.getFileName() + ": the audio is corrupt (" + e + ")", e);
        }
    }

    /** The rate and exact length from the headers (no decoding; an MP3 without a frame-counting tag is scanned). */
    public static AudioInfo probe(Path file) throws IOException {
        try {
            return switch (codec(file)) {
                case FLAC -> FlacDecoder.probe(file);
                case VORBIS -> VorbisDecoder.probe(file);
                case PCM -> PcmDecoder.probe(file);
                case MP3 -> Mp3Decoder.probe(file);
            };
        } catch (IOException e) {
            throw named(file, e);
        } catch (RuntimeException e) {
            throw new IOException(file.getFileName() + ": the audio header is corrupt (" + e + ")", e);
        }
    }

    /** {@code claimed} samples, or -1 (unknown) when the file is too small to hold them. */
    static long plausibleSamples(Path file, long claimed) throws IOException {
        return claimed > Files.size(file) * MAX_SAMPLES_PER_BYTE ? -1 : claimed;
    }

    /**
     * Passes a header's sample count on only when the file could hold it: sinks size their buffers by it, and a few
     * corrupt bytes can claim billions of samples.
     */
    private static MonoSink plausibleLength(Path file, Codec codec, MonoSink sink) throws IOException {
        long bound = Files.size(file) * maxSamplesPerByte(codec);
        return new MonoSink() {
            @Override
            public void begin(int sampleRate, long expectedSamples) {
                sink.begin(sampleRate, expectedSamples > bound ? -1 : expectedSamples);
            }

            @Override
            public void accept(float[] samples, int count) {
                sink.accept(samples, count);
            }
        };
    }

    static Codec codec(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(12);
        }
        if (start.length == 0) {
            throw new IOException("the file is empty");
        }
        if (starts(start, "fLaC")) {
            return Codec.FLAC;
        }
        if (starts(start, "OggS")) {
            return Codec.VORBIS;
        }
        if (starts(start, "RIFF") || starts(start, "RIFX") || starts(start, "FORM") || starts(start, ".snd")) {
            return Codec.PCM;
        }
        if (starts(start, "ID3") && flacAfterId3(file)) {
            return Codec.FLAC;
        }
        return Codec.MP3;
    }

    private static boolean flacAfterId3(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Mp3InfoTag.skipId3v2(in);
            return starts(in.readNBytes(4), "fLaC");
        } catch (EOFException e) {
            return false;
        }
    }

    private static boolean starts(byte[] b, String magic) {
        return b.length >= magic.length() && Arrays.equals(Arrays.copyOf(b, magic.length()),
                magic.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static IOException named(Path file, IOException e) {
        String name = file.getFileName().toString();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.startsWith(name) ? e : new IOException(name + ": " + message, e);
    }
}
