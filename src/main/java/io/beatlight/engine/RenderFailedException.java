package io.beatlight.engine;

/**
 * A re-render of the canvas failed (or will never run: the show is shutting down). The change it was for is applied
 * and stays; output keeps the canvas installed before it.
 */
public final class RenderFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RenderFailedException(Throwable cause) {
        super("the canvas could not be rendered: " + cause, cause);
    }

    RenderFailedException(String message) {
        super(message);
    }
}
