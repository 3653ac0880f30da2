package io.beatlight.api.osc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.argument.OSCImpulse;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;
import io.beatlight.protocol.Payload;
import io.beatlight.util.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The address space of docs/osc.md: each control address becomes one intent (payload built from the arguments) and
 * runs through {@link OscIntentRunner}. Only the translation lives here; what an intent allows is the intent's
 * business. Engine thread only.
 */
final class OscCommands {
    static final String PREFIX = "/beatlight/";

    private final ShowEngine engine;
    private final OscIntentRunner runner;
    /** The instance id of the last chaser.start sent over OSC, per chaser, for /beatlight/chaser/<id>/stop. */
    private final Map<String, String> chaserInstances = new LinkedHashMap<>();

    OscCommands(ShowEngine engine, OscIntentRunner runner) {
        this.engine = engine;
        this.runner = runner;
    }

    /** Whether {@code address} is one of ours that needs the engine (the others are answered by the server). */
    static boolean isControl(String address) {
        return address.startsWith(PREFIX);
    }

    /** Runs one message; a rejection is an {@link IntentException} and changes nothing. */
    void run(OscClient client, OSCMessage message, Consumer<IntentException> lateFailure) throws IntentException {
        String address = message.getAddress();
        OscArgs args = new OscArgs(address, message.getArguments());
        String[] path = address.substring(PREFIX.length()).split("/", -1);
        switch (path[0]) {
            case "play" -> trigger(client, path, args, "transport.play", lateFailure);
            case "pause" -> trigger(client, path, args, "transport.pause", lateFailure);
            case "stop" -> trigger(client, path, args, "transport.stop", lateFailure);
            case "blackout" -> blackout(client, path, args, lateFailure);
            case "seek" -> seek(client, path, args, lateFailure);
            case "section" -> section(client, path, args, lateFailure);
            case "song" -> song(client, path, args, lateFailure);
            case "fixture" -> fixture(client, path, args, lateFailure);
            case "chaser" -> chaser(client, path, args, lateFailure);
            default -> throw unknown(address);
        }
    }

    static IntentException unknown(String address) {
        return new IntentException(ErrorCode.UNKNOWN_INTENT, "unknown OSC address '" + shorten(address)
                + "' (see docs/osc.md)");
    }

    private static String shorten(String address) {
        return address.length() > 120 ? address.substring(0, 120) + "…" : address;
    }

    private static void requireLength(String[] path, int length, String address) throws IntentException {
        if (path.length != length) {
            throw unknown(address);
        }
    }

    private void trigger(OscClient client, String[] path, OscArgs args, String intent,
                         Consumer<IntentException> lateFailure) throws IntentException {
        requireLength(path, 1, PREFIX + String.join("/", path));
        args.requireCount(0, 1);
        if (args.triggered()) {
            runner.run(client, intent, Json.object(), lateFailure);
        }
    }

    /**
     * The live blackout ({@code master.set}: intensity channels at zero on the wire, the song plays on): a non-zero
     * argument turns it on and 0 off (a held button is momentary); without an argument it toggles.
     */
    private void blackout(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        requireLength(path, 1, PREFIX + "blackout");
        args.requireCount(0, 1);
        boolean on = args.count() == 0 ? !engine.master().blackout() : args.number(0, "1 (on) or 0 (off)") != 0;
        runner.run(client, "master.set", Json.object().put("blackout", on), lateFailure);
    }

    private void seek(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        requireLength(path, 1, PREFIX + "seek");
        args.requireCount(1, 1);
        double seconds = args.number(0, "the time in seconds");
        runner.run(client, "transport.jump_to_time", Json.object().put("time_ms", seconds * 1000), lateFailure);
    }

    /** An int or float is the section's index (0 = the first); a string is its name, or an index when all digits. */
    private void section(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        requireLength(path, 1, PREFIX + "section");
        args.requireCount(1, 1);
        JsonNode value = args.json(0);
        ObjectNode payload = Json.object();
        if (value.isTextual() && !value.asText().strip().matches("[0-9]{1,9}")) {
            payload.set("section", value);
        } else {
            payload.set("section_index", value);
        }
        runner.run(client, "transport.jump_to_section", payload, lateFailure);
    }

    private void song(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        requireLength(path, 1, PREFIX + "song");
        args.requireCount(1, 1);
        runner.run(client, "song.load", (ObjectNode) Json.object().set("filename", args.json(0)), lateFailure);
    }

    /** {@code fixture/<id>/<control>}: one value, three numbers 0..255 for a colour, or an OSC colour. */
    private void fixture(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        if (path.length != 3 || path[1].isEmpty() || path[2].isEmpty()) {
            throw unknown(PREFIX + String.join("/", path));
        }
        args.requireCount(1, 3);
        JsonNode value;
        if (args.size() == 3) {
            value = Json.MAPPER.getNodeFactory().textNode(String.format(Locale.ROOT, "#%02X%02X%02X", component(args, 0),
                    component(args, 1), component(args, 2)));
        } else if (args.size() == 1) {
            value = args.json(0);
        } else {
            throw IntentException.invalid(null, PREFIX + String.join("/", path) + " takes one value, or red, green "
                    + "and blue (0..255)");
        }
        ObjectNode payload = Json.object().put("fixture_id", path[1]);
        payload.putObject("values").set(path[2], value);
        runner.run(client, "fixture.set_values", payload, lateFailure);
    }

    private static int component(OscArgs args, int index) throws IntentException {
        return (int) Payload.integer(args.json(index), "argument " + (index + 1) + " (red, green, blue)", 0, 255);
    }

    /**
     * {@code chaser/<id>/start [repetitions]} puts the chaser in the show at the playhead (chaser.start);
     * {@code chaser/<id>/stop} stops the instance OSC started last; {@code chaser/<id>/preview [repetitions]} plays it
     * live from the editor universe; {@code chaser/stop_preview} ends a chaser preview.
     */
    private void chaser(OscClient client, String[] path, OscArgs args, Consumer<IntentException> lateFailure)
            throws IntentException {
        String address = PREFIX + String.join("/", path);
        if (path.length == 2 && path[1].equals("stop_preview")) {
            args.requireCount(0, 1);
            if (args.triggered()) {
                runner.run(client, "chaser.stop_preview", Json.object(), lateFailure);
            }
            return;
        }
        if (path.length != 3 || path[1].isEmpty()) {
            throw unknown(address);
        }
        String id = path[1];
        switch (path[2]) {
            case "start" -> {
                args.requireCount(0, 1);
                if (!args.triggered()) {
                    return;
                }
                ObjectNode payload = repetitions(args).put("chaser_id", id)
                        .put("start_time_ms", Math.round(engine.playback().timeNow() * 1000));
                ObjectNode data = runner.run(client, "chaser.start", payload, lateFailure);
                String instance = data.path("instance_id").asText(null);
                if (instance != null) {
                    chaserInstances.remove(id);
                    chaserInstances.put(id, instance);
                    while (chaserInstances.size() > Limits.MAX_CHASER_INSTANCES) {
                        chaserInstances.remove(chaserInstances.keySet().iterator().next());
                    }
                }
            }
            case "stop" -> {
                args.requireCount(0, 1);
                if (!args.triggered()) {
                    return;
                }
                String instance = chaserInstances.get(id);
                if (instance == null) {
                    throw new IntentException(ErrorCode.UNKNOWN_INSTANCE_ID, "no instance of chaser '" + id
                            + "' was started over OSC");
                }
                runner.run(client, "chaser.stop", Json.object().put("instance_id", instance), lateFailure);
                chaserInstances.remove(id);
            }
            case "preview" -> {
                args.requireCount(0, 1);
                if (args.triggered()) {
                    runner.run(client, "chaser.preview", repetitions(args).put("chaser_id", id), lateFailure);
                }
            }
            default -> throw unknown(address);
        }
    }

    /** The optional first argument as {@code repetitions} (a button's 1 is one repetition). */
    private static ObjectNode repetitions(OscArgs args) throws IntentException {
        ObjectNode payload = Json.object();
        if (args.size() == 1 && !(args.raw(0) instanceof OSCImpulse)) {
            JsonNode value = args.json(0);
            if (!value.isBoolean()) {
                payload.set("repetitions", value);
            }
        }
        return payload;
    }
}
