package io.beatlight.timecode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.TargetDataLine;

/**
 * A capture line that "records" prepared PCM in real time: {@link #read} blocks until the bytes asked for are due,
 * {@link #available()} is what is due but not read, as with a sound card's line. After the audio it delivers
 * nothing more (reads return 0 once stopped or closed).
 */
final class StandInCaptureLine implements TargetDataLine {
    private final AudioFormat format;
    private final RealTimeAudioStream audio;
    private volatile boolean open;
    private volatile boolean running;

    StandInCaptureLine(AudioFormat format, byte[] pcm) {
        this.format = format;
        this.audio = new RealTimeAudioStream(new ByteArrayInputStream(pcm), format.getFrameSize(),
                format.getFrameRate());
    }

    /** When the first sample was captured ({@code System.nanoTime()}). */
    long startNanos() {
        return audio.startNanos();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (!open) {
            return 0;
        }
        try {
            int n = audio.read(b, off, len);
            return Math.max(0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int available() {
        try {
            return open ? audio.available() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void open(AudioFormat f, int bufferSize) {
        open = true;
    }

    @Override
    public void open(AudioFormat f) {
        open = true;
    }

    @Override
    public void open() {
        open = true;
    }

    @Override
    public void close() {
        open = false;
        running = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isActive() {
        return running;
    }

    @Override
    public void drain() {
    }

    @Override
    public void flush() {
    }

    @Override
    public AudioFormat getFormat() {
        return format;
    }

    @Override
    public int getBufferSize() {
        return (int) (format.getFrameRate() * 0.04) * format.getFrameSize();
    }

    @Override
    public int getFramePosition() {
        return 0;
    }

    @Override
    public long getLongFramePosition() {
        return 0;
    }

    @Override
    public long getMicrosecondPosition() {
        return 0;
    }

    @Override
    public float getLevel() {
        return AudioSystemLevel.NOT_SPECIFIED;
    }

    @Override
    public Line.Info getLineInfo() {
        return new DataLine.Info(TargetDataLine.class, format);
    }

    @Override
    public Control[] getControls() {
        return new Control[0];
    }

    @Override
    public boolean isControlSupported(Control.Type control) {
        return false;
    }

    @Override
    public Control getControl(Control.Type control) {
        throw new IllegalArgumentException("no controls");
    }

    @Override
    public void addLineListener(LineListener listener) {
    }

    @Override
    public void removeLineListener(LineListener listener) {
    }

    private static final class AudioSystemLevel {
        static final float NOT_SPECIFIED = javax.sound.sampled.AudioSystem.NOT_SPECIFIED;
    }
}
