package io.beatlight.song.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameDecodeException;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * FLAC through jFLAC (org.jflac:jflac-codec, LGPL 2.1). FLAC is sample-exact: every frame says which sample it
 * starts at, so a frame that cannot be read becomes silence in its own place and the rest stays on time; the
 * output ends at the total the stream header gives.
 */
final class FlacDecoder {
    private static final long MAX_GAP_S = 60;

    private FlacDecoder() {
    }

    static void decode(Path file, MonoSink sink) throws IOException {
        FlacMetadataCheck.check(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            FLACDecoder decoder = new GuardedDecoder(in);
            decoder.readMetadata();
            StreamInfo info = decoder.getStreamInfo();
            if (info == null || info.getSampleRate() <= 0 || info.getChannels() <= 0) {
                throw new IOException("the FLAC stream header is missing or invalid");
            }
            // a length the file cannot hold is a corrupt header: decode what is there, without padding up to it
            long total = info.getTotalSamples() > 0 ? AudioFiles.plausibleSamples(file, info.getTotalSamples()) : -1;
            sink.begin(info.getSampleRate(), total);
            float[] mono = new float[Math.max(info.getMaxBlockSize(), 4096)];
            long written = 0;
            Frame frame;
            while ((total < 0 || written < total) && (frame = decoder.readNextFrame()) != null) {
                long start = frame.header.sampleNumber;
                if (start < written || (total < 0 && start - written > MAX_GAP_S * info.getSampleRate())) {
                    continue; // a repeated or misread frame number: never go back in time, nor leap ahead
                }
                written = silence(sink, mono, written, total < 0 ? start : Math.min(start, total));
                int n = frame.header.blockSize;
                if (total >= 0) {
                    n = (int) Math.min(n, total - written);
                }
                if (mono.length < n) {
                    mono = new float[n];
                }
                downmix(decoder.getChannelData(), frame.header.channels, frame.header.bitsPerSample, n, mono);
                sink.accept(mono, n);
                written += n;
            }
            if (written == 0) {
                throw new IOException("no FLAC frame could be decoded");
            }
            if (total >= 0 && written < total) {
                // a cut-off file: the missing tail is silence so the length stays the header's
                silence(sink, mono, written, total);
            }
        } catch (RuntimeException e) {
            throw new IOException("the FLAC is corrupt (" + e + ")", e);
        }
    }

    /**
     * jFLAC's readNextFrame retries a frame that fails to decode until one succeeds or the stream ends; on some
     * corrupt frames the retry finds the same frame again without reading further, forever. A frame that keeps
     * failing without the stream moving on ends the decode with an IOException instead.
     */
    private static final class GuardedDecoder extends FLACDecoder {
        private static final int MAX_FAILURES_IN_PLACE = 1000;
        private long failedAt = -1;
        private int failuresInPlace;

        GuardedDecoder(InputStream in) {
            super(in);
        }

        @Override
        public void readFrame() throws IOException, FrameDecodeException {
            try {
                super.readFrame();
                failuresInPlace = 0;
            } catch (FrameDecodeException e) {
                long at = getTotalBytesRead();
                failuresInPlace = at == failedAt ? failuresInPlace + 1 : 1;
                failedAt = at;
                if (failuresInPlace >= MAX_FAILURES_IN_PLACE) {
                    throw new IOException("the FLAC frame at byte " + at
                            + " is corrupt and decoding cannot get past it", e);
                }
                throw e;
            }
        }
    }

    private static long silence(MonoSink sink, float[] buffer, long from, long to) {
        Arrays.fill(buffer, 0f);
        while (from < to) {
            int n = (int) Math.min(buffer.length, to - from);
            sink.accept(buffer, n);
            from += n;
        }
        return from;
    }

    private static void downmix(ChannelData[] data, int channels, int bits, int n, float[] mono) {
        float scale = 1f / ((1 << (bits - 1)) * (float) channels);
        int[] first = data[0].getOutput();
        for (int i = 0; i < n; i++) {
            mono[i] = first[i];
        }
        for (int c = 1; c < channels; c++) {
            int[] samples = data[c].getOutput();
            for (int i = 0; i < n; i++) {
                mono[i] += samples[i];
            }
        }
        for (int i = 0; i < n; i++) {
            mono[i] *= scale;
        }
    }

    /** Rate and sample count from the stream header (count -1 when the encoder did not record it). */
    static AudioInfo probe(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 12)) {
            StreamInfo info = new FLACDecoder(in).readStreamInfo();
            return new AudioInfo(info.getSampleRate(), info.getTotalSamples() > 0 ? info.getTotalSamples() : -1);
        } catch (RuntimeException e) {
            throw new IOException("the FLAC stream header is corrupt (" + e + ")", e);
        }
    }
}
