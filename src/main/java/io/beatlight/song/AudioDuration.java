package io.beatlight.song;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.tag.FieldKey;

/** Reads the playing time and title of an audio file from its headers. */
public final class AudioDuration {
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    static {
        // jaudiotagger reports every tag detail through java.util.logging at INFO
        JAUDIOTAGGER_LOG.setLevel(Level.WARNING);
    }

    private AudioDuration() {
    }

    /**
     * The playing time, equal to the length the analyser decodes (the same decoder's headers: exact for WAV, FLAC,
     * Ogg Vorbis and MP3s with a Xing/LAME tag, frames counted for other MP3s); jaudiotagger's estimate only for a
     * file the decoder cannot read.
     */
    public static Optional<Double> seconds(Path file) {
        try {
            double seconds = AudioDecoder.lengthSeconds(file);
            if (seconds > 0 && Double.isFinite(seconds)) {
                return Optional.of(seconds);
            }
        } catch (IOException | RuntimeException e) {
            // not a file the decoder reads: try the tag reader
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
