package io.beatlight.demo;

import io.beatlight.engine.ShowFolders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a user's show folder from the bundled demo show. The bundled files are read from the classpath (listed in
 * {@code demo-show/index.txt}, because folders inside a jar cannot be listed reliably) and copied; the demo song
 * and its metadata are synthesised. Existing user files are never overwritten and the bundled copy never changes.
 */
public final class DemoShow {
    private static final Logger LOG = LoggerFactory.getLogger(DemoShow.class);
    static final String RESOURCE_ROOT = "/demo-show/";

    private DemoShow() {
    }

    /** True when the folder is missing or holds nothing: the state in which the demo is installed. */
    public static boolean needsBootstrap(Path showDir) throws IOException {
        if (!Files.exists(showDir)) {
            return true;
        }
        if (!Files.isDirectory(showDir)) {
            throw new IOException(showDir + " is not a folder");
        }
        try (Stream<Path> entries = Files.list(showDir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Installs the demo show when the folder is missing or empty; returns the files it created. */
    public static List<Path> bootstrapIfEmpty(Path showDir) throws IOException {
        if (!needsBootstrap(showDir)) {
            return List.of();
        }
        List<Path> created = install(showDir);
        LOG.info("Created show folder {} from the demo show ({} files)", showDir, created.size());
        return created;
    }

    /** Copies every bundled file that is not already there and synthesises the demo song if it is missing. */
    public static List<Path> install(Path showDir) throws IOException {
        List<Path> created = new ArrayList<>();
        for (String name : index()) {
            Path target = showDir.resolve(name).normalize();
            if (!target.startsWith(showDir) || Files.exists(target)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = DemoShow.class.getResourceAsStream(RESOURCE_ROOT + name)) {
                if (in == null) {
                    throw new IOException("bundled demo file missing: " + name);
                }
                Files.copy(in, target);
            }
            created.add(target);
        }
        ShowFolders folders = ShowFolders.of(showDir);
        Path song = folders.songs().resolve(DemoSong.ID + ".wav");
        if (!Files.exists(song) && !Files.exists(folders.meta().resolve(DemoSong.ID))) {
            DemoSong.writeInto(folders.songs(), folders.meta());
            created.add(song);
            created.add(folders.meta().resolve(DemoSong.ID).resolve(DemoSong.ID + ".json"));
            created.add(folders.meta().resolve(DemoSong.ID).resolve("beats.json"));
        }
        return created;
    }

    /** The bundled file list. */
    public static List<String> index() throws IOException {
        try (InputStream in = DemoShow.class.getResourceAsStream(RESOURCE_ROOT + "index.txt")) {
            if (in == null) {
                throw new IOException("bundled demo show index missing");
            }
            List<String> names = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        names.add(line.trim());
                    }
                }
            }
            return names;
        }
    }
}
