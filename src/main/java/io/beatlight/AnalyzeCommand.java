package io.beatlight;

import io.beatlight.engine.ShowFolders;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.analysis.AnalysisWriter;
import io.beatlight.song.analysis.SongAnalyzer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beatlight analyze FILE…}: analyses audio files on the command line, with the server's code path
 * ({@link SongAnalyzer#analyze} and, with {@code --show-dir}, {@link AnalysisWriter#write} into that show's
 * {@code meta/} folder, as {@code song.analyze} does). Never starts the server. A file that cannot be analysed is
 * reported and the others are still analysed.
 */
@Command(name = "beatlight analyze", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Analyses audio files as the server's song.analyze does: tempo, metre (beats per bar), beats, "
                + "first downbeat and sections, printed per file.",
                "With --show-dir the metadata is also written into that show folder (meta/<song>/), exactly as "
                        + "song.analyze writes it; the song id is the file name without its suffix."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every file was analysed", "1:some file could not be analysed (the others were)",
                "2:wrong usage, or the show folder does not exist"})
final class AnalyzeCommand implements Callable<Integer> {
    static final int SOME_FAILED = 1;
    static final int USAGE = 2;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Audio files (.mp3, .wav, .ogg, .flac).")
    List<Path> files;

    @Option(names = "--show-dir", paramLabel = "DIR",
            description = "Show folder to write each song's metadata into (meta/<song>/<song>.json, beats.json, "
                    + "loudness.json; the previous files are kept as .bak). Without it nothing is written.")
    Path showDir;

    @Option(names = "--json", description = "Print one JSON document for all files instead of text.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final PrintWriter out;
    private final PrintWriter err;

    private AnalyzeCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command with the arguments after {@code analyze}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = new CommandLine(new AnalyzeCommand(out, err)).setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        ShowFolders show = null;
        if (showDir != null) {
            if (!Files.isDirectory(showDir)) {
                err.println("beatlight analyze: show folder " + showDir + " does not exist");
                return USAGE;
            }
            show = ShowFolders.of(showDir);
        }
        List<AnalysisReport.FileAnalysis> analyses = new ArrayList<>();
        for (Path file : files) {
            AnalysisReport.FileAnalysis analysis = analyse(file, show);
            analyses.add(analysis);
            if (analysis.error() != null) {
                err.println("beatlight analyze: " + analysis.error());
            } else if (!json) {
                out.print(AnalysisReport.text(analysis));
            }
            out.flush();
            err.flush();
        }
        if (json) {
            out.println(AnalysisReport.json(analyses));
        }
        return analyses.stream().allMatch(a -> a.error() == null) ? 0 : SOME_FAILED;
    }

    private AnalysisReport.FileAnalysis analyse(Path file, ShowFolders show) {
        String id = songId(file);
        if (!Files.exists(file)) {
            return AnalysisReport.FileAnalysis.failed(file, id, file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            return AnalysisReport.FileAnalysis.failed(file, id, file + ": not a file");
        }
        if (show != null && !SongLibrary.isSafeId(id)) {
            return AnalysisReport.FileAnalysis.failed(file, id, file + ": '" + id + "' cannot name a song");
        }
        try {
            SongAnalyzer.Result result = SongAnalyzer.analyze(file, percent -> { }, () -> false);
            List<Path> written = List.of();
            if (show != null) {
                written = AnalysisWriter.write(show.meta(), id, result);
                if (new SongLibrary(show.songs()).audioFile(id).isEmpty()) {
                    err.println("beatlight analyze: note: " + show.songs() + " has no song '" + id + "'; the server "
                            + "uses this metadata once a song of that name is there");
                }
            }
            return new AnalysisReport.FileAnalysis(file, id, result, written, null);
        } catch (Exception e) {
            return AnalysisReport.FileAnalysis.failed(file, id, describe(file, e));
        }
    }

    /** The file, then what went wrong, without naming the file twice. */
    private static String describe(Path file, Exception e) {
        String message = e instanceof IOException && e.getMessage() != null ? e.getMessage() : e.toString();
        String name = file.getFileName().toString() + ": ";
        if (message.startsWith(name)) {
            message = message.substring(name.length());
        }
        return file + ": " + message;
    }

    /** The file name without its audio suffix, as the song library names songs. */
    static String songId(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        for (String suffix : SongLibrary.AUDIO_SUFFIXES) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
