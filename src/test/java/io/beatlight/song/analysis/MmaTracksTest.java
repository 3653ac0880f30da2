package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.song.analysis.MmaTracks.Part;
import io.beatlight.song.analysis.MmaTracks.Song;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth of the MMA test music holds: MMA plays beat 1 at 0 s, fluidsynth adds no lead-in, and every click
 * of a metronome groove sits at k·60/BPM in the rendered WAV.
 */
class MmaTracksTest {
    @TempDir
    Path dir;

    @Test
    void aMetronomeGrooveClicksExactlyOnTheGroundTruthBeats() throws Exception {
        Song song = new Song("metronome-120", "metronome", 120, 4, "4/4", 0,
                List.of(new Part("all", "Metronome4", Collections.nCopies(4, "C"))));
        MmaTracks.Track track = MmaTracks.render(song, dir);
        List<Double> clicks = clickOnsets(track.wav());
        assertThat(track.beats()).hasSize(16);
        assertThat(clicks).as("clicks found in the WAV").hasSize(16);
        for (int k = 0; k < clicks.size(); k++) {
            // the click's attack crosses a tenth of its peak within a few ms; fluidsynth schedules in 64-sample
            // blocks (1.5 ms)
            assertThat(clicks.get(k) - track.beats().get(k)).as("click %d", k).isBetween(0.0, 0.006);
        }
        assertThat(track.downbeats()).containsExactly(0.0, 2.0, 4.0, 6.0);
        assertThat(Files.size(track.mp3())).isGreaterThan(1000);
    }

    @Test
    void groundTruthFollowsTheBarsAndParts() throws Exception {
        Song song = MmaTracks.quickSet().get(0);
        MmaTracks.Track track = MmaTracks.truth(song, null, null, null);
        assertThat(song.beatsPerBar()).isEqualTo(3);
        assertThat(track.beats()).hasSize(song.bars() * 3);
        assertThat(track.beats().get(1)).isCloseTo(60 / 132.0, Offset.offset(1e-12));
        assertThat(track.downbeats()).hasSize(song.bars());
        assertThat(track.boundaries()).containsExactly(song.parts().get(0).bars() * 3 * 60 / 132.0);
        assertThat(MmaTracks.mmaText(song)).contains("Tempo 132", "Groove Waltz\n", "Groove WaltzSus\n");
        assertThat(MmaTracks.fullSet()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(MmaTracks.fullSet().stream().map(Song::style).distinct().count()).isGreaterThanOrEqualTo(12);
    }

    /** Onsets: where the left channel first exceeds a tenth of the loudest click, at least 200 ms apart. */
    static List<Double> clickOnsets(Path wav) throws Exception {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(wav));
             AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat format = in.getFormat();
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            byte[] bytes = in.readAllBytes();
            int channels = format.getChannels();
            int frames = bytes.length / (2 * channels);
            double[] left = new double[frames];
            double peak = 0;
            for (int i = 0; i < frames; i++) {
                int at = i * channels * 2;
                left[i] = Math.abs((short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8)));
                peak = Math.max(peak, left[i]);
            }
            List<Double> onsets = new ArrayList<>();
            double rate = format.getSampleRate();
            int last = Integer.MIN_VALUE / 2;
            for (int i = 0; i < frames; i++) {
                if (left[i] >= 0.1 * peak) {
                    if (i - last > 0.2 * rate) {
                        onsets.add(i / rate);
                    }
                    last = i;
                }
            }
            return onsets;
        }
    }
}
