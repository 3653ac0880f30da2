package io.beatlight.engine;

import io.beatlight.song.PartKeys;
import io.beatlight.song.analysis.AnalysisWriter;
import io.beatlight.song.analysis.SongAnalyzer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tempo, beat and section analysis of songs, one at a time, on a low-priority thread of its own (never on the
 * engine or output thread): a new start cancels the running one. Progress and the outcome come back to the engine
 * thread as {@link ShowEvent}s; when the loaded song was analysed it is re-read and re-rendered. The methods run
 * on the engine thread.
 */
public final class SongAnalysisJobs {
    private static final Logger LOG = LoggerFactory.getLogger(SongAnalysisJobs.class);

    /** A running analysis: which song, and a flag to stop it. */
    public record Analysis(String songId, AtomicBoolean cancelled) {
    }

    private final ShowEngine engine;
    private final ShowFolders folders;
    private final ExecutorService analyzer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analyzer");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private Analysis running;

    SongAnalysisJobs(ShowEngine engine, ShowFolders folders) {
        this.engine = engine;
        this.folders = folders;
    }

    /** The running analysis, or null. */
    public Analysis running() {
        return running;
    }

    /**
     * Analyses a song in the background: progress events, then the metadata is written in the reference layout
     * and, if the song is loaded, re-read and re-rendered.
     */
    public Analysis start(String id) throws IOException {
        Path audio = engine.songs().audioFile(id).orElseThrow(() -> new IOException("unknown song " + id));
        if (running != null) {
            running.cancelled().set(true);
        }
        Analysis job = new Analysis(id, new AtomicBoolean());
        running = job;
        analyzer.execute(() -> analyse(job, audio));
        return job;
    }

    /** Asks the running analysis to stop; false when none runs. */
    public boolean cancel() {
        if (running == null) {
            return false;
        }
        running.cancelled().set(true);
        return true;
    }

    /** On the analyzer thread: everything that touches the show goes back to the engine thread. */
    private void analyse(Analysis job, Path audio) {
        String id = job.songId();
        int[] last = {-1};
        try {
            SongAnalyzer.Result result = SongAnalyzer.analyze(audio, percent -> {
                if (percent != last[0]) {
                    last[0] = percent;
                    toEngine(() -> engine.publish(new ShowEvent.AnalysisProgress(id, percent)));
                }
            }, job.cancelled()::get);
            AnalysisWriter.write(folders.meta(), id, result);
            toEngine(() -> done(job, result));
        } catch (CancellationException e) {
            toEngine(() -> {
                forget(job);
                engine.publish(new ShowEvent.AnalysisCancelled(id));
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Analysis of '{}' failed: {}", id, e.getMessage());
            toEngine(() -> {
                forget(job);
                engine.publish(new ShowEvent.AnalysisFailed(id, e.getMessage()));
            });
        }
    }

    /** Hands work to the engine thread; once the engine has shut down there is nobody left to tell. */
    private void toEngine(Runnable task) {
        if (!engine.executeUnlessStopped(task)) {
            LOG.debug("Engine stopped; an analysis report was dropped");
        }
    }

    private void done(Analysis job, SongAnalyzer.Result result) {
        forget(job);
        engine.session().metadataRewritten(job.songId());
        engine.publish(new ShowEvent.AnalysisDone(job.songId(), result.bpm(), result.beatsPerBar(),
                result.beats().size(), PartKeys.of(result.sections())));
        engine.publish(ShowEvent.STATE_CHANGED);
    }

    private void forget(Analysis job) {
        if (running == job) {
            running = null;
        }
    }

    /** Stops the running analysis and the analyzer thread. */
    void close() {
        if (running != null) {
            running.cancelled().set(true);
        }
        analyzer.shutdownNow();
    }
}
