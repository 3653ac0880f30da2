package io.beatlight.util;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * Typed reads of one JSON object's fields, for loaders that report every bad field instead of giving up at the
 * first. A read that finds a value of the wrong type (or a required value missing) reports the file, the field's
 * path (such as {@code meta_channels.dimmer.kind} or {@code [3] (par_1).universe}) and what is wrong, and returns
 * null (or the documented default). An absent optional field, or one that is JSON null, is not a problem.
 */
public final class FieldReader {
    /** Where bad fields are reported; the loader decides their severity and how the line reads. */
    @FunctionalInterface
    public interface Problems {
        void report(String file, String field, String message);
    }

    /** What to say about a bad value, given the value as found (null when it is missing). */
    @FunctionalInterface
    public interface Complaint {
        String about(JsonNode value);
    }

    private final String file;
    private final String path;
    private final JsonNode node;
    private final Problems problems;

    private FieldReader(String file, String path, JsonNode node, Problems problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** Reads the fields of {@code node}, the whole content of {@code file} or a part of it at {@code path}. */
    public static FieldReader of(String file, String path, JsonNode node, Problems problems) {
        return new FieldReader(file, path, node, problems);
    }

    /** The same fields, with bad ones reported elsewhere (for instance as warnings rather than errors). */
    public FieldReader reportingTo(Problems other) {
        return new FieldReader(file, path, node, other);
    }

    public JsonNode node() {
        return node;
    }

    /** The path of a field of this object; the empty key is the object itself. */
    public String field(String key) {
        if (key.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports a problem with a field of this object (the empty key: with the object itself). */
    public void report(String key, String message) {
        problems.report(file, field(key), message);
    }

    /** The field's value, or null when it is absent or JSON null. */
    public JsonNode value(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    /** The object's fields in file order. */
    public Set<Map.Entry<String, JsonNode>> properties() {
        return node.properties();
    }

    // ---- strings -------------------------------------------------------------------------------------------------

    /** The field's text, or null when it is absent or not a string; never a problem. */
    public String string(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A string that must be there. */
    public String requiredString(String key, String message) {
        String v = string(key);
        if (v == null) {
            report(key, message);
        }
        return v;
    }

    /** A string that may be absent (null) but is a string when given. */
    public String optionalString(String key, String message) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            report(key, message);
            return null;
        }
        return v.asText();
    }

    /** An array of strings that may be absent (null); bad items are reported and left out. */
    public List<String> optionalStrings(String key, String notAnArray, String notAString) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            report(key, notAnArray);
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isTextual()) {
                out.add(v.get(i).asText());
            } else {
                report(key + "[" + i + "]", notAString);
            }
        }
        return out;
    }

    // ---- numbers and flags ---------------------------------------------------------------------------------------

    /** An integer in [min, max] that must be there. */
    public Long requiredInteger(String key, long min, long max, Complaint complaint) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            report(key, complaint.about(v));
            return null;
        }
        return v.asLong();
    }

    /** An integer in [min, max] that may be absent (null). */
    public Long optionalInteger(String key, long min, long max, Complaint complaint) {
        return value(key) == null ? null : requiredInteger(key, min, max, complaint);
    }

    /** A number that may be absent (null); a number {@code valid} refuses is reported like a non-number. */
    public Double optionalNumber(String key, DoublePredicate valid, String message) {
        JsonNode v = value(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !valid.test(v.asDouble())) {
            report(key, message);
            return null;
        }
        return v.asDouble();
    }

    /** A number that may be absent (null). */
    public Double optionalNumber(String key, String message) {
        return optionalNumber(key, v -> true, message);
    }

    /** The field's number when it is a finite one, else null; never a problem. */
    public Double finiteNumber(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }

    /** The finite numbers of an array field, skipping anything else; an absent field or a non-array gives none. */
    public List<Double> finiteNumbers(String key) {
        List<Double> out = new ArrayList<>();
        JsonNode list = node.get(key);
        if (list != null && list.isArray()) {
            for (JsonNode v : list) {
                if (v.isNumber() && Double.isFinite(v.asDouble())) {
                    out.add(v.asDouble());
                }
            }
        }
        return out;
    }

    /** A flag that is false when absent. */
    public boolean optionalBool(String key, String message) {
        JsonNode v = value(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            report(key, message);
            return false;
        }
        return v.asBoolean();
    }

    // ---- nested objects ------------------------------------------------------------------------------------------

    /** A nested object that must be there, read with the same problems. */
    public FieldReader requiredObject(String key, String message) {
        JsonNode v = node.get(key);
        if (v == null || !v.isObject()) {
            report(key, message);
            return null;
        }
        return new FieldReader(file, field(key), v, problems);
    }

    /** A nested object that may be absent (null). */
    public FieldReader optionalObject(String key, String message) {
        return value(key) == null ? null : requiredObject(key, message);
    }

    /** The value at {@code key} read the same way, never a problem: absent or not an object, it has no fields. */
    public FieldReader at(String key) {
        return new FieldReader(file, field(key), node.path(key), problems);
    }
}
