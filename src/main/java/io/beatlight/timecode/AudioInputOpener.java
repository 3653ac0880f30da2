package io.beatlight.timecode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * Opens the audio an {@link LtcSource} reads. A stream over a capture line reports through
 * {@link AudioInputStream#available()} the audio captured but not read yet, which the source uses to date samples.
 */
@FunctionalInterface
public interface AudioInputOpener {
    AudioInputStream open() throws IOException;

    /** Formats tried in order on a capture line: 48 and 44.1 kHz, 16-bit, mono then stereo. */
    List<AudioFormat> CAPTURE_FORMATS = List.of(new AudioFormat(48000, 16, 1, true, false),
            new AudioFormat(44100, 16, 1, true, false), new AudioFormat(48000, 16, 2, true, false),
            new AudioFormat(44100, 16, 2, true, false));

    /**
     * The first capture line of the Java Sound mixer whose name is {@code name} (case-insensitive), or else the only
     * one whose name or description contains it, or the system's default capture line for an empty name; started,
     * with a buffer of about 40 ms.
     */
    static AudioInputOpener captureLine(String name) {
        return () -> {
            boolean byDefault = name == null || name.isBlank();
            Mixer mixer = byDefault ? null : findMixer(name);
            String what = byDefault ? "the default audio input" : "audio input " + mixer.getMixerInfo().getName();
            for (AudioFormat format : CAPTURE_FORMATS) {
                DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
                if (byDefault ? !AudioSystem.isLineSupported(info) : !mixer.isLineSupported(info)) {
                    continue;
                }
                try {
                    TargetDataLine line = (TargetDataLine) (byDefault ? AudioSystem.getLine(info)
                            : mixer.getLine(info));
                    int bytes = (int) (format.getFrameRate() * 0.04) * format.getFrameSize();
                    line.open(format, bytes);
                    line.start();
                    return new AudioInputStream(line);
                } catch (LineUnavailableException | IllegalArgumentException e) {
                    throw new IOException("cannot open " + what + ": " + e.getMessage(), e);
                }
            }
            throw new IOException(what + " offers none of 48/44.1 kHz 16-bit PCM" + (byDefault
                    ? " (there may be no audio input at all)" : ""));
        };
    }

    private static Mixer findMixer(String name) throws IOException {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        List<Mixer.Info> capture = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            if (mixer.getTargetLineInfo(new DataLine.Info(TargetDataLine.class, null)).length > 0) {
                capture.add(info);
            }
        }
        for (Mixer.Info info : capture) {
            if (info.getName().toLowerCase(Locale.ROOT).equals(wanted)) {
                return AudioSystem.getMixer(info);
            }
        }
        List<Mixer.Info> partial = capture.stream()
                .filter(i -> i.getName().toLowerCase(Locale.ROOT).contains(wanted)
                        || i.getDescription().toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
        if (partial.size() == 1) {
            return AudioSystem.getMixer(partial.get(0));
        }
        List<String> names = (partial.isEmpty() ? capture : partial).stream().map(i -> "\"" + i.getName() + "\"")
                .toList();
        if (partial.isEmpty()) {
            throw new IOException("no audio input matches \"" + name + "\"; available: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        throw new IOException("\"" + name + "\" matches several audio inputs: " + String.join(", ", names));
    }
}
