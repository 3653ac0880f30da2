package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The value coercions of the reference renderer (see docs/effects.md), reproducing Python's {@code int()},
 * {@code float()} and truthiness on JSON values, because seed cue sheets rely on them ({@code "50"} → 50,
 * {@code 25.9} → 25, {@code true} → 1).
 * "FAIL" is represented by null.
 */
public final class Coerce {
    private static final Pattern INT_TEXT = Pattern.compile("[+-]?\\d(?:_?\\d)*");
    private static final Pattern FLOAT_TEXT = Pattern.compile(
            "[+-]?(?:\\d(?:_?\\d)*(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Coerce() {
    }

    /** Python {@code int(v)}, saturated to the long range (callers clamp further); null on FAIL. */
    public static Long integer(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1L : 0L;
        }
        if (v.isIntegralNumber()) {
            return saturate(v.bigIntegerValue());
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (!Double.isFinite(d)) {
                return null;
            }
            return saturate(new BigDecimal(d).toBigInteger()); // truncates toward zero
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (!INT_TEXT.matcher(s).matches()) {
                return null;
            }
            return saturate(new BigInteger(s.replace("_", "")));
        }
        return null;
    }

    private static long saturate(BigInteger value) {
        if (value.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        if (value.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        return value.longValue();
    }

    /** Python {@code float(v)}; null on FAIL, including "nan" and "inf" (which the reference cannot render). */
    public static Double real(JsonNode v) {
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1.0 : 0.0;
        }
        if (v.isNumber()) {
            double d = v.isBigInteger() ? v.bigIntegerValue().doubleValue() : v.doubleValue();
            return Double.isFinite(d) ? d : null;
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (!FLOAT_TEXT.matcher(s).matches()) {
                return null;
            }
            double d = Double.parseDouble(s.replace("_", ""));
            return Double.isFinite(d) ? d : null;
        }
        return null;
    }

    /** {@code clamp(INT(v), 0, 255)}; FAIL → 0. */
    public static int byteValue(JsonNode v) {
        Long i = integer(v);
        return i == null ? 0 : (int) Math.max(0, Math.min(255, i));
    }

    /** {@code clamp(INT(v), 0, 65535)}; FAIL → 0. */
    public static int u16(JsonNode v) {
        Long i = integer(v);
        return i == null ? 0 : (int) Math.max(0, Math.min(65535, i));
    }

    /** {@code FLOAT(v)}, or {@code fallback} when missing or FAIL. */
    public static double num(JsonNode v, double fallback) {
        Double d = real(v);
        return d == null ? fallback : d;
    }

    /** Python truthiness of a JSON value; a missing value is falsy. */
    public static boolean truthy(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().signum() != 0 : v.doubleValue() != 0.0;
        }
        if (v.isTextual()) {
            return !v.asText().isEmpty();
        }
        return v.size() > 0;
    }

    /** {@code KEY(v)} for POI names: "" when falsy, else Python's {@code str(v)}, trimmed. */
    public static String key(JsonNode v) {
        if (!truthy(v)) {
            return "";
        }
        return pythonString(v).strip();
    }

    /** Python's {@code str()} of a JSON scalar (close enough for containers, which never name a POI). */
    public static String pythonString(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "True" : "False";
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e16) {
                return (long) d + ".0";
            }
            return Double.toString(d).replace("E", "e");
        }
        if (v.isNull()) {
            return "None";
        }
        return v.toString();
    }
}
