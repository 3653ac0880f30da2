package io.beatlight.app;

import io.beatlight.Main;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Options for a server child JVM that starts quickly, for tests that start it many times: C1 only, serial GC, and an
 * application class-data sharing archive written by the first run ({@code -XX:ArchiveClassesAtExit}, dumped when
 * that JVM exits normally) and mapped by every later one. The archive needs a class path of jars only, so the
 * application's classes are packed into a jar first.
 */
final class FastServerJvm {
    private static final List<String> BASE = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final String classPath;
    private final Path archive;
    private boolean started;

    FastServerJvm(Path workDir) throws IOException, URISyntaxException {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(classes)) {
            Path jar = workDir.resolve("beatlight-classes.jar");
            pack(classes, jar);
            entries.add(jar.toString());
        }
        // the dependencies' jars; directories (the test classes) are left out, the server does not need them
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Files.isRegularFile(Path.of(entry))) {
                entries.add(entry);
            }
        }
        classPath = String.join(File.pathSeparator, entries);
        archive = workDir.resolve("beatlight.jsa");
    }

    String classPath() {
        return classPath;
    }

    /**
     * The options of the next start: the first writes the archive (when it exits normally), the others map it (or
     * start without one when it was not written).
     */
    List<String> options() {
        List<String> options = new ArrayList<>(BASE);
        if (!started) {
            options.add("-XX:ArchiveClassesAtExit=" + archive);
        } else if (hasArchive()) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        started = true;
        return options;
    }

    boolean hasArchive() {
        return Files.isRegularFile(archive);
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             Stream<Path> paths = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
