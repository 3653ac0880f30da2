package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.show.Canvas;
import io.beatlight.show.fseq.FseqChannelMap;
import io.beatlight.show.fseq.FseqCompression;
import io.beatlight.show.fseq.FseqExport;
import io.beatlight.show.fseq.FseqTiming;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.FileSync;
import io.beatlight.util.FolderBounds;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cue.export_fseq {step_ms?, compression?}}: the loaded song's canvas as {@code exports/<song>.fseq} for Falcon
 * Player and xLights (docs/fseq.md). The engine thread only validates, takes the canvas (rendering it only when a
 * re-render is still under way, as {@code cue.export_dmx} does) and hands it over; resampling, compression and the
 * atomic write run on the {@code fseq-export} thread, one export at a time. The reply waits for the file to be
 * durable (through {@code Persistence.track}, without holding the engine) and carries what the export did.
 */
public final class FseqIntents {
    private static final Logger LOG = LoggerFactory.getLogger(FseqIntents.class);
    /** The folder under the show folder exports go to. */
    public static final String EXPORTS = "exports";

    /** One export at a time; the thread ends when idle. Shared by every server of the JVM (they are serialised). */
    private static final ThreadPoolExecutor EXPORTER = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "fseq-export");
                thread.setDaemon(true);
                return thread;
            });

    private FseqIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("cue.export_fseq", FseqIntents::export);
    }

    private static IntentOutcome export(IntentContext ctx) throws IntentException {
        int stepMs = (int) (long) ctx.payload().optionalInteger("step_ms", FseqTiming.MIN_STEP_MS,
                FseqTiming.MAX_STEP_MS).orElse((long) FseqTiming.DEFAULT_STEP_MS);
        String compressionName = ctx.payload().optionalString("compression").orElse("zstd");
        FseqCompression compression = FseqCompression.named(compressionName).orElseThrow(() ->
                IntentException.invalid("compression", "compression must be \"none\" or \"zstd\""));
        ShowEngine engine = ctx.engine();
        SongMetadata song = engine.session().song();
        if (song == null) {
            throw new IntentException(ErrorCode.NO_SONG_LOADED, "load a song first");
        }
        Canvas canvas = engine.session().upToDateCanvas();
        if (canvas == null) {
            throw new IntentException(ErrorCode.CANVAS_UNAVAILABLE, "there is no rendered canvas to export");
        }
        Path exports = engine.folders().root().resolve(EXPORTS);
        Path target = exports.resolve(song.id() + ".fseq");
        if (!FolderBounds.inside(exports, target)) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "the export of '" + song.id()
                    + "' would leave " + exports);
        }
        FseqExport.Request request = new FseqExport.Request(canvas, song.lengthSeconds(),
                engine.session().songAudio().getFileName().toString(), stepMs, compression,
                FseqExport.uniqueIdNow());
        // the reply holds this node and is sent once the tracked step below is done; that step fills it in
        ObjectNode data = Json.object();
        CompletableFuture<FseqExport.Result> written = writeInBackground(target, request,
                engine.persistence().sync());
        CompletableFuture<Void> answered = written.thenCompose(result -> engine.submit(() -> {
            data.setAll(describe(result, song.id(), engine.folders().root()));
            ctx.eventToAll("info", "cue_fseq_exported", data.deepCopy());
            return null;
        }));
        engine.persistence().track(answered);
        return IntentOutcome.unchanged(data);
    }

    private static CompletableFuture<FseqExport.Result> writeInBackground(Path target, FseqExport.Request request,
                                                                         FileSync sync) {
        CompletableFuture<FseqExport.Result> done = new CompletableFuture<>();
        EXPORTER.execute(() -> {
            try {
                FseqExport.Result result = FseqExport.write(target, request, sync);
                LOG.info("{}", result.summary().strip().replace('\n', ' '));
                done.complete(result);
            } catch (IOException e) {
                done.completeExceptionally(new IntentException(ErrorCode.PERSIST_FAILED, "could not write "
                        + target.getFileName() + ": " + e.getMessage(), null, Json.object().put("file",
                        EXPORTS + "/" + target.getFileName())));
            } catch (RuntimeException | OutOfMemoryError e) {
                LOG.error("fseq export of {} failed", target, e);
                done.completeExceptionally(new IntentException(ErrorCode.INTERNAL_ERROR, "the export failed: " + e));
            }
        });
        return done;
    }

    /** The reply data and the {@code cue_fseq_exported} event: what was written and how. */
    static ObjectNode describe(FseqExport.Result result, String songId, Path showRoot) {
        FseqTiming timing = result.timing();
        ObjectNode out = Json.object().put("ok", true).put("song", songId)
                .put("file", showRoot.relativize(result.file().toAbsolutePath()).toString().replace('\\', '/'))
                .put("path", result.file().toAbsolutePath().toString())
                .put("step_ms", timing.stepMs()).put("fps", timing.fps()).put("frames", timing.frameCount())
                .put("duration_s", timing.coveredSeconds()).put("song_length_s", timing.songLengthSeconds())
                .put("drift_ms", round(timing.endDriftMs())).put("max_offset_ms", round(timing.maxOffsetMs()))
                .put("canvas_fps", ShowEngine.CANVAS_FPS)
                .put("canvas_frames_skipped", timing.canvasFramesSkipped())
                .put("canvas_frames_repeated", timing.canvasFramesRepeated())
                .put("compression", result.compression().wireName()).put("compression_blocks", result.blocks())
                .put("channels", result.channels().channelCount()).put("bytes", result.bytes())
                .put("media_file", result.mediaFile()).put("producer", result.producer())
                .put("backup", result.replaced()).put("elapsed_ms", round(result.elapsedNanos() / 1e6));
        ArrayNode universes = out.putArray("universes");
        for (FseqChannelMap.Span span : result.channels().spans()) {
            universes.add(Json.object().put("universe", span.universe()).put("first_channel", span.firstChannel())
                    .put("last_channel", span.lastChannel()));
        }
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
