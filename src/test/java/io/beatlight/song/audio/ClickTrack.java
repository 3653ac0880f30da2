package io.beatlight.song.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stereo 16-bit WAV click track with known click times (a sharp 1.5 kHz tick over a short low thump, so both
 * the click finder and the beat tracker see it), and a finder for click onsets in any decoding of it.
 */
public final class ClickTrack {
    public final int rate;
    public final List<Double> clicks = new ArrayList<>();
    private final float[] samples;

    /** Clicks at {@code bpm} from {@code firstS} for {@code seconds}. */
    public ClickTrack(int rate, double bpm, double firstS, double seconds) {
        this.rate = rate;
        samples = new float[(int) Math.rint(seconds * rate)];
        for (double t = firstS; t < seconds - 0.2; t += 60 / bpm) {
            clicks.add(t);
            int start = (int) Math.rint(t * rate);
            for (int i = 0; start + i < samples.length && i < rate * 0.15; i++) {
                double s = (double) i / rate;
                samples[start + i] += (float) (0.5 * Math.sin(2 * Math.PI * 1500 * s) * Math.exp(-s * 300)
                        + 0.35 * Math.sin(2 * Math.PI * 70 * s) * Math.exp(-s * 25));
            }
        }
    }

    public Path writeWav(Path file) throws IOException {
        int n = samples.length;
        ByteBuffer b = ByteBuffer.allocate(44 + n * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * 4).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4).putShort((short) 4)
                .putShort((short) 16).put("data".getBytes()).putInt(n * 4);
        for (float v : samples) {
            short s = (short) Math.rint(Math.max(-1, Math.min(1, v)) * 32767);
            b.putShort(s).putShort(s);
        }
        Files.write(file, b.array());
        return file;
    }

    public int lengthSamples() {
        return samples.length;
    }

    /**
     * The onset of each click in {@code decoded} (at {@code decodedRate}), in seconds: the first sample reaching half
     * the click's peak, searched from 60 ms before to 120 ms after the known time; NaN when nothing is there.
     */
    public List<Double> onsets(float[] decoded, int decodedRate) {
        List<Double> out = new ArrayList<>();
        for (double t : clicks) {
            out.add(onset(decoded, decodedRate, t - 0.06, t + 0.12));
        }
        return out;
    }

    /** The first click onset in {@code decoded}, as a sample index at its own rate. */
    public static int firstOnset(float[] decoded, int from, int to) {
        float peak = 0;
        for (int i = Math.max(0, from); i < Math.min(decoded.length, to); i++) {
            peak = Math.max(peak, Math.abs(decoded[i]));
        }
        for (int i = Math.max(0, from); i < Math.min(decoded.length, to); i++) {
            if (peak > 0.05 && Math.abs(decoded[i]) >= peak / 2) {
                return i;
            }
        }
        return -1;
    }

    private static double onset(float[] x, int rate, double fromS, double toS) {
        int i = firstOnset(x, (int) (fromS * rate), (int) (toS * rate));
        return i < 0 ? Double.NaN : i / (double) rate;
    }

    /** Median of b[k] − a[k] in milliseconds. */
    public static double medianOffsetMs(List<Double> a, List<Double> b) {
        List<Double> d = new ArrayList<>();
        for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
            d.add((b.get(k) - a.get(k)) * 1000);
        }
        d.sort(null);
        int n = d.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2;
    }

    /** Largest |b[k] − a[k]| in milliseconds. */
    public static double maxOffsetMs(List<Double> a, List<Double> b) {
        double max = 0;
        for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
            max = Math.max(max, Math.abs(b.get(k) - a.get(k)) * 1000);
        }
        return max;
    }
}
