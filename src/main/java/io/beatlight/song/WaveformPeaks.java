package io.beatlight.song;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A song's waveform overview for the browser's timeline: the minimum and maximum sample of every 256 samples at
 * 22.05 kHz (about 86 pairs a second) as signed bytes. Computed once per audio file version and kept in memory, so a
 * tablet does not have to download and decode the whole song to draw it.
 */
public final class WaveformPeaks {
    public static final int BUCKET = 256;

    /** The overview: {@code min[i]}, {@code max[i]} in -127..127 for bucket i. */
    public record Peaks(double perSecond, byte[] min, byte[] max, String version) {
    }

    private final Map<Path, Peaks> cache = new ConcurrentHashMap<>();

    public Peaks of(Path audio) throws IOException {
        String version = Files.size(audio) + "-" + Files.getLastModifiedTime(audio).toMillis();
        Peaks cached = cache.get(audio);
        if (cached != null && cached.version().equals(version)) {
            return cached;
        }
        synchronized (this) { // one decode at a time: it is CPU-heavy, and parallel requests want the same file
            cached = cache.get(audio);
            if (cached != null && cached.version().equals(version)) {
                return cached;
            }
            Peaks computed = compute(AudioDecoder.decodeMono(audio), version);
            cache.put(audio, computed);
            return computed;
        }
    }

    static Peaks compute(float[] samples, String version) {
        int n = (samples.length + BUCKET - 1) / BUCKET;
        byte[] min = new byte[n];
        byte[] max = new byte[n];
        for (int i = 0; i < n; i++) {
            float lo = 0;
            float hi = 0;
            for (int j = i * BUCKET, end = Math.min(samples.length, j + BUCKET); j < end; j++) {
                lo = Math.min(lo, samples[j]);
                hi = Math.max(hi, samples[j]);
            }
            min[i] = (byte) Math.max(-127, Math.rint(lo * 127));
            max[i] = (byte) Math.min(127, Math.rint(hi * 127));
        }
        return new Peaks((double) AudioDecoder.ANALYSIS_RATE / BUCKET, min, max, version);
    }
}
