package io.beatlight.show.fseq;

import io.beatlight.show.Canvas;
import io.beatlight.util.AtomicFiles;
import io.beatlight.util.FileSync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A song's rendered canvas as an {@code .fseq} file for Falcon Player and xLights (docs/fseq.md): resampled by time to
 * the chosen step ({@link FseqTiming}), every universe of the rig packed in order ({@link FseqChannelMap}), the song's
 * audio file named in the {@code mf} header, written atomically with the previous file kept as {@code .bak}. Reads
 * only the immutable canvas, so it runs on any thread.
 */
public final class FseqExport {
    /** What to export: the canvas of a song, its length, the audio file's name, and the choices. */
    public record Request(Canvas canvas, double songLengthSeconds, String mediaFile, int stepMs,
                          FseqCompression compression, long uniqueId) {
    }

    /** What an export did. */
    public record Result(Path file, FseqTiming timing, FseqChannelMap channels, FseqCompression compression,
                         int blocks, long bytes, String mediaFile, String producer, boolean replaced,
                         long elapsedNanos) {
        /** One paragraph saying what was written, for the command line and the log. */
        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append(format("Wrote %s: %,d bytes, %s%s.%n", file, bytes, compression.wireName(),
                    compression == FseqCompression.NONE ? "" : " in " + blocks + " blocks"));
            out.append(format("Step %d ms (%.2f FPS), %d frames covering %.3f s; the song is %.3f s, so the file "
                            + "ends %.1f ms after it.%n", timing.stepMs(), timing.fps(), timing.frameCount(),
                    timing.coveredSeconds(), timing.songLengthSeconds(), timing.endDriftMs()));
            out.append(format("Resampled by time from the 60 FPS canvas: frame n plays at n x %d ms and holds the "
                            + "canvas frame nearest that time (at most %.1f ms off, no drift); %d canvas frames "
                            + "skipped, %d repeated.%n", timing.stepMs(), timing.maxOffsetMs(),
                    timing.canvasFramesSkipped(), timing.canvasFramesRepeated()));
            List<String> spans = channels.spans().stream().map(s -> "universe " + s.universe() + " at "
                    + s.firstChannel() + "-" + s.lastChannel()).toList();
            out.append(format("%d channels: %s.%n", channels.channelCount(), String.join(", ", spans)));
            out.append(format("Media file: %s%s%n", mediaFile, replaced ? "; the previous file is kept as .bak" : ""));
            return out.toString();
        }
    }

    private FseqExport() {
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** The producer named in the {@code sp} header. */
    public static String producer() {
        String version = FseqExport.class.getPackage().getImplementationVersion();
        return version == null ? "Beatlight" : "Beatlight " + version;
    }

    /** Encodes and writes {@code target} (atomically, {@code .bak} of the previous file); returns what it did. */
    public static Result write(Path target, Request request, FileSync sync) throws IOException {
        long started = System.nanoTime();
        Canvas canvas = request.canvas();
        FseqTiming timing = FseqTiming.of(canvas, request.songLengthSeconds(), request.stepMs());
        FseqChannelMap channels = new FseqChannelMap(canvas.layout());
        String producer = producer();
        List<FseqWriter.VariableHeader> headers = List.of(new FseqWriter.VariableHeader("mf", request.mediaFile()),
                new FseqWriter.VariableHeader("sp", producer));
        FseqWriter.Encoded encoded = FseqWriter.encode(frames(canvas, timing), request.stepMs(),
                request.compression(), headers, request.uniqueId());
        boolean replaced = Files.isRegularFile(target);
        AtomicFiles.write(target, encoded.bytes(), true, sync);
        return new Result(target, timing, channels, request.compression(), encoded.blocks(), encoded.bytes().length,
                request.mediaFile(), producer, replaced, System.nanoTime() - started);
    }

    /** A unique id as Falcon Player makes one: the time in microseconds. */
    public static long uniqueIdNow() {
        return System.currentTimeMillis() * 1000;
    }

    private static FseqWriter.Frames frames(Canvas canvas, FseqTiming timing) {
        int frameBytes = canvas.layout().frameBytes();
        byte[] source = canvas.bytes();
        return new FseqWriter.Frames() {
            @Override
            public int count() {
                return timing.frameCount();
            }

            @Override
            public int channels() {
                return frameBytes;
            }

            @Override
            public byte[] source() {
                return source;
            }

            @Override
            public int offset(int frame) {
                return timing.canvasFrame(frame) * frameBytes;
            }
        };
    }
}
