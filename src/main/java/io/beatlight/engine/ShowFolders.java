package io.beatlight.engine;

import java.nio.file.Path;

/** The roots inside a show folder: one folder holds everything a show needs. */
public record ShowFolders(Path root, Path fixtures, Path songs, Path meta, Path cues, Path chasers, Path shows,
                          Path logs) {
    public static ShowFolders of(Path root) {
        Path r = root.toAbsolutePath().normalize();
        return new ShowFolders(r, r.resolve("fixtures"), r.resolve("songs"), r.resolve("meta"), r.resolve("cues"),
                r.resolve("chasers"), r.resolve("shows"), r.resolve("logs"));
    }
}
