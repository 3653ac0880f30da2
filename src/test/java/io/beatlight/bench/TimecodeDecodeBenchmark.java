package io.beatlight.bench;

import io.beatlight.timecode.FrameRate;
import io.beatlight.timecode.LtcDecoder;
import io.beatlight.timecode.LtcEncoder;
import io.beatlight.timecode.LtcFrame;
import io.beatlight.timecode.LtcSource;
import io.beatlight.timecode.MtcDecoder;
import io.beatlight.timecode.MtcTestSignal;
import io.beatlight.timecode.RealTimeAudioStream;
import io.beatlight.timecode.Timecode;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/**
 * Timecode input figures: LTC decode throughput (seconds of audio per CPU second of the decoding thread), LTC lock
 * time from the first sample at random phases, MTC lock time in frames from the first quarter frame, and the error
 * of the reported instant against the ideal frame boundary for LTC read in real time from a line stand-in and for
 * MTC sent in real time by a thread through the decoder. {@code bench/run TimecodeDecodeBenchmark [seconds]}
 * (seconds of real-time input for the last two, default 5).
 */
public final class TimecodeDecodeBenchmark {
    private TimecodeDecodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        throughput(44100);
        throughput(48000);
        ltcLock();
        mtcLock();
        ltcRealTime(seconds);
        mtcRealTime(seconds);
    }

    private static String frames(List<Double> values) {
        Stats s = new Stats(values);
        return String.format("min %.2f, p50 %.2f, mean %.2f, max %.2f (n=%d)", s.min(), s.percentile(50), s.mean(),
                s.max(), s.count());
    }

    private static float[] noisy(float[] clean, double noise, long seed) {
        Random random = new Random(seed);
        float[] x = clean.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (x[i] + noise * random.nextGaussian());
        }
        return x;
    }

    private static void throughput(int sampleRate) {
        FrameRate rate = FrameRate.FPS_30;
        LtcEncoder.Signal signal = new LtcEncoder(sampleRate, rate, 1.0).encode(new Timecode(1, 0, 0, 0, rate), 1800,
                0, 0.5, true);
        float[] x = noisy(signal.samples(), 0.02, 1);
        double audioSeconds = x.length / (double) sampleRate;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long frames = 0;
        double best = 0;
        for (int round = 0; round < 5; round++) {
            LtcDecoder decoder = new LtcDecoder(sampleRate, f -> { });
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < x.length; i += 480) {
                decoder.process(x, i, Math.min(480, x.length - i));
            }
            double used = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            best = Math.max(best, audioSeconds / used);
            frames = decoder.frames();
        }
        System.out.printf("LTC decode, %d Hz, 30 fps, %.0f s with noise at -28 dB: %.0f s of audio per CPU second"
                + " (best of 5 rounds), %d of %d frames (the first has no opening transition)%n", sampleRate, audioSeconds, best, frames, signal.codes().size());
    }

    private static void ltcLock() {
        Random random = new Random(2);
        for (FrameRate rate : new FrameRate[] {FrameRate.FPS_24, FrameRate.FPS_30}) {
            int sampleRate = 48000;
            LtcEncoder.Signal signal = new LtcEncoder(sampleRate, rate, 1.0).encode(new Timecode(0, 0, 1, 0, rate),
                    10, 0, 0.5, true);
            List<Double> locks = new ArrayList<>();
            for (int trial = 0; trial < 200; trial++) {
                int from = (int) (random.nextDouble() * 2 * signal.samplesPerFrame());
                float[] x = noisy(Arrays.copyOfRange(signal.samples(), from, signal.samples().length), 0.02, trial);
                List<LtcFrame> frames = new ArrayList<>();
                LtcDecoder decoder = new LtcDecoder(sampleRate, frames::add);
                decoder.process(x, 0, x.length);
                locks.add(frames.isEmpty() ? Double.NaN : frames.get(0).endSample() / signal.samplesPerFrame());
            }
            System.out.printf("LTC lock from the first sample at a random phase, %s fps, in frames: %s%n", rate.id(),
                    frames(locks));
        }
    }

    private static void mtcLock() {
        Random random = new Random(3);
        FrameRate rate = FrameRate.FPS_25;
        double frame = 1e9 / rate.actualFps();
        List<Double> locks = new ArrayList<>();
        for (int trial = 0; trial < 200; trial++) {
            long[] clock = {0};
            List<Long> reports = new ArrayList<>();
            MtcDecoder decoder = new MtcDecoder((tc, at) -> reports.add(at), () -> clock[0]);
            int startPiece = random.nextInt(8);
            double first = Double.NaN;
            for (int c = 0; c < 4 && reports.isEmpty(); c++) {
                Timecode tc = Timecode.ofFrameNumber(1000 + 2L * c, rate);
                for (int k = c == 0 ? startPiece : 0; k < 8 && reports.isEmpty(); k++) {
                    clock[0] = Math.round((2 * c + k / 4.0) * frame);
                    first = Double.isNaN(first) ? clock[0] : first;
                    decoder.send(MtcTestSignal.quarterFrame(tc, k), -1);
                    if (!reports.isEmpty()) {
                        locks.add((clock[0] - first) / frame);
                    }
                }
            }
        }
        System.out.printf("MTC lock from the first quarter frame at a random piece, in frames: %s%n",
                frames(locks));
    }

    private static byte[] pcm16(float[] x) {
        byte[] out = new byte[x.length * 2];
        for (int i = 0; i < x.length; i++) {
            int q = Math.round(Math.max(-1, Math.min(1, x[i])) * 32767);
            out[2 * i] = (byte) q;
            out[2 * i + 1] = (byte) (q >> 8);
        }
        return out;
    }

    private static void ltcRealTime(double seconds) throws Exception {
        int sampleRate = 48000;
        FrameRate rate = FrameRate.FPS_25;
        int count = (int) (seconds * 25);
        LtcEncoder.Signal signal = new LtcEncoder(sampleRate, rate, 1.0).encode(new Timecode(1, 0, 0, 0, rate), count,
                0, 0.5, true);
        RealTimeAudioStream paced = new RealTimeAudioStream(
                new ByteArrayInputStream(pcm16(noisy(signal.samples(), 0.02, 4))), 2, sampleRate);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        List<long[]> got = new CopyOnWriteArrayList<>();
        LtcSource source = new LtcSource("line stand-in",
                () -> new AudioInputStream(paced, format, signal.samples().length), null);
        source.start((tc, at) -> got.add(new long[] {tc.frameNumber(), at}));
        while (source.running()) {
            Thread.sleep(20);
        }
        source.close();
        long first = signal.codes().get(0).frameNumber();
        List<Double> errors = new ArrayList<>();
        for (long[] g : got) {
            double ideal = paced.startNanos() + signal.frameStart((int) (g[0] - first)) / sampleRate * 1e9;
            errors.add((g[1] - ideal) / 1e6);
        }
        System.out.printf("LTC in real time (25 fps, 48 kHz, 5 ms reads), reported instant minus ideal boundary: %s"
                + " ms; lock %.1f ms after the first sample; %d of %d frames%n",
                new Stats(errors).summary(""), got.isEmpty() ? Double.NaN : (got.get(0)[1] - paced.startNanos()) / 1e6,
                got.size(), count);
    }

    private static void mtcRealTime(double seconds) {
        FrameRate rate = FrameRate.FPS_30;
        double frame = 1e9 / rate.actualFps();
        List<long[]> got = new ArrayList<>();
        MtcDecoder decoder = new MtcDecoder((tc, at) -> got.add(new long[] {tc.frameNumber(), at}));
        int cycles = (int) (seconds * rate.actualFps() / 2);
        long start = System.nanoTime() + 10_000_000L;
        for (int c = 0; c < cycles; c++) {
            Timecode tc = Timecode.ofFrameNumber(2L * c, rate);
            for (int k = 0; k < 8; k++) {
                long due = start + Math.round((2 * c + k / 4.0) * frame);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                decoder.send(MtcTestSignal.quarterFrame(tc, k), -1);
            }
        }
        List<Double> errors = new ArrayList<>();
        for (long[] g : got) {
            errors.add((g[1] - (start + g[0] * frame)) / 1e6);
        }
        System.out.printf("MTC in real time (30 fps, a thread sending each quarter frame when due), reported instant"
                + " minus ideal boundary: %s ms (includes the sender's wake-up delay)%n", new Stats(errors).summary(""));
    }
}
