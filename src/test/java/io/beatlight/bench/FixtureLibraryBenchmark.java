package io.beatlight.bench;

import io.beatlight.rig.library.FixtureFiles;
import io.beatlight.rig.library.FixtureImportException;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.rig.library.LibraryEntry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Fixture-library figures on Debian's qlcplus-data (or the folders given as arguments, e.g. a checkout of the Open
 * Fixture Library's {@code fixtures/}): files converted and refused by reason, modes and what their templates could
 * not map, the time to convert the whole library (first pass on a cold JVM and a warm pass, wall and CPU of the
 * converting thread), the index time of {@link FixtureLibrary#index}, and search latency p50/p99 over many queries
 * made from the library's own words. {@code bench/run FixtureLibraryBenchmark [DIR...]}.
 */
public final class FixtureLibraryBenchmark {
    private static final int QUERIES = 20_000;
    private static final int LIMIT = 20;

    private FixtureLibraryBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            roots.add(Path.of(arg));
        }
        if (roots.isEmpty()) {
            roots.add(FixtureLibrary.QLCPLUS_SYSTEM_DIR);
        }
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                System.out.println(root + ": not a folder (install qlcplus-data for the default one)");
                return;
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(FixtureFiles::isDefinition).sorted().forEach(files::add);
            }
        }
        System.out.printf("Fixture library: %d definition files under %s%n", files.size(), roots);
        // first, as the server does at start-up: index on a fresh JVM
        long start = System.nanoTime();
        FixtureLibrary library = FixtureLibrary.index(roots);
        System.out.printf("Index on a cold JVM (FixtureLibrary.index, parallel on %d cores): %.0f ms for %d fixtures, "
                        + "skipped %s%n", Runtime.getRuntime().availableProcessors(), (System.nanoTime() - start) / 1e6,
                library.size(), library.skipped());
        convertAll(files, true);
        convertAll(files, false);
        start = System.nanoTime();
        FixtureLibrary.index(roots);
        System.out.printf("Index on a warm JVM: %.0f ms%n", (System.nanoTime() - start) / 1e6);
        search(library);
    }

    /** Converts every file on this thread; with {@code report}, prints the outcome by reason category too. */
    private static void convertAll(List<Path> files, boolean report) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Integer> refused = new TreeMap<>();
        Map<String, Integer> notes = new TreeMap<>();
        int converted = 0;
        int modes = 0;
        int droppedModes = 0;
        int modesWithNotes = 0;
        int exceptions = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (Path file : files) {
            try {
                FixtureFiles.Conversion conversion = FixtureFiles.convert(file);
                converted++;
                modes += conversion.fixture().modes().size();
                droppedModes += conversion.droppedModes().size();
                for (ImportedTemplate mode : conversion.fixture().modes()) {
                    modesWithNotes += mode.unmapped().isEmpty() ? 0 : 1;
                    mode.unmapped().forEach(note -> notes.merge(category(note), 1, Integer::sum));
                }
            } catch (FixtureImportException e) {
                refused.merge(e.reason(), 1, Integer::sum);
            } catch (RuntimeException e) {
                exceptions++;
                System.out.println("  EXCEPTION " + file + ": " + e);
            }
        }
        double wallMs = (System.nanoTime() - wall0) / 1e6;
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        if (report) {
            System.out.printf("Converted %d of %d files (%.1f %%), refused %d, exceptions %d%n", converted,
                    files.size(), 100.0 * converted / Math.max(1, files.size()), files.size() - converted - exceptions,
                    exceptions);
            refused.forEach((reason, n) -> System.out.printf("  refused, %s: %d%n", reason, n));
            System.out.printf("Modes: %d converted, %d left out; %d modes with something not mapped:%n", modes,
                    droppedModes, modesWithNotes);
            notes.forEach((category, n) -> System.out.printf("  %5d  %s%n", n, category));
        }
        System.out.printf("Whole-library conversion, %s pass (after the index): %.0f ms wall, %.0f ms CPU, "
                + "%.2f ms CPU per file%n",
                report ? "first" : "second", wallMs, cpuMs, cpuMs / Math.max(1, files.size()));
    }

    /** The kind of a not-mapped note, without the channel names and numbers. */
    private static String category(String note) {
        if (note.contains("8-bit only")) {
            return "pan or tilt without a fine channel (8-bit slider, no movement effects)";
        }
        if (note.startsWith("fine bytes kept at 0")) {
            return "fine bytes of 8-bit controls (dimmer, colours…) kept at 0";
        }
        if (note.startsWith("CMY")) {
            return "CMY mixing as sliders, no rgb control";
        }
        if (note.contains("heads: one fixture") && note.contains("colour effects")) {
            return "several heads, per-head colour only (no whole-fixture rgb)";
        }
        if (note.contains("heads: one fixture")) {
            return "several heads (numbered per-head controls)";
        }
        if (note.contains("without its coarse")) {
            return "fine byte without its coarse channel";
        }
        if (note.contains("no complete red/green/blue")) {
            return "red, green or blue without a complete set";
        }
        return note;
    }

    private static void search(FixtureLibrary library) {
        List<String> queries = queries(library);
        for (String q : queries.subList(0, Math.min(2000, queries.size()))) {
            library.search(q, LIMIT); // warm-up
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> micros = new ArrayList<>();
        List<Double> cpuMicros = new ArrayList<>();
        long hits = 0;
        for (String q : queries) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            List<LibraryEntry> found = library.search(q, LIMIT);
            micros.add((System.nanoTime() - t0) / 1e3);
            cpuMicros.add((threads.getCurrentThreadCpuTime() - c0) / 1e3);
            hits += found.size();
        }
        Stats stats = new Stats(micros);
        Stats cpu = new Stats(cpuMicros);
        System.out.printf(Locale.ROOT, "Search over %d fixtures, %d queries (limit %d, %.1f results on average): "
                        + "wall p50 %.3f ms, p99 %.3f ms, max %.3f ms; CPU p50 %.3f ms, p99 %.3f ms%n", library.size(),
                queries.size(), LIMIT, (double) hits / queries.size(), stats.percentile(50) / 1000,
                stats.percentile(99) / 1000, stats.max() / 1000, cpu.percentile(50) / 1000, cpu.percentile(99) / 1000);
        long coldStart = System.nanoTime();
        library.get(library.search("spot", 1).isEmpty() ? "" : library.search("spot", 1).get(0).id());
        System.out.printf("library.get (convert one file on demand): %.1f ms%n", (System.nanoTime() - coldStart) / 1e6);
    }

    /**
     * Queries as users type them: a manufacturer, a model word, a word start, a type, two words, a manufacturer and
     * a model word, and some that match nothing; drawn from the library with a fixed seed.
     */
    private static List<String> queries(FixtureLibrary library) {
        List<LibraryEntry> all = library.search("", Integer.MAX_VALUE);
        Random random = new Random(12);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < QUERIES && !all.isEmpty(); i++) {
            LibraryEntry e = all.get(random.nextInt(all.size()));
            String[] model = e.model().split("\\s+");
            String word = model[random.nextInt(model.length)];
            out.add(switch (i % 8) {
                case 0 -> e.manufacturer();
                case 1 -> word;
                case 2 -> word.substring(0, Math.max(1, Math.min(word.length(), 3)));
                case 3 -> e.type();
                case 4 -> e.model();
                case 5 -> e.manufacturer().split("\\s+")[0] + " " + word;
                case 6 -> "zq" + random.nextInt(1000);
                default -> word.toLowerCase(Locale.ROOT) + " " + e.type().split("\\s+")[0];
            });
        }
        return out;
    }
}
