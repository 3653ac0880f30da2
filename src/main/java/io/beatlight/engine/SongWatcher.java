package io.beatlight.engine;

import io.beatlight.song.AudioDuration;
import io.beatlight.song.SongLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The songs folder: which songs it holds, and a watch (a cheap listing every few seconds, on a thread of its own)
 * so a dropped file appears without a restart. The list is kept and compared on the engine thread, where all
 * methods here run; a change is published as {@link ShowEvent.SongListChanged}.
 */
public final class SongWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SongWatcher.class);

    /** A song as the state lists it: the duration and title are read from the audio file once. */
    public record SongEntry(String id, String audioUrl, Double durationSeconds, String title) {
    }

    private final ShowEngine engine;
    private final SongLibrary library;
    private List<SongLibrary.SongFile> songFiles = List.of();
    private final Map<SongLibrary.SongFile, SongEntry> entries = new HashMap<>();
    private ScheduledThreadPoolExecutor watcher;

    SongWatcher(ShowEngine engine, Path songsFolder) {
        this.engine = engine;
        this.library = new SongLibrary(songsFolder);
    }

    /** The song ids in the folder now (read from disk). */
    public List<String> list() {
        return library.list();
    }

    public Optional<Path> audioFile(String id) {
        return library.audioFile(id);
    }

    /** The songs found by the last look at the folder, in order. */
    public List<SongEntry> catalog() {
        List<SongEntry> out = new ArrayList<>();
        for (SongLibrary.SongFile file : songFiles) {
            out.add(entries.computeIfAbsent(file, f -> new SongEntry(f.id(), SongLibrary.audioUrl(f.file()),
                    AudioDuration.seconds(f.file()).orElse(null), AudioDuration.title(f.file()).orElse(f.id()))));
        }
        return out;
    }

    /** Lists the folder now, then every {@code periodMillis}; a changed list is published. */
    public void watch(long periodMillis) {
        engine.execute(() -> songFiles = library.files());
        watcher = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "songs-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                List<SongLibrary.SongFile> now = library.files();
                engine.execute(() -> changed(now));
            } catch (RuntimeException e) {
                LOG.debug("songs folder check failed", e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void changed(List<SongLibrary.SongFile> now) {
        if (now.equals(songFiles)) {
            return;
        }
        songFiles = now;
        entries.keySet().retainAll(now);
        engine.publish(new ShowEvent.SongListChanged(now.stream().map(SongLibrary.SongFile::id).toList()));
        engine.publish(ShowEvent.STATE_CHANGED);
    }

    void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
