package io.beatlight.api.osc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.illposed.osc.argument.OSCColor;
import com.illposed.osc.argument.OSCImpulse;
import com.illposed.osc.argument.OSCSymbol;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of one OSC message as intent payload values: int and long as integers, float and double as numbers
 * (a float keeps its decimal spelling: 0.1f is 0.1), strings and symbols as strings, T/F as booleans. The intent
 * then validates them exactly as it validates JSON (a numeric string is read as a number where a number is wanted).
 * Blobs, nil, timetags, MIDI and arrays are refused.
 */
final class OscArgs {
    private final String address;
    private final List<Object> args;

    OscArgs(String address, List<Object> args) {
        this.address = address;
        this.args = args;
    }

    int size() {
        return args.size();
    }

    Object raw(int index) {
        return args.get(index);
    }

    /** Throws {@code invalid_payload} unless there are {@code min..max} arguments. */
    /** How many arguments the message carries. */
    int count() {
        return args.size();
    }

    void requireCount(int min, int max) throws IntentException {
        if (args.size() < min || args.size() > max) {
            String wanted = min == max ? String.valueOf(min) : min + ".." + max;
            throw IntentException.invalid(null, address + " takes " + wanted + " argument" + (max == 1 ? "" : "s")
                    + ", got " + args.size());
        }
    }

    /** Argument {@code index} as a JSON value. */
    JsonNode json(int index) throws IntentException {
        Object arg = args.get(index);
        if (arg instanceof Integer || arg instanceof Long) {
            return LongNode.valueOf(((Number) arg).longValue());
        }
        if (arg instanceof Float f) {
            return DoubleNode.valueOf(Double.parseDouble(Float.toString(f)));
        }
        if (arg instanceof Double d) {
            return DoubleNode.valueOf(d);
        }
        if (arg instanceof String || arg instanceof OSCSymbol || arg instanceof Character) {
            return TextNode.valueOf(arg.toString());
        }
        if (arg instanceof Boolean b) {
            return BooleanNode.valueOf(b);
        }
        if (arg instanceof OSCColor colour) {
            return TextNode.valueOf(String.format(Locale.ROOT, "#%02X%02X%02X", colour.getRed() & 0xFF,
                    colour.getGreen() & 0xFF, colour.getBlue() & 0xFF));
        }
        throw IntentException.invalid(null, address + ": argument " + (index + 1) + " has a type that is not "
                + "accepted (" + typeName(arg) + "); send an int, float or string");
    }

    /** Argument {@code index} as a finite number (int, float, or a string holding one). */
    double number(int index, String what) throws IntentException {
        Double value = Payload.asNumber(json(index));
        if (value == null) {
            throw IntentException.invalid(null, address + ": " + what + " must be a number, got "
                    + describe(args.get(index)));
        }
        return value;
    }

    /**
     * Whether a trigger address should act: with no argument, an impulse, or a first argument that is not 0/false.
     * A button sends 1 when pressed and 0 when released; the release is not a second press.
     */
    boolean triggered() throws IntentException {
        if (args.isEmpty() || args.get(0) instanceof OSCImpulse) {
            return true;
        }
        JsonNode first = json(0);
        if (first.isBoolean()) {
            return first.asBoolean();
        }
        Double value = Payload.asNumber(first);
        return value == null || value != 0;
    }

    private static String typeName(Object arg) {
        return arg == null ? "nil" : arg.getClass().getSimpleName();
    }

    static String describe(Object arg) {
        if (arg instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
            return "\"" + shown + "\"";
        }
        return arg == null ? "nil" : arg.toString();
    }
}
