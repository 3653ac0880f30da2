package io.beatlight.song.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.song.AudioDecoder;
import io.beatlight.song.Section;
import io.beatlight.song.analysis.MmaTracks.Part;
import io.beatlight.song.analysis.MmaTracks.Song;
import io.beatlight.song.analysis.MmaTracks.Track;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Downbeats and sections on short MMA arrangements rendered with mma and fluidsynth (see {@link MmaTracks}), given
 * the exact beats so that beat tracking plays no part: the bar phase of a 4/4 and a 3/4 song, a section boundary
 * where the groove changes, and a verse and a chorus that return with their labels.
 */
class DownbeatsAndSectionsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quick-popballad-72", "quick-waltz-132", "quick-bossanova-136"})
    void findsTheBarPhaseFromHarmonyBassAndPattern(String name) throws Exception {
        Track track = MmaTracks.render(quickSong(name));
        int beatsPerBar = track.beatsPerBar();
        // start the beat list one beat into the song, so the first downbeat is not the first beat
        List<Double> beats = track.beats().subList(1, track.beats().size());
        float[] samples = AudioDecoder.decodeMono(track.wav());
        BeatFeatures features = BeatFeatures.of(samples, AudioDecoder.ANALYSIS_RATE, beats);

        List<Double> downbeats = Downbeats.find(features, beats, beatsPerBar);

        List<Double> expected = track.downbeats().subList(1, track.downbeats().size());
        assertThat(downbeats).as("%d beats per bar", beatsPerBar).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(downbeats.get(i)).isCloseTo(expected.get(i), Offset.offset(1e-9));
        }
    }

    // Not the country shuffle: its second groove only adds a quiet fiddle (+0.1 to +0.4 dB per band), a change the
    // section finder is not expected to hear; the MMA set in the benchmark measures boundaries over 46 songs.
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"quick-popballad-72", "quick-waltz-132", "quick-bossanova-136", "quick-rock128-66"})
    void aSectionStartsWhereTheGrooveChanges(String name) throws Exception {
        Track track = MmaTracks.render(quickSong(name));
        List<Section> sections = sections(track);

        double bar = track.beatsPerBar() * 60 / track.bpm();
        double change = track.boundaries().get(0);
        assertThat(sections).as("sections %s, groove change at %.2f s", sections, change)
                .anySatisfy(s -> assertThat(s.startS()).isCloseTo(change, Offset.offset(bar + 1e-6)));
        assertThat(sections.size()).as("sections %s", sections).isLessThanOrEqualTo(4);
    }

    @Test
    void aReturningVerseAndChorusKeepTheirLabels() throws Exception {
        Song song = new Song("sections-verse-chorus-176", "8-beat rock", 176, 4, "4/4", 0, List.of(
                new Part("verse", "8Beat", MmaTracks.POP.verse()),
                new Part("chorus", "8BeatPlus", MmaTracks.POP.chorus()),
                new Part("verse", "8Beat", MmaTracks.POP.verse()),
                new Part("chorus", "8BeatPlus", MmaTracks.POP.chorus())));
        Track track = MmaTracks.render(song);
        List<Section> sections = sections(track);

        double bar = 4 * 60 / track.bpm();
        List<String> labels = new ArrayList<>();
        for (Section truth : track.sections()) {
            Section found = sections.stream().filter(s -> Math.abs(s.startS() - truth.startS()) <= bar + 1e-6)
                    .findFirst().orElseThrow(() -> new AssertionError("no section starts near " + truth
                            + " in " + sections));
            labels.add(found.name());
        }
        assertThat(labels.get(2)).as("%s", sections).isEqualTo(labels.get(0));
        assertThat(labels.get(3)).as("%s", sections).isEqualTo(labels.get(1));
        assertThat(labels.get(1)).as("%s", sections).isNotEqualTo(labels.get(0));
    }

    @Test
    void sectionsCoverTheWholeSongWithoutGaps() throws Exception {
        Track track = MmaTracks.render(quickSong("quick-rock128-66"));
        float[] samples = AudioDecoder.decodeMono(track.wav());
        double length = samples.length / (double) AudioDecoder.ANALYSIS_RATE;
        List<Section> sections = sections(track);

        assertThat(sections.get(0).startS()).isZero();
        for (int i = 1; i < sections.size(); i++) {
            assertThat(sections.get(i).startS()).isEqualTo(sections.get(i - 1).endS());
            assertThat(track.downbeats()).contains(sections.get(i).startS());
        }
        assertThat(sections.get(sections.size() - 1).endS()).isEqualTo(length);
    }

    @Test
    void aClearChangeWinsOverThePhraseLength() {
        // twelve bars, the change after six (its novelty smeared over the next bars, as a smoothed curve has it):
        // an 8-bar phrase with a 4-bar tail would be more usual, but the evidence is at bar 6
        double[] novelty = new double[12];
        novelty[6] = 1.2;
        novelty[7] = 0.6;
        novelty[8] = 0.1;

        assertThat(Sections.segment(novelty, Sections.SECTION_COST)).containsExactly(0, 6);
    }

    @Test
    void tooFewBarsMakeOneSection() {
        float[] silence = new float[AudioDecoder.ANALYSIS_RATE * 20];
        BeatFeatures none = BeatFeatures.of(silence, AudioDecoder.ANALYSIS_RATE, List.of());
        assertThat(Downbeats.find(none, List.of(), 4)).isEmpty();
        assertThat(Sections.find(none, List.of(), List.of(), 20)).containsExactly(new Section("song", 0, 20));
    }

    /** Sections from the exact beats and downbeats, over the decoded length. */
    private static List<Section> sections(Track track) throws Exception {
        float[] samples = AudioDecoder.decodeMono(track.wav());
        double length = samples.length / (double) AudioDecoder.ANALYSIS_RATE;
        BeatFeatures features = BeatFeatures.of(samples, AudioDecoder.ANALYSIS_RATE, track.beats());
        return Sections.find(features, track.beats(), track.downbeats(), length);
    }

    private static Song quickSong(String name) {
        return MmaTracks.quickSet().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
