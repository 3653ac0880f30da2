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

    /** Decodes the whole file into {@code sink}; an unreadable file is an IOException naming the file. */
    public static void decode(Path file, MonoSink sink) throws IOException {
        try {
            switch (codec(file)) {
                case FLAC -> FlacDecoder.decode(file, sink);
                case VORBIS -> VorbisDecoder.decode(file, sink);
                case PCM -> PcmDecoder.decode(file, sink);
                case MP3 -> Mp3Decoder.decode(file, sink);
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
