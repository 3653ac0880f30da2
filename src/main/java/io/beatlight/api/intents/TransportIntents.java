package io.beatlight.api.intents;

import static io.beatlight.protocol.IntentException.withReason;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.PlaybackControl;
import io.beatlight.engine.ShowEngine;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;

/** {@code transport.*} play, pause, stop, seeks and syncs from the browser's audio clock. */
public final class TransportIntents {
    private TransportIntents() {
    }

    public static void register(IntentRegistry registry) {
        // while external timecode drives the transport these are refused (clock_external): see ClockIntents
        registry.register("transport.play", ClockIntents.unlessChasing(TransportIntents::play));
        registry.register("transport.pause", ClockIntents.unlessChasing(TransportIntents::pause));
        registry.register("transport.stop", ClockIntents.unlessChasing(TransportIntents::stop));
        registry.register("transport.jump_to_time", ClockIntents.unlessChasing(TransportIntents::jumpToTime));
        registry.register("transport.jump_to_section", ClockIntents.unlessChasing(TransportIntents::jumpToSection));
    }

    static ObjectNode transportData(ShowEngine engine) {
        long now = System.nanoTime();
        return Json.object().put("state", engine.playback().stateName(now))
                .put("time_ms", (long) Math.rint(engine.playback().timeAt(now) * 1000));
    }

    private static IntentOutcome play(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        if (engine.session().song() == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song before playing");
        }
        if (engine.playback().isPlaying()) {
            return IntentOutcome.unchanged(transportData(engine));
        }
        engine.playback().play();
        ctx.eventToAll("info", "transport_trace", Json.object().put("action", "play").put("is_playing", true));
        return IntentOutcome.changed(transportData(engine));
    }

    private static IntentOutcome pause(IntentContext ctx) {
        ShowEngine engine = ctx.engine();
        PlaybackControl playback = ctx.engine().playback();
        boolean wasPlaying = playback.isPlaying();
        playback.pause();
        ctx.eventToAll("info", "transport_trace", Json.object().put("action", "pause").put("is_playing", false));
        ObjectNode data = transportData(engine);
        return wasPlaying ? IntentOutcome.changed(data) : IntentOutcome.unchanged(data);
    }

    private static IntentOutcome stop(IntentContext ctx) {
        ShowEngine engine = ctx.engine();
        engine.playback().stop();
        ctx.eventToAll("info", "transport_trace", Json.object().put("action", "stop").put("is_playing", false)
                .put("blackout", true));
        return IntentOutcome.changed(transportData(engine));
    }

    private static IntentOutcome jumpToTime(IntentContext ctx) throws IntentException {
        double timeMs = withReason("invalid_time_ms", () -> ctx.payload().requireNumber("time_ms"));
        boolean sync = withReason("invalid_time_ms", () -> ctx.payload().optionalBool("sync").orElse(false));
        ShowEngine engine = ctx.engine();
        boolean moved = engine.playback().seek(Math.max(0, timeMs / 1000.0), sync);
        if (sync && engine.playback().isPlaying()) {
            // a sync re-anchors silently: it changes nothing a client shows, so no broadcast
            return IntentOutcome.unchanged(transportData(engine).put("synced", moved));
        }
        return IntentOutcome.changed(transportData(engine));
    }

    private static IntentOutcome jumpToSection(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        SongMetadata song = engine.session().song();
        if (song == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "no song is loaded")
                    .because("song_not_loaded");
        }
        List<Section> sections = song.sections();
        if (sections.isEmpty()) {
            throw new IntentException(ErrorCode.NO_SECTIONS_AVAILABLE, "the song has no sections")
                    .because("no_sections_available");
        }
        int index;
        Optional<String> byName;
        try {
            byName = ctx.payload().has("section_index") ? Optional.empty() : ctx.payload().optionalId("section");
            if (byName.isPresent()) {
                index = indexOfName(sections, byName.get());
            } else {
                index = (int) ctx.payload().requireInteger("section_index", 0, Integer.MAX_VALUE);
            }
        } catch (IntentException e) {
            throw e.because("invalid_section_index");
        }
        if (index < 0 || index >= sections.size()) {
            ObjectNode data = Json.object().put("section_index", index).put("section_count", sections.size());
            IntentException error = new IntentException(ErrorCode.SECTION_INDEX_OUT_OF_RANGE,
                    byName.map(n -> "no section named '" + n + "'").orElse("section_index " + index
                            + " is out of range (the song has " + sections.size() + " sections)"),
                    byName.isPresent() ? "section" : "section_index", data);
            throw error.because("section_index_out_of_range", data);
        }
        engine.playback().seek(sections.get(index).startS(), false);
        return IntentOutcome.changed(transportData(engine).put("section_index", index)
                .put("section_name", sections.get(index).name()));
    }

    private static int indexOfName(List<Section> sections, String name) {
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).name().equals(name)) {
                return i;
            }
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).name().toLowerCase(Locale.ROOT).equals(lower)) {
                return i;
            }
        }
        return -1;
    }
}
