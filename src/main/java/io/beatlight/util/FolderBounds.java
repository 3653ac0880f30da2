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
        Path root = realForm(folder);
        Path real = realForm(target);
        return root != null && real != null && real.startsWith(root);
    }

    /** The real path of the deepest existing ancestor, followed by the rest as given; null for a dangling link. */
    private static Path realForm(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing)) {
                return null; // a dangling link: where it leads cannot be known
            }
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException e) {
            return null;
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
