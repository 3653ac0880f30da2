package io.beatlight.song;

import java.nio.file.Path;
import java.util.Optional;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;

/** Reads the playing time of an audio file without decoding it. */
public final class AudioDuration {
    private AudioDuration() {
    }

    public static Optional<Double> seconds(Path file) {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            long frames = format.getFrameLength();
            float rate = format.getFormat().getFrameRate();
            if (frames > 0 && rate > 0) {
                return Optional.of(frames / (double) rate);
            }
        } catch (Exception e) {
            // unsupported or unreadable: the caller falls back to other sources
        }
        return Optional.empty();
    }
}
