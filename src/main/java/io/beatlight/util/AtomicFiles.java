package io.beatlight.util;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Crash-safe file writes: the content goes to a temporary file in the same folder, is flushed to disk, and is
 * renamed over the target, so readers see the old file or the new one, never a torn one. The new file keeps the old
 * one's permissions; the temporary files of writes cut short are removed at start-up
 * ({@link #removeStaleTemporaryFiles}).
 */
public final class AtomicFiles {
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.\\d+\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes atomically. With {@code keepBackup}, the previous content is kept as {@code <name>.bak}. */
    public static void write(Path target, byte[] content, boolean keepBackup) throws IOException {
        write(target, content, keepBackup, FileSync.FORCE);
    }

    /** As {@link #write(Path, byte[], boolean)}, flushing the content with {@code sync}. */
    public static void write(Path target, byte[] content, boolean keepBackup, FileSync sync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTemporaryFile(dir, target.getFileName().toString());
        try {
            keepPermissions(target, tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                sync.force(channel);
            }
            if (keepBackup && Files.isRegularFile(target)) {
                backUp(target, dir);
            }
            rename(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies {@code target} to {@code <name>.bak} through a temporary file and a rename: a plain copy over the old
     * backup deletes it first and then writes, so a crash in between would leave no backup or a truncated one. A
     * link is kept as the link, never as what it points to.
     */
    private static void backUp(Path target, Path dir) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        Path tmp = createTemporaryFile(dir, backup.getFileName().toString());
        try {
            Files.copy(target, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                    LinkOption.NOFOLLOW_LINKS);
            rename(tmp, backup);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * {@code .<name>.<n>.tmp} beside the target, created like any new file (so the umask applies, not the 0600 of
     * {@link Files#createTempFile}).
     */
    private static Path createTemporaryFile(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // another writer's; draw again
            }
        }
    }

    /** A rewritten file keeps its POSIX permissions. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (!Files.isRegularFile(target)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        }
    }

    /**
     * Deletes the temporary files that writes cut short (a kill during a save) left under {@code root}: regular
     * files named {@code .<name>.<digits>.tmp}, the pattern of this class only, in {@code root} and up to three
     * folders below it; symbolic links below the root are not followed. Only for start-up, when no write is running.
     *
     * @return the files deleted
     */
    public static List<Path> removeStaleTemporaryFiles(Path root) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return removed;
        }
        List<Path> candidates = new ArrayList<>();
        // from the real path: the show folder itself may be a link; nothing below it is followed
        Files.walkFileTree(root.toRealPath(), EnumSet.noneOf(FileVisitOption.class), 4, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && TEMPORARY.matcher(file.getFileName().toString()).matches()) {
                    candidates.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // an unreadable folder is not ours to clean
            }
        });
        for (Path p : candidates) {
            if (Files.deleteIfExists(p)) {
                removed.add(p);
            }
        }
        return removed;
    }

    /** Writes a JSON tree in the indented, human-editable form. */
    public static void writeJson(Path target, JsonNode node, boolean keepBackup)
            throws IOException {
        writeJson(target, node, keepBackup, FileSync.FORCE);
    }

    /** As {@link #writeJson(Path, JsonNode, boolean)}, flushing the content with {@code sync}. */
    public static void writeJson(Path target, JsonNode node, boolean keepBackup, FileSync sync)
            throws IOException {
        byte[] bytes = Json.PRETTY.writeValueAsBytes(node);
        byte[] withNewline = Arrays.copyOf(bytes, bytes.length + 1);
        withNewline[bytes.length] = '\n';
        write(target, withNewline, keepBackup, sync);
    }
}
