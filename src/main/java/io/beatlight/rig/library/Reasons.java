package io.beatlight.rig.library;

/** The categories a definition file is refused under, as the import report counts them. */
final class Reasons {
    static final String UNREADABLE = "unreadable file";
    static final String NOT_A_FIXTURE = "not a fixture definition";
    static final String NO_MODES = "no modes";
    static final String NO_USABLE_MODE = "no usable mode";

    private Reasons() {
    }
}
