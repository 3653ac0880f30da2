package io.beatlight.output;

import io.beatlight.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sACN component identifier (CID) of a show: a random UUID kept in the show folder ({@value #FILE_NAME}), so a
 * restart of the same show is the same source to every receiver (they merge and track sources by CID). When the file
 * cannot be written, a UUID derived from the show folder's path is used, which is still stable across restarts.
 */
public final class SacnCid {
    public static final String FILE_NAME = "sacn-cid";
    private static final Logger LOG = LoggerFactory.getLogger(SacnCid.class);

    private SacnCid() {
    }

    public static UUID forShow(Path showDir) {
        Path file = showDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return UUID.fromString(Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
            UUID cid = UUID.randomUUID();
            AtomicFiles.write(file, (cid + "\n").getBytes(StandardCharsets.US_ASCII), false);
            return cid;
        } catch (IOException | IllegalArgumentException e) {
            UUID derived = derived(showDir);
            LOG.warn("sACN CID file {} unusable ({}); using {} derived from the show folder path", file,
                    e.getMessage(), derived);
            return derived;
        }
    }

    static UUID derived(Path showDir) {
        return UUID.nameUUIDFromBytes(("beatlight sACN source " + showDir.toAbsolutePath().normalize())
                .getBytes(StandardCharsets.UTF_8));
    }
}
