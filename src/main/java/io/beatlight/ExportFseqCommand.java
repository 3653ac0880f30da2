package io.beatlight;

import io.beatlight.engine.OfflineSongRender;
import io.beatlight.engine.ShowFolders;
import io.beatlight.show.fseq.FseqCompression;
import io.beatlight.show.fseq.FseqExport;
import io.beatlight.show.fseq.FseqTiming;
import io.beatlight.util.FileSync;
import io.beatlight.util.FolderBounds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beatlight export-fseq SONG}: renders a song of the show folder as the server does and writes it as an
 * {@code .fseq} file for Falcon Player and xLights (docs/fseq.md), the same file {@code cue.export_fseq} writes. Never
 * starts the server: no engine thread, no network, no Art-Net.
 */
@Command(name = "beatlight export-fseq", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Renders SONG's cue sheet and writes it as an FSEQ 2.0 sequence for Falcon Player / xLights "
                + "(exports/<song>.fseq in the show folder; the previous file is kept as .bak).",
                "Frames are resampled by time from the 60 FPS canvas at a whole-millisecond step; the channels are "
                        + "the rig's universes x 512, in ascending universe order. Prints what it wrote."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:the file was written", "1:the song could not be rendered or the file not written",
                "2:wrong usage, or the show folder does not exist"})
final class ExportFseqCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Parameters(paramLabel = "SONG", description = "The song id: its audio file name in songs/ without the suffix.")
    String song;

    @Option(names = "--step-ms", paramLabel = "N", defaultValue = "" + FseqTiming.DEFAULT_STEP_MS,
            description = "Frame step in whole milliseconds, " + FseqTiming.MIN_STEP_MS + ".."
                    + FseqTiming.MAX_STEP_MS + " (default ${DEFAULT-VALUE}: 50 FPS; 25 = 40 FPS; 16 or 17 come "
                    + "nearest the canvas's 60 FPS).")
    int stepMs;

    @Option(names = "--compression", paramLabel = "none|zstd", defaultValue = "zstd",
            description = "none, or zstd blocks (default ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--show-dir", paramLabel = "DIR",
            defaultValue = "${env:BEATLIGHT_SHOW_DIR:-${sys:user.home}/.beatlight/show}",
            description = "Show folder (the server's default). Env: BEATLIGHT_SHOW_DIR.")
    Path showDir;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write instead of <show>/exports/<song>.fseq (the previous file is kept as .bak).")
    Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command with the arguments after {@code export-fseq}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = new CommandLine(new ExportFseqCommand()).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (stepMs < FseqTiming.MIN_STEP_MS || stepMs > FseqTiming.MAX_STEP_MS) {
            err.println("beatlight export-fseq: --step-ms must be " + FseqTiming.MIN_STEP_MS + ".."
                    + FseqTiming.MAX_STEP_MS + ", got " + stepMs);
            return USAGE;
        }
        FseqCompression chosen = FseqCompression.named(compression).orElse(null);
        if (chosen == null) {
            err.println("beatlight export-fseq: --compression must be none or zstd, got '" + compression + "'");
            return USAGE;
        }
        if (!Files.isDirectory(showDir)) {
            err.println("beatlight export-fseq: show folder " + showDir + " does not exist");
            return USAGE;
        }
        ShowFolders folders = ShowFolders.of(showDir);
        OfflineSongRender.Rendered rendered;
        try {
            rendered = OfflineSongRender.render(folders, song);
        } catch (IOException | RuntimeException e) {
            err.println("beatlight export-fseq: cannot render '" + song + "': " + e.getMessage());
            return FAILED;
        }
        rendered.problems().forEach(p -> err.println("beatlight export-fseq: note: " + p));
        Path exports = folders.root().resolve("exports");
        Path target = out != null ? out.toAbsolutePath() : exports.resolve(song + ".fseq");
        try {
            if (out == null) {
                FolderBounds.requireInside(exports, target);
            }
            FseqExport.Result result = FseqExport.write(target, new FseqExport.Request(rendered.canvas(),
                    rendered.metadata().lengthSeconds(), rendered.audio().getFileName().toString(), stepMs, chosen,
                    FseqExport.uniqueIdNow()), FileSync.FORCE);
            stdout.printf("Song '%s': %d cues rendered.%n", song, rendered.cues());
            stdout.print(result.summary());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("beatlight export-fseq: cannot write " + target + ": " + e.getMessage());
            return FAILED;
        }
    }
}
