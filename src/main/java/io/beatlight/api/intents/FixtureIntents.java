package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.PlaybackControl;
import io.beatlight.engine.PlaybackControl.ChannelWrite;
import io.beatlight.engine.Preview;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaChannel;
import io.beatlight.rig.MetaKind;
import io.beatlight.rig.RigLoader;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;

/** {@code fixture.*}: live values, arm state, and effect previews. */
public final class FixtureIntents {
    private static final Pattern HEX_COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern HEX_VALUE = Pattern.compile("#?[0-9A-Fa-f]{6}");

    private FixtureIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("fixture.set_values", FixtureIntents::setValues);
        registry.register("fixture.set_arm", FixtureIntents::setArm);
        registry.register("fixture.preview_effect", FixtureIntents::previewEffect);
        registry.register("fixture.stop_preview", FixtureIntents::stopPreview);
    }

    private static IntentException previewRejected(IntentException e, String reason) {
        return e.because(reason);
    }

    /** Renders one effect from the editor universe and plays it on output. */
    private static IntentOutcome previewEffect(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        try {
            ctx.requireNotPlaying();
        } catch (IntentException e) {
            throw previewRejected(e, "playback_active");
        }
        String id = ctx.payload().requireId("fixture_id");
        Fixture fixture;
        try {
            fixture = requireFixture(engine, id);
        } catch (IntentException e) {
            throw previewRejected(e, "fixture_not_found");
        }
        String effectId = ctx.payload().requireId("effect_id").toLowerCase(Locale.ROOT);
        boolean supported = engine.session().supportedEffects(fixture).stream().anyMatch(e -> e.id().equals(effectId));
        if (!supported) {
            throw previewRejected(new IntentException(ErrorCode.EFFECT_NOT_SUPPORTED, id + " cannot preview '"
                    + effectId + "'", "effect_id", Json.object().put("fixture_id", id).put("effect", effectId)),
                    "effect_not_supported");
        }
        double durationMs = ctx.payload().optionalNumber("duration_ms").orElse(500.0);
        if (durationMs <= 0 || durationMs > 600_000) {
            throw previewRejected(new IntentException(ErrorCode.INVALID_DURATION,
                    "duration_ms must be between 1 and 600000", "duration_ms", null), "invalid_duration");
        }
        ObjectNode params = ctx.payload().optionalObject("params").map(Payload::raw).orElse(Json.object());
        Preview preview = engine.playback().previewEffect(id, effectId, durationMs / 1000.0, params);
        double seconds = preview.seconds();
        ctx.eventToAll("info", "preview_started", Json.object().put("ok", true).put("requestId", preview.requestId())
                .put("fixtureId", id).put("effect", effectId).put("duration", seconds)
                .put("frames", preview.frameCount()).put("fps", (int) preview.fps()));
        return IntentOutcome.changed(Json.object().put("requestId", preview.requestId()).put("duration", seconds));
    }

    private static IntentOutcome stopPreview(IntentContext ctx) {
        PlaybackControl playback = ctx.engine().playback();
        Preview running = playback.preview();
        if (running == null || running.kind() != Preview.Kind.FIXTURE) {
            ctx.eventToRequester("warning", "preview_stop_ignored", Json.object().put("reason", "preview_not_active"));
            return IntentOutcome.unchanged(Json.object().put("stopped", false));
        }
        playback.cancelPreview();
        ctx.eventToAll("info", "preview_stopped", Json.object().put("requestId", running.requestId()));
        return IntentOutcome.changed(Json.object().put("stopped", true).put("requestId", running.requestId()));
    }

    static Fixture requireFixture(ShowEngine engine, String id) throws IntentException {
        return engine.fixture(id).orElseThrow(() -> new IntentException(ErrorCode.FIXTURE_NOT_FOUND,
                "no fixture with id '" + id + "'", "fixture_id", Json.object().put("fixture_id", id)));
    }

    private static IntentOutcome setArm(IntentContext ctx) throws IntentException {
        String id;
        try {
            id = ctx.payload().requireId("fixture_id");
        } catch (IntentException e) {
            throw ctx.payload().has("fixture_id") ? e : e.because("fixture_id_required");
        }
        boolean armed = ctx.payload().requireBool("armed");
        requireFixture(ctx.engine(), id);
        PlaybackControl playback = ctx.engine().playback();
        boolean changed = playback.isArmed(id) != armed;
        playback.setArmed(id, armed);
        ObjectNode data = Json.object().put("fixture_id", id).put("armed", armed);
        return changed ? IntentOutcome.changed(data) : IntentOutcome.unchanged(data);
    }

    /** All-or-nothing: every key is validated before any channel is written. */
    private static IntentOutcome setValues(IntentContext ctx) throws IntentException {
        String id = ctx.payload().requireId("fixture_id");
        Payload values = ctx.payload().requireObject("values");
        Fixture fixture = requireFixture(ctx.engine(), id);
        ctx.requireNotPlaying();
        List<ChannelWrite> writes = new ArrayList<>();
        ObjectNode applied = Json.object();
        for (Map.Entry<String, JsonNode> entry : values.raw().properties()) {
            resolve(fixture, entry.getKey(), entry.getValue(), writes, applied);
        }
        ctx.engine().playback().cancelPreview();
        ctx.engine().playback().applyEdits(writes);
        return IntentOutcome.changed(Json.object().put("fixture_id", id).set("applied", applied));
    }

    /** Checks one {@code values} key (a control or a plain channel) and adds the channel writes it makes. */
    private static void resolve(Fixture fixture, String key, JsonNode value, List<ChannelWrite> writes,
                                ObjectNode applied) throws IntentException {
        String field = "values." + key;
        MetaChannel meta = fixture.template().metaChannels().get(key);
        if (meta == null) {
            applied.put(key, plainChannel(fixture, key, value, field, writes));
            return;
        }
        switch (meta.kind()) {
            case U8 -> {
                int v = (int) Payload.integer(value, field, 0, 255);
                write(writes, fixture, meta.channel(), v);
                applied.put(key, v);
            }
            case U16 -> {
                int v = (int) Payload.integer(value, field, 0, 65535);
                write(writes, fixture, meta.channels().get(0), v >> 8);
                write(writes, fixture, meta.channels().get(1), v & 255);
                applied.put(key, v);
            }
            case ENUM -> applied.put(key, enumControl(fixture, key, meta, value, field, writes));
            case RGB -> applied.put(key, colourControl(fixture, key, meta, value, field, writes));
            default -> throw new IllegalStateException();
        }
    }

    /** A channel without a control: 0–255, unless it is one of a colour control's three, set as "#RRGGBB". */
    private static int plainChannel(Fixture fixture, String key, JsonNode value, String field,
                                    List<ChannelWrite> writes) throws IntentException {
        if (!fixture.template().channels().containsKey(key)) {
            throw IntentException.invalid(field, "fixture '" + fixture.id() + "' has no control or channel '"
                    + key + "'");
        }
        for (MetaChannel m : fixture.template().metaChannels().values()) {
            if (m.kind() == MetaKind.RGB && m.channels().subList(0, 3).contains(key)) {
                throw IntentException.invalid(field, "'" + key + "' is part of the colour control '" + m.id()
                        + "'; set it as \"" + m.id() + "\": \"#RRGGBB\"");
            }
        }
        int v = (int) Payload.integer(value, field, 0, 255);
        write(writes, fixture, key, v);
        return v;
    }

    /** An option of the control's mapping; the label it resolved to. */
    private static String enumControl(Fixture fixture, String key, MetaChannel meta, JsonNode value, String field,
                                      List<ChannelWrite> writes) throws IntentException {
        Map<String, String> table = fixture.template().mappings().get(meta.mapping());
        Map.Entry<String, String> option = enumOption(table, value);
        if (option == null) {
            throw IntentException.invalid(field, "'" + value.asText() + "' is not an option of " + key
                    + "; options: " + String.join(", ", table.values()));
        }
        write(writes, fixture, meta.channel(), RigLoader.parseByteKey(option.getKey()));
        return option.getValue();
    }

    /** "#RRGGBB" or a colour name of the control's mapping; the colour as upper-case "#RRGGBB". */
    private static String colourControl(Fixture fixture, String key, MetaChannel meta, JsonNode value, String field,
                                        List<ChannelWrite> writes) throws IntentException {
        String hex = colour(fixture, meta, value);
        if (hex == null) {
            throw IntentException.invalid(field, key + " must be \"#RRGGBB\""
                    + (meta.mapping() == null ? "" : " or a colour name of mapping '" + meta.mapping() + "'"));
        }
        int rgb = Integer.parseInt(hex, 16);
        // a subtractive (CMY) control takes the same additive colour and sends each flag 255 − the component
        write(writes, fixture, meta.channels().get(0), meta.colourByte((rgb >> 16) & 255));
        write(writes, fixture, meta.channels().get(1), meta.colourByte((rgb >> 8) & 255));
        write(writes, fixture, meta.channels().get(2), meta.colourByte(rgb & 255));
        return "#" + hex.toUpperCase(Locale.ROOT);
    }

    /** One write of a fixture channel, by the channel's name in the template. */
    private static void write(List<ChannelWrite> writes, Fixture fixture, String channel, int value) {
        writes.add(new ChannelWrite(fixture.universe(), fixture.addressOf(channel), value));
    }

    /** A label (exact, then case-insensitive) or an integer equal to a mapping key. */
    private static Map.Entry<String, String> enumOption(Map<String, String> table, JsonNode value) {
        if (table == null) {
            return null;
        }
        if (value.isTextual()) {
            String label = value.asText();
            for (Map.Entry<String, String> e : table.entrySet()) {
                if (e.getValue().equals(label)) {
                    return e;
                }
            }
            for (Map.Entry<String, String> e : table.entrySet()) {
                if (e.getValue().equalsIgnoreCase(label.trim())) {
                    return e;
                }
            }
        }
        if (value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            long number = value.asLong();
            for (Map.Entry<String, String> e : table.entrySet()) {
                if (RigLoader.parseByteKey(e.getKey()) == number) {
                    return e;
                }
            }
        }
        return null;
    }

    /** Six hex digits for "#RRGGBB" or a mapped colour name, else null. */
    private static String colour(Fixture fixture, MetaChannel meta, JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().trim();
        if (HEX_COLOUR.matcher(text).matches()) {
            return text.substring(1);
        }
        if (meta.mapping() != null) {
            Map<String, String> table = fixture.template().mappings().get(meta.mapping());
            if (table != null) {
                for (Map.Entry<String, String> e : table.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(text) && HEX_VALUE.matcher(e.getValue().trim()).matches()) {
                        String hex = e.getValue().trim();
                        return hex.startsWith("#") ? hex.substring(1) : hex;
                    }
                }
            }
        }
        return null;
    }
}
