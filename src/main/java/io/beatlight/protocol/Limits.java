package io.beatlight.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;

/**
 * Bounds on everything a client can create (docs/protocol.md#size-limits), so that no client can grow a show file,
 * or every snapshot, without limit. A value too long is {@code invalid_payload} naming its field; a full collection or
 * an oversized record is {@code limit_exceeded} with details {@code {limit, actual}}. Files edited by hand may hold
 * more: they load, and an edit that does not grow them further is still accepted.
 */
public final class Limits {
    /** Characters of an id a client creates (POI, fixture). */
    public static final int MAX_ID_CHARS = 64;
    /** Characters of a name (POI, fixture, section). */
    public static final int MAX_NAME_CHARS = 200;
    /** Characters of one stored record (a POI, a cue row) as compact JSON. */
    public static final int MAX_RECORD_CHARS = 16_384;
    public static final int MAX_POIS = 10_000;
    /** Rows of one cue sheet (a six-minute show has about 3,600). */
    public static final int MAX_CUE_ROWS = 20_000;
    public static final int MAX_SECTIONS = 1_000;
    public static final int MAX_FIXTURES = 10_000;
    /** Started chaser instances remembered for {@code chaser.stop}; the oldest are forgotten beyond it. */
    public static final int MAX_CHASER_INSTANCES = 50;

    private Limits() {
    }

    /** An id of at most {@link #MAX_ID_CHARS}; the refusal does not echo the id. */
    public static String id(String field, String id) throws IntentException {
        if (id.length() > MAX_ID_CHARS) {
            throw IntentException.invalid(field, field + " must be at most " + MAX_ID_CHARS + " characters, got "
                    + id.length());
        }
        return id;
    }

    /** A name of at most {@link #MAX_NAME_CHARS}. */
    public static String name(String field, String name) throws IntentException {
        if (name.length() > MAX_NAME_CHARS) {
            throw IntentException.invalid(field, field + " must be at most " + MAX_NAME_CHARS + " characters, got "
                    + name.length());
        }
        return name;
    }

    /** A record no longer than {@link #MAX_RECORD_CHARS} as compact JSON. */
    public static void record(String what, JsonNode record) throws IntentException {
        int length = Json.write(record).length();
        if (length > MAX_RECORD_CHARS) {
            throw exceeded(null, what + " is " + length + " characters as JSON; at most " + MAX_RECORD_CHARS
                    + " are kept", MAX_RECORD_CHARS, length);
        }
    }

    /** A collection growing from {@code before} to {@code after} entries; shrinking or staying is always allowed. */
    public static void count(String what, int before, int after, int limit) throws IntentException {
        if (after > limit && after > before) {
            throw exceeded(null, "at most " + limit + " " + what + " are allowed", limit, after);
        }
    }

    public static IntentException exceeded(String field, String message, int limit, int actual) {
        return new IntentException(ErrorCode.LIMIT_EXCEEDED, message, field,
                Json.object().put("limit", limit).put("actual", actual));
    }
}
