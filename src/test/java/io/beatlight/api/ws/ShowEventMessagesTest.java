package io.beatlight.api.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.engine.Preview;
import io.beatlight.engine.ShowEvent;
import io.beatlight.util.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each engine event reaches clients as the event message they have always received. */
class ShowEventMessagesTest {
    private static String json(ShowEvent event) {
        ShowEventMessages.Event message = ShowEventMessages.of(event);
        return message.level() + " " + message.name() + " " + Json.write(message.data());
    }

    @Test
    void songAndAnalysisEvents() {
        assertThat(json(new ShowEvent.SongListChanged(List.of("A", "B"))))
                .isEqualTo("info song_list {\"songs\":[\"A\",\"B\"]}");
        assertThat(json(new ShowEvent.AnalysisProgress("A", 42)))
                .isEqualTo("info song_analysis_progress {\"filename\":\"A\",\"percent\":42}");
        assertThat(json(new ShowEvent.AnalysisDone("A", 127.456, 3, 300, List.of("intro", "verse"))))
                .isEqualTo("info song_analyzed {\"filename\":\"A\",\"bpm\":127.46,\"beats_per_bar\":3,\"beats\":300,"
                        + "\"sections\":[\"intro\",\"verse\"]}");
        assertThat(json(new ShowEvent.AnalysisFailed("A", null)))
                .isEqualTo("error song_analysis_failed {\"filename\":\"A\",\"error\":\"null\"}");
        assertThat(json(new ShowEvent.AnalysisCancelled("A")))
                .isEqualTo("info song_analysis_cancelled {\"filename\":\"A\"}");
        assertThat(json(new ShowEvent.SongEnded(null))).isEqualTo("info song_ended {\"filename\":null}");
    }

    @Test
    void previewEvents() {
        Preview fixture = new Preview("r1", Preview.Kind.FIXTURE, "par_1", "flash", null, 1, null);
        assertThat(json(new ShowEvent.PreviewFinished(fixture)))
                .isEqualTo("info preview_finished {\"fixtureId\":\"par_1\",\"effect\":\"flash\",\"requestId\":\"r1\"}");
        Preview chaser = new Preview("r2", Preview.Kind.CHASER, null, null, "wave", 4, null);
        assertThat(json(new ShowEvent.PreviewFinished(chaser)))
                .isEqualTo("info chaser_preview_finished {\"chaser_id\":\"wave\",\"requestId\":\"r2\"}");
    }

    @Test
    void aFailedWriteIsAWarningToEveryone() {
        assertThat(json(new ShowEvent.WriteFailed("cues/A.cue.json", "No space left on device")))
                .isEqualTo("warning persist_failed {\"file\":\"cues/A.cue.json\",\"error\":\"No space left on device\","
                        + "\"retry\":\"on the next save of this file\"}");
    }
}
