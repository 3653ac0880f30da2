package io.beatlight.song.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt FLAC files found by AudioDecoderFuzzTest end in a clear error: a metadata block that claims more bytes than
 * the file or its block holds is refused before jFLAC allocates what it claims (a 1 kB file whose Vorbis comment
 * claimed gigabytes ran out of heap), a frame jFLAC retries forever ends the decode, and a stream length the file
 * cannot hold is not passed on.
 */
class HostileFlacTest {
    @TempDir
    Path dir;

    private static final MonoSink IGNORE = new MonoSink() {
        @Override
        public void begin(int sampleRate, long expectedSamples) {
        }

        @Override
        public void accept(float[] samples, int count) {
        }
    };

    private static byte[] tone() throws IOException {
        return input("tone.flac");
    }

    private static byte[] input(String name) throws IOException {
        try (InputStream in = HostileFlacTest.class.getResourceAsStream(
                "/io/beatlight/fuzz/AudioDecoderFuzzTestInputs/decode/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The tone with a Vorbis comment block (the last block) inserted after STREAMINFO. */
    private static byte[] withComment(byte[] comment) throws IOException {
        byte[] flac = tone();
        int afterStreamInfo = 4 + 4 + 34;
        flac[4] &= 0x7F; // STREAMINFO is no longer the last block
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flac, 0, afterStreamInfo);
        out.write(0x80 | 4);
        out.write(comment.length >> 16);
        out.write(comment.length >> 8);
        out.write(comment.length);
        out.write(comment);
        out.write(flac, afterStreamInfo, flac.length - afterStreamInfo);
        return out.toByteArray();
    }

    private static byte[] comment(int vendorLength, byte[] vendor, int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + vendor.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(vendorLength).put(vendor).putInt(count);
        return b.array();
    }

    @Test
    void aVorbisCommentClaimingMoreThanItsBlockIsRefused() throws Exception {
        Path file = dir.resolve("huge-comment.flac");
        Files.write(file, withComment(comment(Integer.MAX_VALUE, "ref".getBytes(), 0)));
        assertThatThrownBy(() -> AudioFiles.decode(file, IGNORE)).isInstanceOf(IOException.class)
                .hasMessageContaining("huge-comment.flac").hasMessageContaining("vendor string claims 2147483647");
    }

    @Test
    void aCommentCountBeyondTheBlockIsRefused() throws Exception {
        Path file = dir.resolve("many-comments.flac");
        Files.write(file, withComment(comment(3, "ref".getBytes(), 1_000_000_000)));
        assertThatThrownBy(() -> AudioFiles.decode(file, IGNORE)).isInstanceOf(IOException.class)
                .hasMessageContaining("comment count claims 1000000000");
    }

    @Test
    void aBlockLongerThanTheFileIsRefused() throws Exception {
        byte[] flac = withComment(comment(3, "ref".getBytes(), 0));
        Path file = dir.resolve("cut.flac");
        Files.write(file, Arrays.copyOf(flac, 4 + 4 + 34 + 6));
        assertThatThrownBy(() -> AudioFiles.decode(file, IGNORE)).isInstanceOf(IOException.class)
                .hasMessageContaining("metadata block 1 claims 11 bytes");
    }

    @Test
    void aWellFormedCommentStillDecodes() throws Exception {
        Path file = dir.resolve("tagged.flac");
        Files.write(file, withComment(comment(3, "ref".getBytes(), 0)));
        long[] samples = {0};
        AudioFiles.decode(file, new MonoSink() {
            @Override
            public void begin(int sampleRate, long expectedSamples) {
                assertThat(sampleRate).isEqualTo(8000);
            }

            @Override
            public void accept(float[] s, int count) {
                samples[0] += count;
            }
        });
        assertThat(samples[0]).isEqualTo(1200);
    }

    @Test
    @Timeout(20)
    void aFrameJflacWouldRetryForeverEndsTheDecode() throws Exception {
        Path file = dir.resolve("stuck.flac");
        Files.write(file, input("flac-bad-frame-retried-forever"));
        assertThatThrownBy(() -> AudioFiles.decode(file, IGNORE)).isInstanceOf(IOException.class)
                .hasMessageContaining("stuck.flac").hasMessageContaining("cannot get past it");
    }

    @Test
    @Timeout(20)
    void aHeaderClaimingMoreSamplesThanTheFileCanHoldIsNotBelieved() throws Exception {
        // 1.8 kB whose STREAMINFO claims 42,949,674,160 samples: sinks sized their buffers by it, and the decode padded
        // silence up to it
        Path file = dir.resolve("claims.flac");
        Files.write(file, input("flac-header-claims-billions-of-samples"));
        long[] expected = {0};
        NativeBuffer samples = new NativeBuffer();
        AudioFiles.decode(file, new MonoSink() {
            @Override
            public void begin(int sampleRate, long expectedSamples) {
                expected[0] = expectedSamples;
                samples.begin(sampleRate, expectedSamples);
            }

            @Override
            public void accept(float[] s, int count) {
                samples.accept(s, count);
            }
        });
        assertThat(expected[0]).isEqualTo(-1);
        assertThat(samples.samples()).hasSize(1200);
    }
}
