package io.beatlight.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The demo song, synthesised: a 120 BPM, 4/4 track of 34 bars (68 s) with kick, snare, hats, bass, pad and a lead,
 * in sections of clearly different energy. Its metadata (beats, downbeats, sections) comes from the same
 * arrangement, so audio and metadata agree by construction. Deterministic: the same bytes every time.
 */
public final class DemoSong {
    public static final String ID = "Beatlight Demo";
    public static final double BPM = 120;
    public static final int BEATS_PER_BAR = 4;
    public static final int SAMPLE_RATE = 22050;

    /** A section of the arrangement: which parts play. */
    public record Part(String name, int bars, boolean kick, boolean snare, boolean hats16, boolean hats8,
                       boolean bass, boolean lead) {
    }

    public static final List<Part> ARRANGEMENT = List.of(
            new Part("intro", 4, true, false, false, true, false, false),
            new Part("verse", 8, true, true, false, true, true, false),
            new Part("chorus_1", 8, true, true, true, false, true, true),
            new Part("breakdown", 4, false, false, false, true, false, false),
            new Part("chorus_2", 8, true, true, true, false, true, true),
            new Part("outro", 2, true, false, false, false, false, false));

    /** A minor progression, one chord per bar: Am, F, C, G (root MIDI notes and triads). */
    private static final int[][] CHORDS = {{57, 60, 64}, {53, 57, 60}, {48, 52, 55}, {55, 59, 62}};
    private static final int[] LEAD = {76, 74, 72, 74, 76, 79, 76, 72};

    private DemoSong() {
    }

    public static double secondsPerBeat() {
        return 60.0 / BPM;
    }

    public static int totalBars() {
        return ARRANGEMENT.stream().mapToInt(Part::bars).sum();
    }

    public static double lengthSeconds() {
        return totalBars() * BEATS_PER_BAR * secondsPerBeat();
    }

    /** Renders the mono 16-bit PCM samples. */
    public static short[] render() {
        int total = (int) Math.round(lengthSeconds() * SAMPLE_RATE);
        float[] mix = new float[total];
        SplittableRandom noise = new SplittableRandom(20261124L);
        double beat = secondsPerBeat();
        int bar = 0;
        for (Part part : ARRANGEMENT) {
            for (int b = 0; b < part.bars(); b++, bar++) {
                double barStart = bar * BEATS_PER_BAR * beat;
                int[] chord = CHORDS[bar % CHORDS.length];
                pad(mix, barStart, BEATS_PER_BAR * beat, chord, part.kick() ? 0.10 : 0.16);
                for (int q = 0; q < BEATS_PER_BAR; q++) {
                    double t = barStart + q * beat;
                    if (part.kick()) {
                        kick(mix, t);
                    }
                    if (part.snare() && (q == 1 || q == 3)) {
                        snare(mix, t, noise);
                    }
                    if (part.bass()) {
                        bass(mix, t, beat / 2, chord[0] - 24, 0.22);
                        bass(mix, t + beat / 2, beat / 2, chord[0] - 12, 0.16);
                    }
                    if (part.lead()) {
                        lead(mix, t, beat, LEAD[(bar * BEATS_PER_BAR + q) % LEAD.length]);
                    }
                    int hats = part.hats16() ? 4 : part.hats8() ? 2 : 0;
                    for (int h = 0; h < hats; h++) {
                        hat(mix, t + h * beat / hats, noise, h == 0 ? 0.10 : 0.06);
                    }
                }
            }
        }
        short[] pcm = new short[total];
        double peak = 1e-9;
        for (float v : mix) {
            peak = Math.max(peak, Math.abs(v));
        }
        double gain = 0.89 / peak;
        for (int i = 0; i < total; i++) {
            pcm[i] = (short) Math.round(mix[i] * gain * Short.MAX_VALUE);
        }
        return pcm;
    }

    private static double freq(int midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    private static void kick(float[] mix, double t) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (0.35 * SAMPLE_RATE);
        double phase = 0;
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double f = 48 + 110 * Math.exp(-s * 30);
            phase += 2 * Math.PI * f / SAMPLE_RATE;
            mix[start + i] += (float) (0.9 * Math.sin(phase) * Math.exp(-s * 9));
        }
    }

    private static void snare(float[] mix, double t, SplittableRandom noise) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (0.2 * SAMPLE_RATE);
        double previous = 0;
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double white = noise.nextDouble() * 2 - 1;
            double bright = white - previous; // a first-difference high-pass
            previous = white;
            double tone = Math.sin(2 * Math.PI * 185 * s);
            mix[start + i] += (float) ((0.35 * bright + 0.3 * tone) * Math.exp(-s * 22));
        }
    }

    private static void hat(float[] mix, double t, SplittableRandom noise, double level) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (0.05 * SAMPLE_RATE);
        double previous = 0;
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double white = noise.nextDouble() * 2 - 1;
            mix[start + i] += (float) (level * (white - previous) * Math.exp(-s * 90));
            previous = white;
        }
    }

    private static void bass(float[] mix, double t, double duration, int midi, double level) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (duration * SAMPLE_RATE);
        double f = freq(midi);
        double lowpassed = 0;
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double saw = 2 * ((s * f) % 1.0) - 1;
            lowpassed += 0.12 * (saw - lowpassed);
            double envelope = Math.min(1, s * 200) * Math.exp(-s * 3) * Math.min(1, (length - i) / 200.0);
            mix[start + i] += (float) (level * lowpassed * envelope);
        }
    }

    private static void pad(float[] mix, double t, double duration, int[] chord, double level) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (duration * SAMPLE_RATE);
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double envelope = Math.min(1, s / 0.4) * Math.min(1, (length - i) / (0.3 * SAMPLE_RATE));
            double v = 0;
            for (int note : chord) {
                double f = freq(note);
                v += Math.sin(2 * Math.PI * f * s) + 0.3 * Math.sin(2 * Math.PI * 2.003 * f * s);
            }
            mix[start + i] += (float) (level * envelope * v / chord.length);
        }
    }

    private static void lead(float[] mix, double t, double duration, int midi) {
        int start = (int) Math.round(t * SAMPLE_RATE);
        int length = (int) (duration * 0.8 * SAMPLE_RATE);
        double f = freq(midi);
        for (int i = 0; i < length && start + i < mix.length; i++) {
            double s = i / (double) SAMPLE_RATE;
            double square = Math.sin(2 * Math.PI * f * s) + Math.sin(6 * Math.PI * f * s) / 3
                    + Math.sin(10 * Math.PI * f * s) / 5;
            double envelope = Math.min(1, s * 80) * Math.exp(-s * 2.5);
            mix[start + i] += (float) (0.10 * square * envelope);
        }
    }

    /** A 16-bit mono PCM WAV file image. */
    public static byte[] wav(short[] pcm) {
        int dataBytes = pcm.length * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        out.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        out.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
        out.putShort((short) 2).putShort((short) 16);
        out.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (short s : pcm) {
            out.putShort(s);
        }
        return out.array();
    }

    /** Beat times in seconds: every beat of the grid, from 0. */
    public static double[] beats() {
        int count = totalBars() * BEATS_PER_BAR;
        double[] beats = new double[count];
        for (int i = 0; i < count; i++) {
            beats[i] = i * secondsPerBeat();
        }
        return beats;
    }

    /** The seed-layout metadata file: filename, length, bpm and parts. */
    public static ObjectNode metadata() {
        ObjectNode meta = Json.object();
        meta.put("filename", ID);
        meta.put("length", lengthSeconds());
        meta.put("bpm", BPM);
        meta.put("key", "A minor");
        ObjectNode parts = meta.putObject("parts");
        double barSeconds = BEATS_PER_BAR * secondsPerBeat();
        int bar = 0;
        for (Part part : ARRANGEMENT) {
            ArrayNode span = parts.putArray(part.name());
            span.add(bar * barSeconds);
            span.add((bar + part.bars()) * barSeconds);
            bar += part.bars();
        }
        meta.putObject("artifacts").put("beats_file", "beats.json");
        return meta;
    }

    /** The beats file: beats and downbeats in seconds. */
    public static ObjectNode beatsFile() {
        ObjectNode file = Json.object();
        ArrayNode beats = file.putArray("beats");
        ArrayNode downbeats = file.putArray("downbeats");
        double[] all = beats();
        for (int i = 0; i < all.length; i++) {
            beats.add(all[i]);
            if (i % BEATS_PER_BAR == 0) {
                downbeats.add(all[i]);
            }
        }
        return file;
    }

    /**
     * Writes {@code songs/<ID>.wav}, {@code meta/<ID>/<ID>.json} and {@code meta/<ID>/beats.json} into a show
     * folder.
     */
    public static void writeInto(Path songsDir, Path metaDir) throws IOException {
        AtomicFiles.write(songsDir.resolve(ID + ".wav"), wav(render()), false);
        Path songMeta = metaDir.resolve(ID);
        AtomicFiles.writeJson(songMeta.resolve(ID + ".json"), metadata(), false);
        AtomicFiles.writeJson(songMeta.resolve("beats.json"), beatsFile(), false);
    }
}
