package io.beatlight.song.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MP3 (MPEG-1/2/2.5 layers I–III) through JLayer's decoder, on the timebase browsers use (FFmpeg's rules, which
 * Chromium's {@code <audio>} and {@code decodeAudioData} follow):
 * <ul>
 * <li>A Xing/Info or VBRI tag frame is not audio and is not decoded.</li>
 * <li>With a LAME extension, the encoder delay plus the decoder's own delay of 529 samples (MDCT overlap and
 * polyphase synthesis; JLayer's output lines up sample for sample with FFmpeg's) are skipped at the start, and the
 * output ends at frames · samplesPerFrame − delay − padding.</li>
 * <li>Without a LAME extension nothing is trimmed. The documented defaults (LAME's 576-sample encoder delay plus
 * the 529-sample decoder delay) are deliberately not applied: Chromium keeps those samples for such files, so
 * trimming them would put our beats 24 ms ahead of what the page plays.</li>
 * </ul>
 */
final class Mp3Decoder {
    /** Decoder delay of the standard MP3 synthesis (528 + 1 samples), as FFmpeg and LAME count it. */
    static final int DECODER_DELAY = 529;
    /** A damaged file is still read (a bad frame becomes silence) until this share of frames fails. */
    private static final double MAX_BAD_SHARE = 0.1;

    private Mp3Decoder() {
    }

    static void decode(Path file, MonoSink sink) throws IOException {
        Mp3InfoTag tag = firstTag(file);
        Gapless gapless = Gapless.of(tag);
        MonoSink trimmed = new Trim(sink, gapless.skip(), gapless.length());
        trimmed.begin(tag.first().sampleRate(), gapless.decodedSamples());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (tag.tagEnd() > 0) {
                in.skipNBytes(tag.tagEnd()); // JLayer would decode the tag frame as a frame of silence
            }
            decodeFrames(new Bitstream(in), tag.first(), trimmed);
        }
    }

    private static void decodeFrames(Bitstream stream, Mp3FrameHeader format, MonoSink sink) throws IOException {
        Decoder decoder = new Decoder();
        float[] mono = new float[format.samplesPerFrame()];
        int frames = 0;
        int bad = 0;
        while (true) {
            Header header;
            try {
                header = stream.readFrame();
            } catch (BitstreamException | RuntimeException e) {
                if (frames == 0) {
                    throw new IOException("unreadable MPEG audio (" + e.getMessage() + ")", e);
                }
                break; // a cut-off or damaged tail ends the song, as in a browser
            }
            if (header == null) {
                break;
            }
            frames++;
            int n;
            try {
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, stream);
                n = downmix(out, mono);
            } catch (Exception e) {
                // a frame that cannot be decoded keeps its place in time as silence; the decoder starts afresh
                bad++;
                if (bad > 8 && bad > frames * MAX_BAD_SHARE) {
                    throw new IOException("the MP3 is corrupt (" + bad + " of " + frames + " frames unreadable)", e);
                }
                decoder = new Decoder();
                n = format.samplesPerFrame();
                Arrays.fill(mono, 0, Math.min(n, mono.length), 0f);
            } finally {
                stream.closeFrame();
            }
            sink.accept(mono, Math.min(n, mono.length));
        }
        if (frames == 0) {
            throw new IOException("no MPEG audio frame could be decoded");
        }
    }

    private static int downmix(SampleBuffer out, float[] mono) {
        int channels = out.getChannelCount();
        short[] pcm = out.getBuffer();
        int n = Math.min(mono.length, out.getBufferLength() / channels);
        float scale = 1f / (32768f * channels);
        if (channels == 2) {
            for (int i = 0; i < n; i++) {
                mono[i] = (pcm[2 * i] + pcm[2 * i + 1]) * scale;
            }
        } else {
            for (int i = 0; i < n; i++) {
                int s = 0;
                for (int c = 0; c < channels; c++) {
                    s += pcm[i * channels + c];
                }
                mono[i] = s * scale;
            }
        }
        return n;
    }

    /**
     * The rate and the number of samples a browser plays: from the tag alone when it counts frames, else by reading
     * (not decoding) every frame.
     */
    static AudioInfo probe(Path file) throws IOException {
        Mp3InfoTag tag = firstTag(file);
        return new AudioInfo(tag.first().sampleRate(), length(file, tag));
    }

    private static Mp3InfoTag firstTag(Path file) throws IOException {
        Mp3InfoTag tag = Mp3InfoTag.read(file);
        if (tag == null) {
            throw new IOException("no MPEG audio frame found");
        }
        return tag;
    }

    private static long length(Path file, Mp3InfoTag tag) throws IOException {
        Gapless gapless = Gapless.of(tag);
        if (gapless.length() >= 0) {
            return gapless.length();
        }
        if (!tag.lame() && tag.frames() > 0) {
            return tag.frames() * tag.first().samplesPerFrame();
        }
        long decoded = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (tag.tagEnd() > 0) {
                in.skipNBytes(tag.tagEnd());
            }
            Bitstream stream = new Bitstream(in);
            try {
                Header header;
                while ((header = stream.readFrame()) != null) {
                    decoded += samplesPerFrame(header);
                    stream.closeFrame();
                }
            } catch (BitstreamException | RuntimeException e) {
                // the damaged tail is not played either
            }
        }
        return Math.max(0, decoded - gapless.skip());
    }

    private static int samplesPerFrame(Header header) {
        return header.layer() == 1 ? 384 : header.layer() == 2 || header.version() == Header.MPEG1 ? 1152 : 576;
    }

    /**
     * What a gapless player trims: {@code skip} samples at the start, and {@code length} samples kept (−1: all);
     * {@code decodedSamples} is the decoder's output before trimming when the tag counts frames (else −1).
     */
    record Gapless(long skip, long length, long decodedSamples) {
        static Gapless of(Mp3InfoTag tag) {
            long decoded = tag.frames() > 0 ? tag.frames() * tag.first().samplesPerFrame() : -1;
            if (!tag.lame()) {
                return new Gapless(0, -1, decoded);
            }
            long skip = tag.encoderDelay() + DECODER_DELAY;
            if (decoded < 0) {
                return new Gapless(skip, -1, -1);
            }
            // FFmpeg ends at decoded − padding + 529 in decoder samples, but never past the decoded end
            long end = Math.min(decoded, decoded - tag.padding() + DECODER_DELAY);
            return new Gapless(skip, Math.max(0, end - skip), decoded);
        }
    }
}
