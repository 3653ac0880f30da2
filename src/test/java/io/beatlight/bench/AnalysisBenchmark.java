package io.beatlight.bench;

import io.beatlight.song.Section;
import io.beatlight.song.analysis.MmaTracks;
import io.beatlight.song.analysis.MmaTracks.Song;
import io.beatlight.song.analysis.MmaTracks.Track;
import io.beatlight.song.analysis.SongAnalyzer;
import io.beatlight.song.analysis.TrackSynth;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Analyser figures on the MMA ground-truth set (arrangements rendered from MIDI with a General MIDI soundfont, see
 * {@link MmaTracks}), for Beatlight and, side by side, for {@code aubiotrack}: median beat F-measure (±70 ms),
 * tracks with the tempo at the notated level (within 4 %), metre right, median downbeat F (±70 ms), section
 * boundaries within ±1 bar (recall: true boundaries found; precision: boundaries found that are true; their F), and
 * the MP3 − WAV median beat offset; then speed and peak heap on a 4-minute MP3,
 * and the decoder's own figures.
 *
 * <p>{@code bench/run AnalysisBenchmark [--quick] [--no-aubio] [--no-mp3] [name-filter]}; the first run renders the
 * set into {@code target/mma-set} (a few minutes), later runs reuse it.
 */
public final class AnalysisBenchmark {
    static final double TEMPO_TOLERANCE = 0.04;

    /** One analyser's figures on one track; NaN where the analyser does not say. */
    record Scores(double bpm, int beatsPerBar, double beatF, double downbeatF, int boundariesHit,
                  int boundariesFound, int boundariesRight, double mp3OffsetMs) {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        boolean quick = options.contains("--quick");
        boolean aubio = !options.contains("--no-aubio");
        boolean mp3 = !options.contains("--no-mp3");
        String filter = options.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("");
        List<Song> songs = (quick ? MmaTracks.quickSet() : MmaTracks.fullSet()).stream()
                .filter(s -> s.name().contains(filter)).toList();
        List<Track> tracks = new ArrayList<>();
        long renderStart = System.nanoTime();
        for (Song song : songs) {
            tracks.add(MmaTracks.render(song));
        }
        double audioSeconds = songs.stream().mapToDouble(Song::lengthSeconds).sum();
        System.out.printf("MMA set: %d tracks, %d styles, %.0f min of music (ready in %.0f s, cached in %s)%n",
                tracks.size(), songs.stream().map(Song::style).distinct().count(), audioSeconds / 60,
                (System.nanoTime() - renderStart) / 1e9, MmaTracks.CACHE);
        System.out.printf("%-22s %6s %5s | %7s %3s %5s %5s %5s %6s | %7s %5s %6s%n", "track", "BPM", "metre",
                "ours", "bpb", "beatF", "downF", "sect", "mp3ms", "aubio", "beatF", "mp3ms");
        List<Scores> ours = new ArrayList<>();
        List<Scores> theirs = new ArrayList<>();
        for (Track track : tracks) {
            Scores o = ours(track, mp3);
            Scores a = aubio ? aubio(track, mp3) : null;
            ours.add(o);
            if (a != null) {
                theirs.add(a);
            }
            System.out.printf("%-22s %6.1f %5s | %7.2f %3d %5.3f %5.3f %2d/%-2d %6.1f | %7s %5s %6s%n",
                    track.name(), track.bpm(), track.song().metre(), o.bpm(), o.beatsPerBar(), o.beatF(),
                    o.downbeatF(), o.boundariesHit(), track.boundaries().size(), o.mp3OffsetMs(),
                    a == null ? "-" : String.format("%.2f", a.bpm()), a == null ? "-" : String.format("%.3f",
                            a.beatF()), a == null ? "-" : String.format("%.1f", a.mp3OffsetMs()));
        }
        System.out.println();
        System.out.printf("%-44s %12s %12s%n", "on the MMA set (" + tracks.size() + " tracks)", "Beatlight",
                aubio ? "aubiotrack" : "");
        line("median beat F (±70 ms)", figure(ours, tracks, Figure.BEAT_F), aubio ? figure(theirs, tracks,
                Figure.BEAT_F) : "");
        line("tempo at the notated level (±4 %)", figure(ours, tracks, Figure.TEMPO), aubio ? figure(theirs, tracks,
                Figure.TEMPO) : "");
        line("metre right", figure(ours, tracks, Figure.METRE), aubio ? "n/a" : "");
        line("median downbeat F (±70 ms)", figure(ours, tracks, Figure.DOWNBEAT_F), aubio ? "n/a" : "");
        System.out.printf("%-44s %s%n", "section boundaries within ±1 bar", figure(ours, tracks, Figure.SECTIONS));
        line("MP3 − WAV median beat offset", mp3 ? figure(ours, tracks, Figure.MP3) : "skipped",
                aubio && mp3 ? figure(theirs, tracks, Figure.MP3) : "");
        System.out.println("  (aubiotrack gives beats only: its tempo is 60 / the median beat interval; it has no "
                + "metre, downbeats or sections)");
        System.out.println();
        speedAndMemory();
        decodeFigures();
    }

    enum Figure { BEAT_F, TEMPO, METRE, DOWNBEAT_F, SECTIONS, MP3 }

    static String figure(List<Scores> scores, List<Track> tracks, Figure figure) {
        List<Double> values = new ArrayList<>();
        int hits = 0;
        int found = 0;
        int right = 0;
        int total = 0;
        for (int i = 0; i < scores.size(); i++) {
            Scores s = scores.get(i);
            Track t = tracks.get(i);
            switch (figure) {
                case BEAT_F -> values.add(s.beatF());
                case DOWNBEAT_F -> values.add(s.downbeatF());
                case MP3 -> {
                    if (!Double.isNaN(s.mp3OffsetMs())) {
                        values.add(s.mp3OffsetMs());
                    }
                }
                case TEMPO -> hits += Math.abs(s.bpm() - t.bpm()) <= TEMPO_TOLERANCE * t.bpm() ? 1 : 0;
                case METRE -> hits += s.beatsPerBar() == t.beatsPerBar() ? 1 : 0;
                case SECTIONS -> {
                    hits += s.boundariesHit();
                    found += s.boundariesFound();
                    right += s.boundariesRight();
                    total += t.boundaries().size();
                }
                default -> throw new IllegalStateException();
            }
        }
        return switch (figure) {
            case BEAT_F, DOWNBEAT_F -> String.format("%.3f", new Stats(values).percentile(50));
            case MP3 -> values.isEmpty() ? "n/a" : String.format("%+.1f ms", new Stats(values).percentile(50));
            case TEMPO, METRE -> String.format("%d%% (%d/%d)", (long) Math.rint(100.0 * hits / scores.size()), hits,
                    scores.size());
            case SECTIONS -> {
                double recall = (double) hits / Math.max(1, total);
                double precision = (double) right / Math.max(1, found);
                double f = recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
                yield String.format("F %.2f (recall %.2f = %d/%d, precision %.2f = %d/%d)", f, recall, hits, total,
                        precision, right, found);
            }
        };
    }

    static void line(String label, String ours, String theirs) {
        System.out.printf("%-44s %12s %12s%n", label, ours, theirs);
    }

    static Scores ours(Track track, boolean withMp3) throws IOException {
        SongAnalyzer.Result wav = SongAnalyzer.analyze(track.wav(), p -> { }, () -> false);
        double offset = Double.NaN;
        if (withMp3) {
            SongAnalyzer.Result mp3 = SongAnalyzer.analyze(track.mp3(), p -> { }, () -> false);
            offset = medianOffsetMs(mp3.beats(), wav.beats());
        }
        double bar = track.beatsPerBar() * 60 / track.bpm();
        int hit = 0;
        for (double boundary : track.boundaries()) {
            for (Section s : wav.sections()) {
                if (Math.abs(s.startS() - boundary) <= bar + 1e-9) {
                    hit++;
                    break;
                }
            }
        }
        int right = 0;
        for (Section s : wav.sections().subList(Math.min(1, wav.sections().size()), wav.sections().size())) {
            if (track.boundaries().stream().anyMatch(boundary -> Math.abs(s.startS() - boundary) <= bar + 1e-9)) {
                right++;
            }
        }
        return new Scores(wav.bpm(), wav.beatsPerBar(), TrackSynth.fMeasure(wav.beats(), track.beats()),
                TrackSynth.fMeasure(wav.downbeats(), track.downbeats()), hit, Math.max(0, wav.sections().size() - 1),
                right, offset);
    }

    static Scores aubio(Track track, boolean withMp3) throws Exception {
        List<Double> wav = aubiotrack(track.wav());
        double offset = withMp3 ? medianOffsetMs(aubiotrack(track.mp3()), wav) : Double.NaN;
        return new Scores(bpmOf(wav), 0, TrackSynth.fMeasure(wav, track.beats()), Double.NaN, 0, 0, 0, offset);
    }

    static List<Double> aubiotrack(Path audio) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("aubiotrack", "-i", audio.toString()).redirectError(
                    ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("aubiotrack is not installed (Debian package aubio-tools)", e);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("aubiotrack failed on " + audio);
        }
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).map(Double::parseDouble).toList();
    }

    /** 60 / the median beat interval. */
    static double bpmOf(List<Double> beats) {
        List<Double> intervals = new ArrayList<>();
        for (int i = 1; i < beats.size(); i++) {
            intervals.add(beats.get(i) - beats.get(i - 1));
        }
        return intervals.isEmpty() ? 0 : 60 / new Stats(intervals).percentile(50);
    }

    /** Median of (MP3 beat − the nearest WAV beat) over beats that have one within 70 ms. */
    static double medianOffsetMs(List<Double> mp3, List<Double> wav) {
        List<Double> offsets = new ArrayList<>();
        for (double b : mp3) {
            double nearest = Double.NaN;
            for (double w : wav) {
                if (Double.isNaN(nearest) || Math.abs(w - b) < Math.abs(nearest - b)) {
                    nearest = w;
                }
            }
            if (!Double.isNaN(nearest) && Math.abs(nearest - b) <= 0.07) {
                offsets.add((b - nearest) * 1000);
            }
        }
        return offsets.isEmpty() ? Double.NaN : new Stats(offsets).percentile(50);
    }

    static void speedAndMemory() throws Exception {
        Track long4 = MmaTracks.render(MmaTracks.fourMinuteSong());
        Path input = long4.mp3();
        for (int i = 0; i < 2; i++) {
            SongAnalyzer.analyze(input, p -> { }, () -> false);
        }
        long start = System.nanoTime();
        double[] peak = new double[1];
        SongAnalyzer.Result result = withPeakHeap(() -> SongAnalyzer.analyze(input, p -> { }, () -> false), peak);
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf("speed: %s (%.0f s MMA rock song) analysed in %.2f s = %.0fx real time (one thread); "
                + "peak heap %.0f MB above idle; found %.2f BPM, %d beats per bar, %d sections%n",
                input.getFileName(), result.lengthSeconds(), wall, result.lengthSeconds() / wall, peak[0],
                result.bpm(), result.beatsPerBar(), result.sections().size());
    }

    /** The decoder's figures, from its own benchmark where that class is on the classpath. */
    static void decodeFigures() throws Exception {
        Class<?> decode;
        try {
            decode = Class.forName("io.beatlight.bench.DecodeBenchmark");
        } catch (ClassNotFoundException e) {
            System.out.println("decode figures: not available");
            return;
        }
        try {
            decode.getMethod("printFigures").invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
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
}
