package io.beatlight.song;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where each metadata layout of one song lives in the meta folder. A new layout adds its file here, its reader next
 * to the others, and its place in the order of {@link MetadataLoader}.
 */
record SongMetaFiles(Path metaRoot, String id) {
    Path songDir() {
        return metaRoot.resolve(id);
    }

    /** The seed metadata file ({@code parts}, {@code bpm}, {@code length}, hints…), first found wins. */
    Path seed() {
        for (Path candidate : seedCandidates()) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Where a seed metadata file may be, in order of preference. */
    List<Path> seedCandidates() {
        return List.of(metaRoot.resolve(id + ".json"), songDir().resolve(id + ".json"), songDir().resolve("meta.json"));
    }

    Path info() {
        return songDir().resolve("info.json");
    }

    /** {@code sections.json}: an array of sections, or an object holding one under {@code sections}. */
    Path sections() {
        return songDir().resolve("sections.json");
    }

    /** The beats file when nothing names another one. */
    Path beats() {
        return songDir().resolve("beats.json");
    }

    /** The chord rows of a Moises export, one per beat. */
    Path chords() {
        return songDir().resolve("moises").resolve("chords.json");
    }
}
