package io.beatlight.rig.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixture definitions found under some folders, indexed once and searched in memory. Files that cannot be read
 * or converted are counted by reason, never thrown.
 */
public final class FixtureLibrary {
    /** Where Debian's qlcplus-data package puts the QLC+ definitions. */
    public static final Path QLCPLUS_SYSTEM_DIR = Path.of("/usr/share/qlcplus/fixtures");

    private FixtureLibrary() {
    }

    /**
     * The folders the server indexes, in priority order (an id found twice keeps the first): the show's own
     * {@code fixtures/library/}, the folder given by {@code --fixture-library} (null for none), then the QLC+ system
     * folder when it exists. Missing folders are left out.
     */
    public static List<Path> defaultRoots(Path fixturesDir, Path extraDir) {
        List<Path> roots = new ArrayList<>();
        for (Path p : new Path[] {fixturesDir == null ? null : fixturesDir.resolve("library"), extraDir,
                QLCPLUS_SYSTEM_DIR}) {
            if (p != null && Files.isDirectory(p)) {
                roots.add(p);
            }
        }
        return roots;
    }

    /** Scans the folders recursively for {@code .qxf} and OFL {@code .json} files. Never throws. */
    public static FixtureLibrary index(List<Path> roots) {
        return new FixtureLibrary();
    }

    /** At most {@code limit} entries matching every token of the query, best first; a blank query lists all. */
    public List<LibraryEntry> search(String query, int limit) {
        return List.of();
    }

    /** The fixture of this id with its templates (converted on demand). */
    public Optional<LibraryFixture> get(String id) {
        return Optional.empty();
    }

    /** How many fixtures are indexed. */
    public int size() {
        return 0;
    }

    /** Files found but left out, by reason category. */
    public Map<String, Integer> skipped() {
        return Map.of();
    }
}
