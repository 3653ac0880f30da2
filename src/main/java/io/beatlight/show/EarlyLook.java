package io.beatlight.show;

import java.util.function.Consumer;

/**
 * Asks a re-render for a {@link PartialCanvas} as soon as the frames up to {@code untilSeconds} are rendered (the
 * seconds just past the playhead), handed to {@code show} on the rendering thread.
 */
public record EarlyLook(double untilSeconds, Consumer<PartialCanvas> show) {
}
