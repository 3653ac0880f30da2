package io.beatlight.protocol;

/** The stable {@code reply.error.code} values (plus the envelope-level ones), listed in docs/protocol.md#errors. */
public final class ErrorCode {
    public static final String INVALID_JSON = "invalid_json";
    public static final String UNSUPPORTED_MESSAGE_TYPE = "unsupported_message_type";
    public static final String UNKNOWN_INTENT = "unknown_intent";
    public static final String MESSAGE_TOO_LARGE = "message_too_large";
    /** A connection sent more messages than it may (per second, or waiting for the engine); this one was not run. */
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INVALID_PAYLOAD = "invalid_payload";
    public static final String LIMIT_EXCEEDED = "limit_exceeded";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String PLAYBACK_ACTIVE = "playback_active";
    public static final String NO_SONG_LOADED = "no_song_loaded";
    public static final String UNKNOWN_SONG = "unknown_song";
    public static final String LOAD_FAILED = "load_failed";
    public static final String FIXTURE_NOT_FOUND = "fixture_not_found";
    public static final String EFFECT_NOT_SUPPORTED = "effect_not_supported";
    public static final String INVALID_DURATION = "invalid_duration";
    public static final String NO_SECTIONS_AVAILABLE = "no_sections_available";
    public static final String SECTION_INDEX_OUT_OF_RANGE = "section_index_out_of_range";
    public static final String POI_NOT_FOUND = "poi_not_found";
    public static final String POI_EXISTS = "poi_exists";
    public static final String PERSIST_FAILED = "persist_failed";
    public static final String RENDER_FAILED = "render_failed";
    public static final String CUE_INDEX_OUT_OF_RANGE = "cue_index_out_of_range";
    public static final String CUE_CONFLICT = "cue_conflict";
    public static final String CUE_SHEET_UNREADABLE = "cue_sheet_unreadable";
    public static final String UNKNOWN_CHASER = "unknown_chaser";
    public static final String UNKNOWN_INSTANCE_ID = "unknown_instance_id";
    public static final String BPM_UNAVAILABLE = "bpm_unavailable";
    public static final String CANVAS_UNAVAILABLE = "canvas_unavailable";
    public static final String NOTHING_TO_UNDO = "nothing_to_undo";
    public static final String NOTHING_TO_REDO = "nothing_to_redo";
    public static final String UNKNOWN_HELPER_ID = "unknown_helper_id";
    public static final String LIBRARY_UNAVAILABLE = "library_unavailable";
    public static final String UNKNOWN_LIBRARY_FIXTURE = "unknown_library_fixture";
    public static final String UNKNOWN_MODE = "unknown_mode";
    public static final String UNKNOWN_TEMPLATE = "unknown_template";
    public static final String INVALID_TEMPLATE = "invalid_template";
    public static final String FIXTURE_EXISTS = "fixture_exists";
    public static final String ADDRESS_CONFLICT = "address_conflict";
    public static final String ADDRESS_OUT_OF_RANGE = "address_out_of_range";
    public static final String FIXTURE_IN_USE = "fixture_in_use";
    // human hints and cue helpers (docs/protocol.md#client-profiles)
    public static final String UNKNOWN_HINT = "unknown_hint";
    public static final String HINTS_UNREADABLE = "hints_unreadable";
    public static final String BEATS_UNAVAILABLE = "beats_unavailable";
    public static final String HELPER_FAILED = "helper_failed";
    // MIDI control (docs/midi.md)
    public static final String MIDI_MAPPINGS_UNREADABLE = "midi_mappings_unreadable";
    public static final String UNKNOWN_MIDI_MAPPING = "unknown_midi_mapping";

    private ErrorCode() {
    }
}
