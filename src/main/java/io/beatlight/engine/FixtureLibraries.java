package io.beatlight.engine;

import io.beatlight.rig.library.FixtureLibrary;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixture library the patch intents search. It is indexed once, in the background, so the server is up at once;
 * until the index is ready the library is unavailable. When it is ready the engine broadcasts the state (its
 * {@code library} key says how many fixtures were found). The index itself is immutable, so searches may run on the
 * engine thread.
 * <p>
 * Indexing converts every definition (about ten CPU-seconds for qlcplus-data's 1,358 files in a fresh JVM), so it
 * runs on its own pool of half the cores: never on the common pool, where it would hold up the re-render of a cue edit
 * made meanwhile. A later server in the same JVM (a test, a restart in-process) reuses the index while no definition
 * file under its folders has changed.
 */
public final class FixtureLibraries {
    private static final Logger LOG = LoggerFactory.getLogger(FixtureLibraries.class);

    /** Where the index is. */
    public enum Status { NOT_INDEXED, INDEXING, READY, FAILED }

    private final ShowEngine engine;
    private volatile Status status = Status.NOT_INDEXED;
    private volatile FixtureLibrary library;
    private volatile List<Path> roots = List.of();
    private volatile long indexMillis;
    private volatile String error;

    FixtureLibraries(ShowEngine engine) {
        this.engine = engine;
    }

    /** Starts indexing {@code folders} (in priority order) in the background; returns at once. */
    public synchronized void indexInBackground(List<Path> folders) {
        if (status == Status.INDEXING) {
            return;
        }
        roots = List.copyOf(folders);
        status = Status.INDEXING;
        Thread thread = new Thread(() -> index(roots), "fixture-library");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void index(List<Path> folders) {
        long started = System.nanoTime();
        try {
            FixtureLibrary indexed = IndexCache.indexed(folders);
            indexMillis = (System.nanoTime() - started) / 1_000_000;
            library = indexed;
            status = Status.READY;
            LOG.info("Fixture library: {} fixtures from {} in {} ms", indexed.size(), folders, indexMillis);
        } catch (RuntimeException | Error e) {
            error = String.valueOf(e.getMessage());
            status = Status.FAILED;
            LOG.error("Fixture library could not be indexed", e);
        }
        if (!engine.executeUnlessStopped(() -> engine.publish(ShowEvent.STATE_CHANGED))) {
            LOG.debug("Fixture library indexed after the engine stopped; nobody to tell");
        }
    }

    /** The library once it is indexed. */
    public Optional<FixtureLibrary> ready() {
        return Optional.ofNullable(library);
    }

    public Status status() {
        return status;
    }

    /** The folders indexed (or being indexed), in priority order. */
    public List<Path> roots() {
        return roots;
    }

    /** How long indexing took, in milliseconds (0 until it is ready). */
    public long indexMillis() {
        return indexMillis;
    }

    /** Why indexing failed, or null. */
    public String error() {
        return error;
    }
}
