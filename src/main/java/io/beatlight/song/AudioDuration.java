package io.beatlight.song;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;

/** Reads the playing time of an audio file from its headers (WAV through Java Sound, MP3/OGG/FLAC via jaudiotagger). */
public final class AudioDuration {
    static {
        // jaudiotagger reports every tag detail through java.util.logging at INFO
        Logger.getLogger("org.jaudiotagger").setLevel(Level.WARNING);
    }

    private AudioDuration() {
    }

    public static Optional<Double> seconds(Path file) {
        try {
            AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
            long frames = format.getFrameLength();
            float rate = format.getFormat().getFrameRate();
            // only PCM headers count samples exactly; compressed ones (MP3 via mp3spi) count padded codec frames
            boolean pcm = format.getFormat().getEncoding() == AudioFormat.Encoding.PCM_SIGNED
                    || format.getFormat().getEncoding() == AudioFormat.Encoding.PCM_UNSIGNED
                    || format.getFormat().getEncoding() == AudioFormat.Encoding.PCM_FLOAT;
            if (pcm && frames > 0 && rate > 0) {
                return Optional.of(frames / (double) rate);
            }
        } catch (Exception e) {
            // not a format Java Sound knows: try the tag reader
        }
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            double seconds = audio.getAudioHeader().getPreciseTrackLength();
            return seconds > 0 && Double.isFinite(seconds) ? Optional.of(seconds) : Optional.empty();
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The title tag, when the file has one. */
    public static Optional<String> title(Path file) {
        try {
            AudioFile audio = AudioFileIO.read(file.toFile());
            if (audio.getTag() == null) {
                return Optional.empty();
            }
            String title = audio.getTag().getFirst(FieldKey.TITLE);
            return title == null || title.isBlank() ? Optional.empty() : Optional.of(title.strip());
        } catch (Exception | LinkageError e) {
            return Optional.empty();
        }
    }
}
