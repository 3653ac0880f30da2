package io.beatlight.song;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bars and beat numbers from beat and downbeat times, as the latest reference client lists them. */
class CountedBeatsTest {
    private static String describe(List<CountedBeats.Beat> beats) {
        StringBuilder out = new StringBuilder();
        for (CountedBeats.Beat b : beats) {
            out.append(b.bar()).append('.').append(b.beat()).append(b.downbeat() ? "D " : " ");
        }
        return out.toString().trim();
    }

    @Test
    void aPickupIsBarZeroEndingOnTheLastBeatOfTheBarAndBarsFollowTheDownbeats() {
        List<CountedBeats.Beat> beats = CountedBeats.count(List.of(0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0),
                List.of(1.5, 3.0), 4);
        // the second bar is three beats long (as the downbeats say); after the last one bars of four go on
        assertThat(describe(beats)).isEqualTo("0.3 0.4 1.1D 1.2 1.3 2.1D 2.2 2.3");
        assertThat(beats.get(2).type()).isEqualTo("downbeat");
        assertThat(beats.get(3).type()).isEqualTo("beat");
    }

    @Test
    void withoutDownbeatsBarsOfTheMetreStartOnTheFirstBeat() {
        assertThat(describe(CountedBeats.count(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0), List.of(), 3)))
                .isEqualTo("1.1D 1.2 1.3 2.1D 2.2 2.3 3.1D");
    }

    @Test
    void pastTheLastDownbeatBarsOfTheMetreContinue() {
        assertThat(describe(CountedBeats.count(List.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5), List.of(0.0), 2)))
                .isEqualTo("1.1D 1.2 2.1D 2.2 3.1D 3.2");
    }

    @Test
    void aDownbeatAFewMillisecondsOffItsBeatStillStartsTheBarOnThatBeat() {
        assertThat(describe(CountedBeats.count(List.of(1.0, 1.5, 2.0, 2.5), List.of(1.02, 2.03), 4)))
                .isEqualTo("1.1D 1.2 2.1D 2.2");
    }

    @Test
    void aSongWithOnlyABpmGetsAGridForTheHelpersButNoBeatsOfItsOwn() {
        SongMetadata song = new SongMetadata("s", 2.0, 120.0, 4, List.of(), List.of(), List.of(), null, List.of());
        assertThat(CountedBeats.of(song)).isEmpty();
        assertThat(describe(CountedBeats.orBpmGrid(song))).isEqualTo("1.1D 1.2 1.3 1.4 2.1D");
    }
}
