package io.beatlight.api.midi;

/** A mapping, trigger or action that does not validate: the field (a JSON path) and what is wrong with it. */
public final class InvalidMapping extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidMapping(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
