package io.beatlight.api.ws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.Preview;
import io.beatlight.engine.ShowEvent;
import io.beatlight.util.Json;

/** The event message clients receive for each {@link ShowEvent}: level, message name and data. */
final class ShowEventMessages {
    record Event(String level, String name, ObjectNode data) {
    }

    private ShowEventMessages() {
    }

    /** Not for {@link ShowEvent.StateChanged}, which becomes a state patch rather than an event. */
    static Event of(ShowEvent event) {
        if (event instanceof ShowEvent.SongListChanged e) {
            ArrayNode ids = Json.array();
            e.songIds().forEach(ids::add);
            return info("song_list", (ObjectNode) Json.object().set("songs", ids));
        }
        if (event instanceof ShowEvent.AnalysisProgress e) {
            return info("song_analysis_progress", Json.object().put("filename", e.songId())
                    .put("percent", e.percent()));
        }
        if (event instanceof ShowEvent.AnalysisDone e) {
            ArrayNode sections = Json.array();
            e.sectionNames().forEach(sections::add);
            ObjectNode data = Json.object().put("filename", e.songId()).put("bpm", Math.rint(e.bpm() * 100) / 100)
                    .put("beats_per_bar", e.beatsPerBar()).put("beats", e.beatCount());
            data.set("sections", sections);
            return info("song_analyzed", data);
        }
        if (event instanceof ShowEvent.AnalysisFailed e) {
            return new Event("error", "song_analysis_failed", Json.object().put("filename", e.songId())
                    .put("error", String.valueOf(e.error())));
        }
        if (event instanceof ShowEvent.AnalysisCancelled e) {
            return info("song_analysis_cancelled", Json.object().put("filename", e.songId()));
        }
        if (event instanceof ShowEvent.SongEnded e) {
            return info("song_ended", Json.object().put("filename", e.songId()));
        }
        if (event instanceof ShowEvent.PreviewFinished e) {
            return previewFinished(e.preview());
        }
        if (event instanceof ShowEvent.WriteFailed e) {
            return new Event("warning", "persist_failed", Json.object().put("file", e.file())
                    .put("error", String.valueOf(e.error())).put("retry", "on the next save of this file"));
        }
        throw new IllegalArgumentException("no client event for " + event);
    }

    private static Event previewFinished(Preview preview) {
        if (preview.kind() == Preview.Kind.CHASER) {
            return info("chaser_preview_finished", Json.object().put("chaser_id", preview.chaserId())
                    .put("requestId", preview.requestId()));
        }
        return info("preview_finished", Json.object().put("fixtureId", preview.fixtureId())
                .put("effect", preview.effectId()).put("requestId", preview.requestId()));
    }

    private static Event info(String name, ObjectNode data) {
        return new Event("info", name, data);
    }
}
