package io.beatlight.engine;

import io.beatlight.rig.library.FixtureFiles;
import io.beatlight.rig.library.FixtureLibrary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.Stream;

/**
 * Builds fixture library indexes on a pool of their own and remembers the last few, each with a fingerprint of its
 * definition files (count, total size, newest modification), so an unchanged library is not converted twice in one
 * JVM.
 */
final class IndexCache {
    private static final int KEPT = 4;
    private static final Map<List<Path>, Indexed> RECENT = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Path>, Indexed> eldest) {
            return size() > KEPT;
        }
    };

    private record Indexed(String fingerprint, FixtureLibrary library) {
    }

    private IndexCache() {
    }

    /** The index of {@code roots}: remembered when no definition file changed, else built now (blocking). */
    static FixtureLibrary indexed(List<Path> roots) {
        String fingerprint = fingerprint(roots);
        synchronized (RECENT) {
            Indexed known = RECENT.get(roots);
            if (known != null && known.fingerprint().equals(fingerprint)) {
                return known.library();
            }
        }
        FixtureLibrary library = build(roots);
        synchronized (RECENT) {
            RECENT.put(List.copyOf(roots), new Indexed(fingerprint, library));
        }
        return library;
    }

    /** Converts every definition on a pool of half the cores (the index converts in parallel streams). */
    private static FixtureLibrary build(List<Path> roots) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        ForkJoinPool pool = new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName("fixture-library-" + thread.getPoolIndex());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        }, null, false);
        try {
            return pool.submit(() -> FixtureLibrary.index(roots)).join();
        } finally {
            pool.shutdown();
        }
    }

    /** Count, total size and newest modification time of the definition files under each root. */
    static String fingerprint(List<Path> roots) {
        StringBuilder out = new StringBuilder();
        for (Path root : roots) {
            long[] sums = new long[3];
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(FixtureFiles::isDefinition).forEach(file -> {
                    try {
                        sums[0]++;
                        sums[1] += Files.size(file);
                        sums[2] = Math.max(sums[2], Files.getLastModifiedTime(file).toMillis());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                return "unreadable:" + System.nanoTime(); // never matches: index again
            }
            out.append(root).append(':').append(sums[0]).append('/').append(sums[1]).append('/').append(sums[2])
                    .append(';');
        }
        return out.toString();
    }
}
