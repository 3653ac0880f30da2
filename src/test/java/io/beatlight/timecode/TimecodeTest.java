package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimecodeTest {
    @Test
    void frameNumbersRoundTripAtEveryRate() {
        for (FrameRate rate : FrameRate.values()) {
            for (long n = 0; n < 200_000; n += 7) {
                Timecode tc = Timecode.ofFrameNumber(n, rate);
                assertThat(tc.frameNumber()).as("%s %s", rate, tc).isEqualTo(n);
            }
        }
    }

    @Test
    void dropFrameSkipsTwoNumbersEachMinuteButEveryTenth() {
        FrameRate df = FrameRate.FPS_2997_DF;
        assertThat(Timecode.ofFrameNumber(1799, df)).hasToString("00:00:59;29");
        assertThat(Timecode.ofFrameNumber(1800, df)).hasToString("00:01:00;02");
        assertThat(Timecode.ofFrameNumber(17982, df)).hasToString("00:10:00;00");
        assertThat(new Timecode(1, 0, 0, 0, df).frameNumber()).isEqualTo(107892);
        assertThatThrownBy(() -> new Timecode(0, 1, 0, 0, df)).isInstanceOf(IllegalArgumentException.class);
        // an hour of drop-frame timecode is an hour of real time to within 3.6 ms
        assertThat(new Timecode(1, 0, 0, 0, df).toSeconds()).isCloseTo(3600.0, org.assertj.core.data.Offset.offset(0.004));
    }

    @Test
    void secondsMapToTheFrameTheyFallIn() {
        assertThat(Timecode.ofSeconds(61.5, FrameRate.FPS_25)).hasToString("00:01:01:12");
        assertThat(Timecode.ofSeconds(3600, FrameRate.FPS_24).toSeconds()).isEqualTo(3600.0);
        assertThat(FrameRate.parse("29.97")).contains(FrameRate.FPS_2997_DF);
        assertThat(FrameRate.parse("60")).isEmpty();
    }
}
