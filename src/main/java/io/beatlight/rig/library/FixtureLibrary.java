package io.beatlight.rig.library;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fixture definitions found under some folders, indexed once and searched in memory. Indexing parses every
 * file and checks its modes the way the conversion does, so a search lists the modes {@link #get} gives templates
 * for; files that cannot be read or converted are counted by reason, never thrown. Immutable once built, so searches
 * may run on any thread.
 */
public final class FixtureLibrary {
    /** Where Debian's qlcplus-data package puts the QLC+ definitions. */
    public static final Path QLCPLUS_SYSTEM_DIR = Path.of("/usr/share/qlcplus/fixtures");
    /** Converted fixtures kept for {@link #get}; a conversion takes a few milliseconds, so only the recent ones. */
    private static final int CACHED_FIXTURES = 32;

    private final List<Path> roots;
    private final List<Indexed> entries;
    private final Map<String, Indexed> byId;
    private final Map<String, Integer> skipped;
    private final long indexNanos;
    private final Map<String, LibraryFixture> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, LibraryFixture> eldest) {
                    return size() > CACHED_FIXTURES;
                }
            });

    /** An entry with the file it comes from and its search tokens. */
    private record Indexed(LibraryEntry entry, Path file, SearchTokens tokens) {
    }

    private FixtureLibrary(List<Path> roots, List<Indexed> entries, Map<String, Integer> skipped, long indexNanos) {
        this.roots = List.copyOf(roots);
        this.entries = List.copyOf(entries);
        Map<String, Indexed> ids = new HashMap<>();
        entries.forEach(e -> ids.put(e.entry().id(), e));
        this.byId = Map.copyOf(ids);
        this.skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        this.indexNanos = indexNanos;
    }

    /** A library with nothing in it. */
    public static FixtureLibrary empty() {
        return new FixtureLibrary(List.of(), List.of(), Map.of(), 0);
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
            if (p != null && Files.isDirectory(p) && !roots.contains(p)) {
                roots.add(p);
            }
        }
        return roots;
    }

    /**
     * Scans the folders recursively for {@code .qxf} and OFL {@code .json} files and converts each. Never throws: a
     * missing folder, an unreadable file or one that cannot be converted is counted in {@link #skipped()}.
     */
    public static FixtureLibrary index(List<Path> roots) {
        long start = System.nanoTime();
        Map<String, Integer> skipped = new HashMap<>();
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            files.addAll(definitionFiles(root, skipped));
        }
        // converted in parallel, kept in root order and then path order so that the first of two equal ids wins
        List<Object> outcomes = files.parallelStream().map(FixtureLibrary::indexOne).toList();
        List<Indexed> entries = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof Indexed indexed) {
                if (seen.putIfAbsent(indexed.entry().id(), true) == null) {
                    entries.add(indexed);
                } else {
                    skipped.merge("duplicate id", 1, Integer::sum);
                }
            } else {
                skipped.merge((String) outcome, 1, Integer::sum);
            }
        }
        entries.sort(Comparator.comparing((Indexed i) -> i.entry().manufacturer(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(i -> i.entry().model(), String.CASE_INSENSITIVE_ORDER));
        return new FixtureLibrary(roots, entries, skipped, System.nanoTime() - start);
    }

    private static List<Path> definitionFiles(Path root, Map<String, Integer> skipped) {
        if (!Files.isDirectory(root)) {
            skipped.merge("folder not found", 1, Integer::sum);
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(FixtureFiles::isDefinition).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            skipped.merge(Reasons.UNREADABLE, 1, Integer::sum);
            return List.of();
        }
    }

    /** The indexed entry, or the reason category the file was left out for. */
    private static Object indexOne(Path file) {
        try {
            LibraryEntry entry = FixtureFiles.entry(file);
            return new Indexed(entry, file, SearchTokens.of(entry));
        } catch (FixtureImportException e) {
            return e.reason();
        } catch (RuntimeException e) {
            // a converter bug must not stop the server from starting; it is counted and the tests look for it
            return "conversion error";
        }
    }

    /**
     * At most {@code limit} entries matching every word of the query (as a word start in the manufacturer, model,
     * type or id, case- and accent-insensitive), best first; a blank query lists every entry by manufacturer and
     * model.
     */
    public List<LibraryEntry> search(String query, int limit) {
        int max = Math.max(0, limit);
        List<String> words = SearchTokens.words(query == null ? "" : query);
        if (words.isEmpty()) {
            return entries.stream().limit(max).map(Indexed::entry).toList();
        }
        List<Scored> hits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            int score = entries.get(i).tokens().score(words);
            if (score > 0) {
                hits.add(new Scored(i, score));
            }
        }
        // best score first; among equals, the shorter model (the closer match), then the index order
        hits.sort(Comparator.comparingInt(Scored::score).reversed()
                .thenComparingInt(s -> entries.get(s.index()).entry().model().length())
                .thenComparingInt(Scored::index));
        return hits.stream().limit(max).map(s -> entries.get(s.index()).entry()).toList();
    }

    private record Scored(int index, int score) {
    }

    /** The fixture of this id with a template per mode (converted from its file on demand). */
    public Optional<LibraryFixture> get(String id) {
        Indexed indexed = id == null ? null : byId.get(id);
        if (indexed == null) {
            return Optional.empty();
        }
        LibraryFixture cached = recent.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            LibraryFixture fixture = FixtureFiles.read(indexed.file());
            if (!fixture.id().equals(id)) {
                return Optional.empty(); // the file changed since it was indexed
            }
            recent.put(id, fixture);
            return Optional.of(fixture);
        } catch (FixtureImportException e) {
            return Optional.empty();
        }
    }

    /** The index entry of this id, without converting anything. */
    public Optional<LibraryEntry> entry(String id) {
        Indexed indexed = id == null ? null : byId.get(id);
        return indexed == null ? Optional.empty() : Optional.of(indexed.entry());
    }

    /** How many fixtures are indexed. */
    public int size() {
        return entries.size();
    }

    /** Files (or folders) found but left out, by reason category. */
    public Map<String, Integer> skipped() {
        return skipped;
    }

    public List<Path> roots() {
        return roots;
    }

    /** How long {@link #index} took, in milliseconds. */
    public double indexMillis() {
        return indexNanos / 1e6;
    }
}
