package io.beatlight.util;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Crash-safe file writes: the content goes to a temporary file in the same folder, is flushed to disk, and is
 * renamed over the target, so readers see the old file or the new one, never a torn one.
 */
public final class AtomicFiles {
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
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
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
     * backup deletes it first and then writes, so a crash in between would leave no backup or a truncated one.
     */
    private static void backUp(Path target, Path dir) throws IOException {
        Path backup = target.resolveSibling(target.getFileName() + ".bak");
        Path tmp = Files.createTempFile(dir, "." + backup.getFileName() + ".", ".tmp");
        try {
            Files.copy(target, tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
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
