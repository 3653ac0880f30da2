package io.beatlight.timecode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMPTE LTC from audio: a Java Sound capture line chosen by mixer name, any {@link AudioInputOpener} (tests), or a
 * WAV file played in real time. Reads on its own daemon thread ({@code ltc-input}), decodes the first channel with
 * {@link LtcDecoder} and calls the listener on that thread.
 *
 * <p>Timing: a frame is dated when its last bit ended (forwards, the end of the sync word) and reported as the
 * timecode whose frame starts there ({@link LtcFrame#boundaryTimecode()}). Samples are dated from the read that
 * returned them, less the audio still waiting in the line ({@link AudioInputStream#available()}); the earliest such
 * estimate of when sample 0 was captured is kept (a late read only adds delay) and allowed to creep later slowly to
 * follow the drift between the sound card's clock and {@code System.nanoTime()}. What the sound card and driver
 * buffer before the line is not known to Java and not compensated.
 */
public final class LtcSource implements TimecodeSource {
    private static final Logger LOG = LoggerFactory.getLogger(LtcSource.class);
    private static final double READ_SECONDS = 0.005;
    private static final long STOPPED_NANOS = 2_000_000_000L;

    private final String description;
    private final AudioInputOpener opener;
    private final FrameRate expectedRate;
    private final AtomicLong framesDecoded = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile boolean running;
    private volatile AudioInputStream stream;
    private volatile IOException failure;
    private Thread thread;

    /**
     * The capture line of the Java Sound mixer called (or, uniquely, partly called) {@code lineName}; the default
     * capture line when it is empty.
     */
    public LtcSource(String lineName) {
        this(lineName == null || lineName.isBlank() ? "the default audio input" : "audio input " + lineName.strip(),
                AudioInputOpener.captureLine(lineName), null);
    }

    /** Reads what {@code opener} opens; {@code expectedRate} (may be null) breaks the 24/25/30 tie at lock time. */
    public LtcSource(String description, AudioInputOpener opener, FrameRate expectedRate) {
        this.description = description;
        this.opener = opener;
        this.expectedRate = expectedRate;
    }

    /** A WAV (or AIFF/AU) file played in real time, as if it came from a line. */
    public static LtcSource file(Path file) {
        return new LtcSource("LTC file " + file.getFileName(), () -> {
            AudioInputStream in = openFile(file);
            AudioFormat format = in.getFormat();
            return new AudioInputStream(new RealTimeAudioStream(in, format.getFrameSize(), format.getFrameRate()),
                    format, in.getFrameLength());
        }, null);
    }

    /** Decodes a whole audio file as fast as it can be read; the frames' positions are in samples of the file. */
    public static List<LtcFrame> decodeFile(Path file) throws IOException {
        List<LtcFrame> frames = new ArrayList<>();
        try (AudioInputStream in = openFile(file)) {
            AudioFormat format = in.getFormat();
            PcmSamples pcm = new PcmSamples(format, 0);
            LtcDecoder decoder = new LtcDecoder(format.getSampleRate(), frames::add);
            byte[] bytes = new byte[pcm.frameSize() * 4096];
            float[] samples = new float[4096];
            int n;
            while ((n = in.readNBytes(bytes, 0, bytes.length)) > 0) {
                decoder.process(samples, 0, pcm.convert(bytes, n, samples));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return frames;
    }

    private static AudioInputStream openFile(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        try {
            return AudioSystem.getAudioInputStream(raw);
        } catch (UnsupportedAudioFileException e) {
            raw.close();
            throw new IOException(file + " is not an audio file Java Sound reads (WAV, AIFF, AU)", e);
        }
    }

    @Override
    public String kind() {
        return "ltc";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized void start(TimecodeListener listener) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        AudioInputStream in = opener.open();
        PcmSamples pcm;
        try {
            pcm = new PcmSamples(in.getFormat(), 0);
        } catch (IllegalArgumentException e) {
            in.close();
            throw new IOException(description + ": " + e.getMessage(), e);
        }
        stream = in;
        running = true;
        thread = new Thread(() -> read(in, pcm, listener), "ltc-input");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(AudioInputStream in, PcmSamples pcm, TimecodeListener listener) {
        double rate = in.getFormat().getSampleRate();
        SampleClock clock = new SampleClock(rate);
        LtcDecoder decoder = new LtcDecoder(rate, expectedRate, frame -> {
            framesDecoded.incrementAndGet();
            try {
                listener.timecode(frame.boundaryTimecode(), clock.nanosAt(frame.endSample()));
            } catch (RuntimeException e) {
                // the receiver's fault, not the input's: keep decoding
                long failures = listenerFailures.incrementAndGet();
                if (failures == 1 || failures % 1000 == 0) {
                    LOG.warn("LTC listener failed on {} ({} times so far): {}", frame.boundaryTimecode(), failures,
                            e.toString());
                }
            }
        });
        int chunk = Math.max(1, (int) (rate * READ_SECONDS));
        byte[] bytes = new byte[chunk * pcm.frameSize()];
        float[] samples = new float[chunk];
        long silentSince = -1;
        try {
            while (running) {
                int n = in.read(bytes, 0, bytes.length);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    // a capture line returns nothing only when it was stopped or closed under us: do not spin
                    long now = System.nanoTime();
                    silentSince = silentSince < 0 ? now : silentSince;
                    if (now - silentSince > STOPPED_NANOS) {
                        throw new IOException("the audio line stopped delivering samples");
                    }
                    Thread.sleep(5);
                    continue;
                }
                silentSince = -1;
                long waiting = Math.max(0, in.available()) / pcm.frameSize();
                // after available(): what it counted had been captured by now, so the estimate is never early
                long now = System.nanoTime();
                int count = pcm.convert(bytes, n, samples);
                clock.observe(decoder.samples() + count + waiting, now);
                decoder.process(samples, 0, count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                LOG.warn("LTC input {} stopped: {}", description, e.getMessage());
            }
        } finally {
            running = false;
        }
    }

    /** Frames decoded so far. */
    public long framesDecoded() {
        return framesDecoded.get();
    }

    /** Whether the reading thread still runs (false after the end of a file, a closed line or an error). */
    public boolean running() {
        return running;
    }

    /** Why reading stopped, if it failed. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        AudioInputStream in = stream;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debug("closing LTC input {}: {}", description, e.getMessage());
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Maps sample positions to {@code System.nanoTime()} (see the class comment). */
    static final class SampleClock {
        private static final double CREEP = 1.0 / 256;
        private final double nanosPerSample;
        private double zeroNanos = Double.NaN;

        SampleClock(double sampleRate) {
            this.nanosPerSample = 1e9 / sampleRate;
        }

        /** {@code capturedSamples} had been captured by {@code now}. */
        void observe(long capturedSamples, long now) {
            double estimate = now - capturedSamples * nanosPerSample;
            if (Double.isNaN(zeroNanos) || estimate < zeroNanos) {
                zeroNanos = estimate;
            } else {
                zeroNanos += (estimate - zeroNanos) * CREEP;
            }
        }

        long nanosAt(double sample) {
            return Math.round(zeroNanos + sample * nanosPerSample);
        }
    }
}
