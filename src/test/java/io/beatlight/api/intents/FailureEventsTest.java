package io.beatlight.api.intents;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.util.Json;
import org.junit.jupiter.api.Test;

class FailureEventsTest {
    @Test
    void cueFailuresCarryOkFalseTheReasonAndTheirFields() {
        IntentException e = new IntentException(ErrorCode.FIXTURE_NOT_FOUND, "no fixture")
                .because("fixture_not_found", Json.object().put("fixture_id", "par_9"));
        FailureEvents.Event event = FailureEvents.of("cue.add", e).orElseThrow();
        assertThat(event.level()).isEqualTo("error");
        assertThat(event.message()).isEqualTo("cue_add_failed");
        assertThat(event.data()).isEqualTo(Json.object().put("ok", false).put("reason", "fixture_not_found")
                .put("fixture_id", "par_9"));
        assertThat(FailureEvents.of("cue.record", e).orElseThrow().message()).isEqualTo("cue_add_failed");
        assertThat(FailureEvents.of("cue.set_render_version", e).orElseThrow().message())
                .isEqualTo("cue_update_failed");
    }

    @Test
    void oneIntentCanReportSomeReasonsAsAnotherEvent() {
        IntentException rejected = IntentException.invalid("x", "m").because("bpm_unavailable");
        IntentException failed = IntentException.invalid("x", "m").because("missing_chaser_id");
        assertThat(FailureEvents.of("chaser.preview", rejected).orElseThrow())
                .extracting(FailureEvents.Event::level, FailureEvents.Event::message)
                .containsExactly("warning", "chaser_preview_rejected");
        assertThat(FailureEvents.of("chaser.preview", failed).orElseThrow())
                .extracting(FailureEvents.Event::level, FailureEvents.Event::message)
                .containsExactly("error", "chaser_preview_failed");
    }

    @Test
    void transportFailuresAreEventsNamedByTheirReason() {
        IntentException plain = IntentException.invalid("time_ms", "m").because("invalid_time_ms");
        FailureEvents.Event event = FailureEvents.of("transport.jump_to_time", plain).orElseThrow();
        assertThat(event.message()).isEqualTo("invalid_time_ms");
        assertThat(event.data()).isNull();
        IntentException withData = IntentException.invalid("section_index", "m")
                .because("section_index_out_of_range", Json.object().put("section_index", 7));
        assertThat(FailureEvents.of("transport.jump_to_section", withData).orElseThrow().data())
                .isEqualTo(Json.object().put("section_index", 7));
    }

    @Test
    void songLoadFailuresCarryTheirFieldsAndTheReason() {
        IntentException e = new IntentException(ErrorCode.UNKNOWN_SONG, "m")
                .because("unknown_song", Json.object().put("filename", "x"));
        assertThat(FailureEvents.of("song.load", e).orElseThrow().data())
                .isEqualTo(Json.object().put("filename", "x").put("reason", "unknown_song"));
    }

    @Test
    void noReasonOrNoRuleMeansNoEvent() {
        assertThat(FailureEvents.of("cue.add", IntentException.invalid("data", "m"))).isEmpty();
        assertThat(FailureEvents.of("poi.create", IntentException.invalid("id", "m").because("x"))).isEmpty();
        assertThat(FailureEvents.of(null, IntentException.invalid("id", "m").because("x"))).isEmpty();
    }
}
