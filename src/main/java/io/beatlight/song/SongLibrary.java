package io.beatlight.song;

import io.beatlight.util.FolderBounds;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The songs folder: one audio file per song, the song id being the file stem. A symbolic link leading out of the
 * folder is no song.
 */
public final class SongLibrary {
    /** Audio suffixes in preference order when two files share a stem (case-sensitive, as the reference). */
    public static final List<String> AUDIO_SUFFIXES = List.of(".mp3", ".wav", ".ogg", ".flac");

    private final Path songsDir;

    public SongLibrary(Path songsDir) {
        this.songsDir = songsDir;
    }

    public Path songsDir() {
        return songsDir;
    }

    /** A song file as listed: its id, file, size and modification time (to notice changes). */
    public record SongFile(String id, Path file, long size, long modifiedMillis) {
    }

    /** Every song with what identifies its file's version, sorted by id. */
    public List<SongFile> files() {
        List<SongFile> out = new ArrayList<>();
        scan().forEach((id, file) -> {
            try {
                out.add(new SongFile(id, file, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
            } catch (IOException e) {
                // vanished meanwhile
            }
        });
        return out;
    }

    /** Song ids, sorted. A missing folder is an empty library. */
    public List<String> list() {
        return new ArrayList<>(scan().keySet());
    }

    public Optional<Path> audioFile(String id) {
        return Optional.ofNullable(scan().get(id));
    }

    /** True when the id is safe to use in file names (no separators, no parent references). */
    public static boolean isSafeId(String id) {
        return id != null && !id.isBlank() && !id.contains("/") && !id.contains("\\") && !id.contains("..")
                && id.indexOf('\0') < 0;
    }

    /** {@code /songs/<percent-encoded file name>}; spaces become %20. */
    public static String audioUrl(Path audioFile) {
        String encoded = URLEncoder.encode(audioFile.getFileName().toString(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        return "/songs/" + encoded;
    }

    private TreeMap<String, Path> scan() {
        TreeMap<String, Path> songs = new TreeMap<>();
        if (!Files.isDirectory(songsDir)) {
            return songs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(songsDir)) {
            for (Path file : stream) {
                if (!Files.isRegularFile(file) || !FolderBounds.inside(songsDir, file)) {
                    continue;
                }
                String name = file.getFileName().toString();
                for (String suffix : AUDIO_SUFFIXES) {
                    if (name.endsWith(suffix) && name.length() > suffix.length()) {
                        String id = name.substring(0, name.length() - suffix.length());
                        Path existing = songs.get(id);
                        if (existing == null || rank(file) < rank(existing)) {
                            songs.put(id, file);
                        }
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return songs;
        }
        return songs;
    }

    private static int rank(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (int i = 0; i < AUDIO_SUFFIXES.size(); i++) {
            if (name.endsWith(AUDIO_SUFFIXES.get(i))) {
                return i;
            }
        }
        return AUDIO_SUFFIXES.size();
    }
}
