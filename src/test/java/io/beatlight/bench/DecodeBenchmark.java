package io.beatlight.bench;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.analysis.SongAnalyzer;
import io.beatlight.song.analysis.TrackSynth;
import io.beatlight.song.audio.ClickTrack;
import io.beatlight.song.audio.Encoders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoder figures on a 4-minute synthetic song (kick on every beat, hats, a pad, loud and quiet sections) as a
 * 44.1 kHz stereo WAV and as MP3 (lame, 128 kbit/s), Ogg Vorbis (oggenc -q 4) and FLAC (flac): decode-only and full
 * {@link SongAnalyzer#analyze} speed in × real time on the calling thread, peak heap above idle while it runs and
 * the bytes that thread allocated, and each format's median offset from the WAV for kick onsets and for the beats
 * the analyser finds. {@code bench/run DecodeBenchmark}.
 */
public final class DecodeBenchmark {
    private static final int RATE = 44100;
    private static final double SECONDS = 240;

    private DecodeBenchmark() {
    }

    public static void main(String[] args) {
        printFigures();
    }

    /** Generates, encodes and measures; prints one line per format. */
    public static void printFigures() {
        try {
            Path dir = Files.createTempDirectory("beatlight-decode-bench");
            TrackSynth song = new TrackSynth(new double[] {124}, new double[] {SECONDS}, 0.2, 0, 3, 16);
            Path wav = writeWav(dir.resolve("song.wav"), song.samples);
            List<Path> files = new ArrayList<>(List.of(wav));
            encode(files, dir.resolve("song.mp3"), Encoders.lame(wav, dir.resolve("song.mp3"), "-b", "128"), "lame");
            encode(files, dir.resolve("song.ogg"), Encoders.oggenc(wav, dir.resolve("song.ogg"), "-q", "4"),
                    "oggenc (vorbis-tools)");
            encode(files, dir.resolve("song.flac"), Encoders.flac(wav, dir.resolve("song.flac")), "flac");

            System.out.printf("decode benchmark: %.0f s synthetic song at 124 BPM, 44.1 kHz stereo; one thread%n",
                    SECONDS);
            Measured reference = null;
            for (Path file : files) {
                Measured m = measure(file, song.beats);
                if (reference == null) {
                    reference = m;
                    System.out.printf("  WAV against the synthesis grid: kick onsets %+.2f ms, analysed beats %+.2f ms"
                            + " (median of the nearest grid beat within 70 ms)%n",
                            ClickTrack.medianOffsetMs(song.beats, m.kicks), medianToGridMs(song.beats, m.beats));
                }
                System.out.printf("  %-9s %6.0f kB  decode %5.0fx real time, peak heap %4.0f MB, allocated %5.0f MB"
                        + " | analyze %4.0fx real time, peak heap %4.0f MB, allocated %5.0f MB | length %.4f s"
                        + " | vs WAV: kick onsets %+.2f ms, beats %+.2f ms (median)%n",
                        file.getFileName(), Files.size(file) / 1e3, m.decodeSpeed, m.decodePeakMb, m.decodeAllocMb,
                        m.analyzeSpeed, m.analyzePeakMb, m.analyzeAllocMb, m.lengthS,
                        ClickTrack.medianOffsetMs(reference.kicks, m.kicks),
                        ClickTrack.medianOffsetMs(reference.beats, m.beats));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Median of (found − nearest grid beat) in ms, over found beats within 70 ms of the grid. */
    private static double medianToGridMs(List<Double> grid, List<Double> found) {
        List<Double> nearest = new ArrayList<>();
        List<Double> matched = new ArrayList<>();
        for (double f : found) {
            double best = Double.NaN;
            for (double g : grid) {
                if (Double.isNaN(best) || Math.abs(g - f) < Math.abs(best - f)) {
                    best = g;
                }
            }
            if (Math.abs(best - f) <= 0.07) {
                nearest.add(best);
                matched.add(f);
            }
        }
        return ClickTrack.medianOffsetMs(nearest, matched);
    }

    private static void encode(List<Path> files, Path file, boolean done, String tool) {
        if (done) {
            files.add(file);
        } else {
            System.out.println("  " + file.getFileName() + " skipped: " + tool + " is not installed");
        }
    }

    private record Measured(double decodeSpeed, double decodePeakMb, double decodeAllocMb, double analyzeSpeed,
                            double analyzePeakMb, double analyzeAllocMb, double lengthS, List<Double> kicks,
                            List<Double> beats) {
    }

    private static Measured measure(Path file, List<Double> trueBeats) throws IOException {
        AudioDecoder.decodeMono(file); // warm-up
        SongAnalyzer.analyze(file, p -> { }, () -> false);

        double[] decodePeak = new double[2];
        long start = System.nanoTime();
        float[] samples = withPeakHeap(() -> AudioDecoder.decodeMono(file), decodePeak);
        double decodeWall = (System.nanoTime() - start) / 1e9;
        double length = samples.length / (double) AudioDecoder.ANALYSIS_RATE;

        double[] analyzePeak = new double[2];
        start = System.nanoTime();
        SongAnalyzer.Result result = withPeakHeap(() -> SongAnalyzer.analyze(file, p -> { }, () -> false),
                analyzePeak);
        double analyzeWall = (System.nanoTime() - start) / 1e9;

        AudioDecoder.NativeAudio exact = AudioDecoder.decodeNative(file);
        List<Double> kicks = new ArrayList<>();
        for (double t : trueBeats) {
            int at = ClickTrack.firstOnset(exact.samples(), (int) ((t - 0.06) * exact.sampleRate()),
                    (int) ((t + 0.12) * exact.sampleRate()));
            kicks.add(at < 0 ? Double.NaN : at / (double) exact.sampleRate());
        }
        return new Measured(length / decodeWall, decodePeak[0], decodePeak[1], result.lengthSeconds() / analyzeWall,
                analyzePeak[0], analyzePeak[1], exact.seconds(), kicks, result.beats());
    }

    interface Work<T> {
        T run() throws IOException;
    }

    /** Runs {@code work}; {@code out[0]} = peak heap above idle (MB), {@code out[1]} = MB this thread allocated. */
    static <T> T withPeakHeap(Work<T> work, double[] out) throws IOException {
        var memory = ManagementFactory.getMemoryMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.gc();
        long idle = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(idle);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        try {
            return work.run();
        } finally {
            out[1] = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1e6;
            running.set(false);
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out[0] = (peak.get() - idle) / 1e6;
        }
    }

    /** The 22.05 kHz synthetic song as a 44.1 kHz stereo 16-bit WAV (linear interpolation, a little stereo width). */
    private static Path writeWav(Path file, float[] samples22k) throws IOException {
        int n = samples22k.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + n * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes()).putInt(n * 4);
        for (int i = 0; i < n; i++) {
            int k = i / 2;
            float v = i % 2 == 0 ? samples22k[k] : (samples22k[k] + samples22k[Math.min(k + 1, samples22k.length - 1)]) / 2;
            float side = 0.02f * (float) Math.sin(2 * Math.PI * 330 * i / RATE);
            b.putShort(pcm(0.6f * v + side)).putShort(pcm(0.6f * v - side));
        }
        Files.write(file, b.array());
        return file;
    }

    private static short pcm(float v) {
        return (short) Math.rint(Math.max(-1, Math.min(1, v)) * 32767);
    }
}
