package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LtcSourceTest {
    @TempDir
    Path dir;

    /** Interleaved signed little-endian PCM of {@code bits} bits; channel 0 the LTC, the others quiet hum. */
    static byte[] pcm(float[] ltc, int channels, int bits) {
        int bytes = bits / 8;
        byte[] out = new byte[ltc.length * channels * bytes];
        int at = 0;
        for (int i = 0; i < ltc.length; i++) {
            for (int c = 0; c < channels; c++) {
                double v = c == 0 ? ltc[i] : 0.2 * Math.sin(i * 0.01 * c);
                long q = Math.round(Math.max(-1, Math.min(1, v)) * ((1L << (bits - 1)) - 1));
                for (int b = 0; b < bytes; b++) {
                    out[at++] = (byte) (q >> (8 * b));
                }
            }
        }
        return out;
    }

    static Path writeWav(Path file, float[] ltc, float sampleRate, int channels, int bits) throws IOException {
        AudioFormat format = new AudioFormat(sampleRate, bits, channels, true, false);
        byte[] data = pcm(ltc, channels, bits);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                ltc.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    @Test
    void decodesWavFilesOfEitherSampleRateAndWordLength() throws Exception {
        int[][] cases = {{44100, 1, 16}, {48000, 2, 16}, {48000, 1, 24}};
        for (int[] c : cases) {
            FrameRate rate = c[0] == 44100 ? FrameRate.FPS_2997_DF : FrameRate.FPS_24;
            LtcEncoder.Signal signal = new LtcEncoder(c[0], rate, 1.0).encode(LtcDecoderTest.startFor(rate), 40, 0,
                    0.5, true);
            Path wav = writeWav(dir.resolve("ltc-" + c[0] + "-" + c[1] + "-" + c[2] + ".wav"), signal.samples(), c[0],
                    c[1], c[2]);
            List<LtcFrame> frames = LtcSource.decodeFile(wav);
            LtcDecoderTest.assertAllDecoded(signal, frames, true, wav.getFileName().toString());
        }
    }

    @Test
    void aFileThatIsNoAudioIsAClearError() throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.wav"), "not a RIFF file");
        assertThatThrownBy(() -> LtcSource.decodeFile(junk)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an audio file");
    }

    @Test
    void anUnknownCaptureLineSaysWhichThereAre() {
        assertThatThrownBy(() -> new LtcSource("no such line 15").start((tc, at) -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("no such line 15");
    }

    private record Received(Timecode timecode, long atNanos) {
    }

    /**
     * A line stand-in: the generated audio released in real time, so the source dates samples as it would from a
     * capture line. Reports lock time and the error of each reported instant against the ideal frame boundary.
     */
    @Test
    void aLiveInputIsDatedToTheFrameBoundaryOnTheReadingThread() throws Exception {
        int sampleRate = 48000;
        FrameRate rate = FrameRate.FPS_25;
        LtcEncoder.Signal signal = new LtcEncoder(sampleRate, rate, 1.0).encode(new Timecode(1, 0, 0, 0, rate), 40,
                0, 0.5, true);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        List<RealTimeAudioStream> streams = new ArrayList<>();
        AudioInputOpener opener = () -> {
            RealTimeAudioStream paced = new RealTimeAudioStream(
                    new ByteArrayInputStream(pcm(signal.samples(), 1, 16)), 2, sampleRate);
            streams.add(paced);
            return new AudioInputStream(paced, format, signal.samples().length);
        };
        List<Received> got = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        LtcSource source = new LtcSource("test line", opener, null);
        assertThat(source.kind()).isEqualTo("ltc");
        source.start((tc, at) -> {
            got.add(new Received(tc, at));
            threads.add(Thread.currentThread().getName());
        });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (source.running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        source.close();
        assertThat(source.failure()).isNull();
        assertThat(threads).containsOnly("ltc-input");
        assertThat(got).hasSizeGreaterThanOrEqualTo(38);
        long start = streams.get(0).startNanos();
        List<Double> errorsMs = new ArrayList<>();
        for (Received r : got) {
            // the reported code's frame starts at the reported instant
            long k = r.timecode().frameNumber() - signal.codes().get(0).frameNumber();
            assertThat(k).isBetween(1L, 40L);
            assertThat(r.timecode().rate()).isEqualTo(rate);
            double ideal = start + signal.frameStart((int) k) / sampleRate * 1e9;
            errorsMs.add((r.atNanos() - ideal) / 1e6);
        }
        Collections.sort(errorsMs);
        double lockMs = (got.get(0).atNanos() - start) / 1e6;
        System.out.printf("LTC line stand-in (25 fps, 48 kHz): lock %.1f ms after the first sample (%.2f frames);"
                + " reported instant minus ideal boundary, ms: min %.2f, median %.2f, max %.2f%n", lockMs,
                lockMs / 40.0, errorsMs.get(0), errorsMs.get(errorsMs.size() / 2), errorsMs.get(errorsMs.size() - 1));
        // the instant is estimated from when reads return; on a loaded machine they may return late, never early
        assertThat(errorsMs.get(errorsMs.size() / 2)).isCloseTo(0, within(5.0));
        assertThat(errorsMs.get(0)).isGreaterThan(-2.0);
    }

    @Test
    void readsACaptureLineThroughTheSameStreamAsASoundCardAndCloseReleasesIt() throws Exception {
        int sampleRate = 44100;
        FrameRate rate = FrameRate.FPS_2997_DF;
        LtcEncoder.Signal signal = new LtcEncoder(sampleRate, rate, 1.0).encode(new Timecode(0, 9, 59, 0, rate), 300,
                0, 0.3, false);
        AudioFormat format = new AudioFormat(sampleRate, 16, 2, true, false);
        StandInCaptureLine line = new StandInCaptureLine(format, pcm(signal.samples(), 2, 16));
        List<Received> got = new CopyOnWriteArrayList<>();
        LtcSource source = new LtcSource("stand-in line", () -> {
            line.open(format, line.getBufferSize());
            line.start();
            return new AudioInputStream(line);
        }, null);
        source.start((tc, at) -> got.add(new Received(tc, at)));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        source.close();
        assertThat(line.isOpen()).isFalse();
        assertThat(source.running()).isFalse();
        assertThat(got).hasSizeGreaterThanOrEqualTo(20);
        long first = signal.codes().get(0).frameNumber();
        List<Double> errorsMs = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            Received r = got.get(i);
            assertThat(r.timecode().rate()).isEqualTo(rate);
            if (i > 0) {
                assertThat(r.timecode().frameNumber()).isEqualTo(got.get(i - 1).timecode().frameNumber() + 1);
            }
            double ideal = line.startNanos() + signal.frameStart((int) (r.timecode().frameNumber() - first))
                    / sampleRate * 1e9;
            errorsMs.add((r.atNanos() - ideal) / 1e6);
        }
        Collections.sort(errorsMs);
        assertThat(errorsMs.get(errorsMs.size() / 2)).isCloseTo(0, within(5.0));
        assertThat(errorsMs.get(0)).isGreaterThan(-2.0);
    }

    @Test
    void aLineClosedUnderTheSourceEndsItWithAReasonInsteadOfSpinning() throws Exception {
        AudioFormat format = new AudioFormat(48000, 16, 1, true, false);
        StandInCaptureLine line = new StandInCaptureLine(format, new byte[48000 * 2 * 10]);
        LtcSource source = new LtcSource("stand-in line", () -> {
            line.open(format);
            line.start();
            return new AudioInputStream(line);
        }, null);
        source.start((tc, at) -> { });
        Thread.sleep(50);
        line.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (source.running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(source.running()).isFalse();
        assertThat(source.failure()).hasMessageContaining("stopped delivering samples");
        source.close();
    }

    @Test
    void aWavFilePlaysAsASourceAndCloseStopsIt() throws Exception {
        FrameRate rate = FrameRate.FPS_30;
        LtcEncoder.Signal signal = new LtcEncoder(44100, rate, 1.0).encode(new Timecode(0, 0, 0, 0, rate), 300, 0,
                0.5, true);
        Path wav = writeWav(dir.resolve("ten-seconds.wav"), signal.samples(), 44100, 1, 16);
        List<Timecode> got = new CopyOnWriteArrayList<>();
        LtcSource source = LtcSource.file(wav);
        assertThat(source.description()).isEqualTo("LTC file ten-seconds.wav");
        source.start((tc, at) -> got.add(tc));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        source.close();
        assertThat(source.running()).isFalse();
        int seen = got.size();
        assertThat(seen).isBetween(10, 100);
        assertThat(got.get(0).frameNumber()).isBetween(1L, 3L);
        for (int i = 1; i < seen; i++) {
            assertThat(got.get(i).frameNumber()).isEqualTo(got.get(i - 1).frameNumber() + 1);
        }
        Thread.sleep(100);
        assertThat(got).hasSize(seen);
    }
}
