package io.beatlight.bench;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.Section;
import io.beatlight.song.analysis.BeatFeatures;
import io.beatlight.song.analysis.BeatTracker;
import io.beatlight.song.analysis.Downbeats;
import io.beatlight.song.analysis.OnsetEnvelope;
import io.beatlight.song.analysis.Sections;
import io.beatlight.song.analysis.SongAnalyzer;
import io.beatlight.song.analysis.TrackSynth;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Analyser figures on generated tracks with known grids: tempo error, beat F-measure (±70 ms), downbeat accuracy,
 * section boundary hits within ±1 bar, and speed/peak memory on a 4-minute MP3. {@code bench/run AnalysisBenchmark}.
 */
public final class AnalysisBenchmark {
    public static void main(String[] args) throws Exception {
        List<Double> steadyF = new ArrayList<>();
        List<Double> swingF = new ArrayList<>();
        List<Double> tempoErrors = new ArrayList<>();
        List<Double> downbeatF = new ArrayList<>();
        List<Double> sectionHits = new ArrayList<>();
        int tracks = 0;
        for (int bpm = 70; bpm <= 180; bpm += 5) {
            double swing = bpm % 10 == 5 ? 0.3 : 0;
            TrackSynth track = new TrackSynth(new double[] {bpm}, new double[] {64 * 60.0 / bpm * 4 / 4},
                    0.1 + (bpm % 7) / 10.0, swing, bpm, 8);
            evaluate(track, bpm, swing > 0 ? swingF : steadyF, tempoErrors, downbeatF, sectionHits);
            tracks++;
        }
        List<Double> changeF = new ArrayList<>();
        for (double[] change : new double[][] {{120, 140}, {100, 90}}) {
            TrackSynth track = new TrackSynth(change, new double[] {30, 30}, 0.3, 0, 7, 0);
            OnsetEnvelope envelope = OnsetEnvelope.of(track.samples, AudioDecoder.ANALYSIS_RATE);
            double tempo = BeatTracker.tempo(envelope);
            changeF.add(TrackSynth.fMeasure(BeatTracker.beats(envelope, tempo), track.beats));
            tracks++;
        }
        System.out.printf("tracks: %d (23 steady/swing tempi 70-180 BPM with sections, 2 with a tempo change)%n",
                tracks);
        System.out.printf("beat F-measure (±70 ms): steady %s; swing %s; tempo change %s%n",
                new Stats(steadyF).summary(""), new Stats(swingF).summary(""), new Stats(changeF).summary(""));
        System.out.printf("  steady tracks with F >= 0.95: %d of %d%n", steadyF.stream().filter(f -> f >= 0.95).count(),
                steadyF.size());
        System.out.printf("tempo error: %s (%% of BPM); within 1%%: %d of %d%n", new Stats(tempoErrors).summary("%"),
                tempoErrors.stream().filter(e -> e < 1).count(), tempoErrors.size());
        System.out.printf("downbeat F-measure: %s%n", new Stats(downbeatF).summary(""));
        System.out.printf("section boundaries within ±1 bar: %s%n", new Stats(sectionHits).summary(""));

        Path dir = Files.createTempDirectory("beatlight-analysis-bench");
        TrackSynth long4 = new TrackSynth(new double[] {124}, new double[] {240}, 0.2, 0, 3, 16);
        Path wav = dir.resolve("four.wav");
        writeWav(wav, long4.samples);
        Path mp3 = dir.resolve("four.mp3");
        Process lame = new ProcessBuilder("lame", "--quiet", "-b", "128", wav.toString(), mp3.toString()).start();
        Path input = lame.waitFor(120, TimeUnit.SECONDS) && lame.exitValue() == 0 ? mp3 : wav;
        for (int i = 0; i < 2; i++) {
            SongAnalyzer.analyze(input, p -> { }, () -> false);
        }
        long start = System.nanoTime();
        double[] peak = new double[1];
        SongAnalyzer.Result result = withPeakHeap(() -> SongAnalyzer.analyze(input, p -> { }, () -> false), peak);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("speed: %s of %.0f s analysed in %.2f s = %.0fx real time (one thread); peak heap %.0f MB "
                + "above idle; found %.2f BPM, %d sections%n", input.getFileName(), result.lengthSeconds(), wall,
                result.lengthSeconds() / wall, peak[0], result.bpm(), result.sections().size());
    }

    static void evaluate(TrackSynth track, double bpm, List<Double> beatF, List<Double> tempoErrors,
                         List<Double> downbeatF, List<Double> sectionHits) {
        OnsetEnvelope envelope = OnsetEnvelope.of(track.samples, AudioDecoder.ANALYSIS_RATE);
        double tempo = BeatTracker.tempo(envelope);
        tempoErrors.add(Math.abs(tempo - bpm) / bpm * 100);
        List<Double> beats = BeatTracker.beats(envelope, tempo);
        beatF.add(TrackSynth.fMeasure(beats, track.beats));
        BeatFeatures features = BeatFeatures.of(track.samples, AudioDecoder.ANALYSIS_RATE, beats);
        List<Double> downbeats = Downbeats.find(features, beats, 4);
        downbeatF.add(TrackSynth.fMeasure(downbeats, track.downbeats));
        double length = track.samples.length / (double) AudioDecoder.ANALYSIS_RATE;
        List<Section> sections = Sections.find(features, beats, downbeats, length);
        double bar = 4 * 60 / bpm;
        int hits = 0;
        for (double boundary : track.sectionStarts) {
            for (Section s : sections) {
                if (Math.abs(s.startS() - boundary) <= bar + 1e-9) {
                    hits++;
                    break;
                }
            }
        }
        sectionHits.add(track.sectionStarts.isEmpty() ? 1.0 : (double) hits / track.sectionStarts.size());
    }

    interface Work<T> {
        T run() throws Exception;
    }

    static <T> T withPeakHeap(Work<T> work, double[] peakMb) throws Exception {
        var memory = ManagementFactory.getMemoryMXBean();
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
        sampler.start();
        try {
            return work.run();
        } finally {
            running.set(false);
            sampler.join();
            peakMb[0] = (peak.get() - idle) / 1e6;
        }
    }

    static void writeWav(Path file, float[] samples) throws Exception {
        ByteBuffer pcm = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            pcm.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 20000))));
        }
        var format = new AudioFormat(AudioDecoder.ANALYSIS_RATE, 16, 1, true, false);
        try (var in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format,
                samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
