package io.beatlight.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps file access inside a folder of the show: a path is inside when its real path (symbolic links resolved) is
 * under the folder's real path. The folder itself may be a link (songs/ on another disk); what it holds may not lead
 * out of it. For a path that does not exist yet, its deepest existing ancestor decides, since everything created
 * below it stays there; a dangling link is outside.
 */
public final class FolderBounds {
    private FolderBounds() {
    }

    public static boolean inside(Path folder, Path target) {
        try {
            Path root = Files.exists(folder) ? folder.toRealPath() : folder.toAbsolutePath().normalize();
            Path existing = target.toAbsolutePath().normalize();
            while (existing != null && !Files.exists(existing)) {
                if (Files.isSymbolicLink(existing)) {
                    return false; // a dangling link: where it leads cannot be known
                }
                existing = existing.getParent();
            }
            return existing != null && existing.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws, naming the file, when {@code target} leads outside {@code folder}. */
    public static void requireInside(Path folder, Path target) throws IOException {
        if (!inside(folder, target)) {
            throw new IOException(target.getFileName() + " leads outside the " + folder.getFileName()
                    + " folder (a symbolic link); refused");
        }
    }
}
