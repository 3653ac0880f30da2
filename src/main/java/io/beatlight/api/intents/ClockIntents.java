package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ChaseSettings;
import io.beatlight.engine.ShowEngine;
import io.beatlight.engine.TimecodeChase;
import io.beatlight.protocol.ClockState;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.timecode.SourceOptions;
import io.beatlight.timecode.TimecodeOffset;
import io.beatlight.timecode.TimecodeSources;
import io.beatlight.util.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code transport.set_clock} (browser or a timecode source to chase) and {@code transport.set_timecode_offset}
 * (the timecode of a song's time 0, kept in {@code timecode.json}); and the rule that while chasing, browser
 * transport intents are refused with {@link #CLOCK_EXTERNAL}.
 */
public final class ClockIntents {
    /** A transport intent while external timecode drives the transport. */
    public static final String CLOCK_EXTERNAL = "clock_external";
    /** The clock cannot be chosen: not in this build, or its port or device cannot be opened. */
    public static final String CLOCK_UNAVAILABLE = "clock_unavailable";

    private ClockIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("transport.set_clock", ClockIntents::setClock);
        registry.register("transport.set_timecode_offset", ClockIntents::setOffset);
    }

    /** Refuses a transport intent that would fight the chased clock. */
    static void refuseWhileChasing(IntentContext ctx) throws IntentException {
        TimecodeChase clock = ctx.engine().clock();
        if (clock.chasing()) {
            throw new IntentException(CLOCK_EXTERNAL, "the transport follows " + clock.source()
                    + " timecode; choose the browser clock (transport.set_clock) to drive it from here", null,
                    Json.object().put("source", clock.source()));
        }
    }

    /** {@code handler}, refused while chasing. */
    static IntentHandler unlessChasing(IntentHandler handler) {
        return ctx -> {
            refuseWhileChasing(ctx);
            return handler.handle(ctx);
        };
    }

    private static IntentOutcome setClock(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        ShowEngine engine = ctx.engine();
        TimecodeChase clock = engine.clock();
        String source = p.requireId("source").toLowerCase(Locale.ROOT);
        if (!TimecodeSources.KINDS.contains(source)) {
            throw IntentException.invalid("source", "source must be one of " + String.join(", ",
                    TimecodeSources.KINDS));
        }
        ChaseSettings settings = clock.settings();
        try {
            double freewheel = p.optionalNumber("freewheel_s").orElse(settings.freewheelSeconds());
            double jump = p.optionalNumber("jump_threshold_s").orElse(settings.jumpThresholdSeconds());
            int lockFrames = (int) (long) p.optionalInteger("lock_frames", 1, 100).orElse((long) settings.lockFrames());
            settings = settings.withFreewheel(freewheel).withJumpThreshold(jump).withLockFrames(lockFrames);
        } catch (IllegalArgumentException e) {
            throw IntentException.invalid(fieldOf(e.getMessage()), e.getMessage());
        }
        SourceOptions options = new SourceOptions(deviceName(p, "mtc_device", clock.options().midiDevice()),
                deviceName(p, "ltc_line", clock.options().audioLine()));
        try {
            clock.setSource(source, options, settings);
        } catch (TimecodeSources.UnavailableException e) {
            ObjectNode details = Json.object().put("source", source).put("reason", e.getMessage());
            clock.sources().availableKinds().forEach(details.putArray("available")::add);
            throw new IntentException(CLOCK_UNAVAILABLE, e.getMessage(), "source", details);
        }
        return IntentOutcome.changed(ClockState.of(clock));
    }

    private static String deviceName(Payload p, String key, String current) throws IntentException {
        String name = p.optionalString(key).orElse(current);
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw IntentException.invalid(key, key + " must be at most 200 characters without control characters");
        }
        return name;
    }

    private static String fieldOf(String message) {
        if (message.startsWith("freewheel")) {
            return "freewheel_s";
        }
        return message.startsWith("lock") ? "lock_frames" : "jump_threshold_s";
    }

    private static IntentOutcome setOffset(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        ShowEngine engine = ctx.engine();
        String offsetText = p.optionalString("offset").orElseThrow(
                () -> IntentException.invalid("offset", "offset is required (HH:MM:SS:FF)"));
        TimecodeOffset offset;
        try {
            offset = TimecodeOffset.parse(offsetText);
        } catch (IllegalArgumentException e) {
            throw IntentException.invalid("offset", "offset: " + e.getMessage());
        }
        String song = p.optionalId("song").orElse(engine.session().songId());
        if (song == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "name a song or load one");
        }
        if (engine.songs().catalog().stream().noneMatch(s -> s.id().equals(song))) {
            throw new IntentException(ErrorCode.UNKNOWN_SONG, "no song '" + song + "'", "song", null);
        }
        try {
            engine.clock().setOffset(song, offset);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, e.getMessage());
        }
        return IntentOutcome.changed(Json.object().put("song", song).put("offset", offset.toString()));
    }
}
