package io.beatlight.util;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How a written file is flushed to the disk before it is renamed into place. {@link #FORCE} is the real thing; tests
 * pass a slower or failing one to see what waits for the disk and what does not.
 */
@FunctionalInterface
public interface FileSync {
    FileSync FORCE = channel -> channel.force(true);

    void force(FileChannel channel) throws IOException;
}
