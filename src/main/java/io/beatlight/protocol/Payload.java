package io.beatlight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Typed, validating access to an intent payload (docs/protocol.md#common-rules). A number is a finite JSON number or a
 * string holding a finite decimal; an integer truncates toward zero and is then range-checked; a bool is a JSON boolean
 * only; an id is a non-empty string after trimming. Every failure is an {@code invalid_payload} naming the field.
 */
public final class Payload {
    private final ObjectNode node;
    private final String prefix;

    public Payload(ObjectNode node) {
        this(node, "");
    }

    private Payload(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    public ObjectNode raw() {
        return node;
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public JsonNode get(String key) {
        return node.get(key);
    }

    private String path(String key) {
        return prefix + key;
    }

    // ---- ids and strings -----------------------------------------------------------------------------------------

    public String requireId(String key) throws IntentException {
        return optionalId(key).orElseThrow(() -> IntentException.invalid(path(key), path(key) + " is required"));
    }

    public Optional<String> optionalId(String key) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().strip().isEmpty()) {
            throw IntentException.invalid(path(key), path(key) + " must be a non-empty string");
        }
        // spaces around an id are forgiven; a control character (NUL, escape, …) is never part of one
        String id = v.asText().strip();
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw IntentException.invalid(path(key), path(key) + " must not contain control characters");
        }
        return Optional.of(id);
    }

    public Optional<String> optionalString(String key) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw IntentException.invalid(path(key), path(key) + " must be a string");
        }
        return Optional.of(v.asText());
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    public double requireNumber(String key) throws IntentException {
        return optionalNumber(key).orElseThrow(() -> IntentException.invalid(path(key), path(key) + " is required"));
    }

    public Optional<Double> optionalNumber(String key) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        Double d = asNumber(v);
        if (d == null) {
            throw IntentException.invalid(path(key), path(key) + " must be a finite number");
        }
        return Optional.of(d);
    }

    public long requireInteger(String key, long min, long max) throws IntentException {
        return optionalInteger(key, min, max)
                .orElseThrow(() -> IntentException.invalid(path(key), path(key) + " is required"));
    }

    public Optional<Long> optionalInteger(String key, long min, long max) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(integer(v, path(key), min, max));
    }

    /** Validates an integer value (truncating a fraction toward zero) in [min, max]. */
    public static long integer(JsonNode v, String field, long min, long max) throws IntentException {
        Double d = asNumber(v);
        if (d == null) {
            throw IntentException.invalid(field, field + " must be an integer");
        }
        double truncated = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (truncated < min || truncated > max) {
            throw IntentException.invalid(field, field + " must be between " + min + " and " + max + ", got "
                    + plain(d));
        }
        return (long) truncated;
    }

    /** A finite JSON number, or a string holding a finite decimal; null otherwise. */
    public static Double asNumber(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return Double.isFinite(d) ? d : null;
        }
        if (v.isTextual()) {
            String s = v.asText().trim();
            if (s.isEmpty() || s.length() > 64) {
                return null;
            }
            try {
                double d = new BigDecimal(s).doubleValue();
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    // ---- booleans and objects ---------------------------------------------------------------------------------

    public boolean requireBool(String key) throws IntentException {
        return optionalBool(key).orElseThrow(() -> IntentException.invalid(path(key), path(key) + " is required"));
    }

    public Optional<Boolean> optionalBool(String key) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw IntentException.invalid(path(key), path(key) + " must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    public Payload requireObject(String key) throws IntentException {
        return optionalObject(key).orElseThrow(() -> IntentException.invalid(path(key), path(key) + " is required"));
    }

    public Optional<Payload> optionalObject(String key) throws IntentException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw IntentException.invalid(path(key), path(key) + " must be an object");
        }
        return Optional.of(new Payload((ObjectNode) v, path(key) + "."));
    }

    public static Payload empty() {
        return new Payload(Json.object());
    }
}
