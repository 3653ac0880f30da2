package io.beatlight.rig;

/**
 * One problem found while loading a show file: which file, which field (a JSON-pointer-like path such as
 * {@code [3].base_channel}), how bad, and what is wrong in words a user can act on.
 */
public record LoadProblem(String file, String field, Severity severity, String message) {
    public enum Severity { WARNING, ERROR }

    public static LoadProblem error(String file, String field, String message) {
        return new LoadProblem(file, field, Severity.ERROR, message);
    }

    public static LoadProblem warning(String file, String field, String message) {
        return new LoadProblem(file, field, Severity.WARNING, message);
    }

    @Override
    public String toString() {
        return file + (field == null || field.isEmpty() ? "" : " " + field) + ": " + message;
    }
}
