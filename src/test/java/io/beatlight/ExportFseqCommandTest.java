package io.beatlight;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.engine.OfflineSongRender;
import io.beatlight.engine.ShowFolders;
import io.beatlight.show.Canvas;
import io.beatlight.show.fseq.FseqChecks;
import io.beatlight.show.fseq.FseqCompression;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beatlight export-fseq} on a temporary show folder: the file it writes, read back; bad usage writes none. */
class ExportFseqCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ExportFseqCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    /** The live threads of the server's engine and output loop (other test classes of this JVM may leave some). */
    private static Set<Thread> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("show-engine") || t.getName().startsWith("artnet"))
                .collect(Collectors.toSet());
    }

    @Test
    void writesTheSongIntoTheShowFolderWithoutAServer() throws Exception {
        FseqChecks.writeShow(dir, false);
        Set<Thread> before = serverThreads();
        int code = run("Song", "--show-dir", dir.toString(), "--step-ms", "25");
        Set<Thread> started = serverThreads();
        started.removeAll(before);
        assertThat(code).as("stderr: %s", err).isZero();
        Path file = dir.resolve("exports/Song.fseq");
        Canvas canvas = OfflineSongRender.render(ShowFolders.of(dir), "Song").canvas();
        FseqChecks.checkAgainstCanvas(Files.readAllBytes(file), canvas, 10.0, 25, FseqCompression.ZSTD, "Song.wav");
        assertThat(out.toString()).contains("Song 'Song': 4 cues rendered").contains("Step 25 ms (40.00 FPS), "
                + "400 frames covering 10.000 s").contains("zstd in").contains("universe 0 at 1-512")
                .contains("Media file: Song.wav");
        // nothing of the server ran: no engine thread, no Art-Net output
        assertThat(started).isEmpty();

        Path elsewhere = dir.resolve("elsewhere/x.fseq");
        assertThat(run("Song", "--show-dir", dir.toString(), "--step-ms", "16", "--compression", "none",
                "--out", elsewhere.toString())).as("stderr: %s", err).isZero();
        FseqChecks.checkAgainstCanvas(Files.readAllBytes(elsewhere), canvas, 10.0, 16, FseqCompression.NONE,
                "Song.wav");
        assertThat(out.toString()).contains("625 frames covering 10.000 s").contains("repeated");
    }

    @Test
    void badUsageAndUnknownSongsWriteNothing() throws Exception {
        FseqChecks.writeShow(dir, false);
        assertThat(run("Song", "--show-dir", dir.toString(), "--step-ms", "5")).isEqualTo(2);
        assertThat(run("Song", "--show-dir", dir.toString(), "--step-ms", "300")).isEqualTo(2);
        assertThat(run("Song", "--show-dir", dir.toString(), "--compression", "lz4")).isEqualTo(2);
        assertThat(run("Song", "--show-dir", dir.resolve("missing").toString())).isEqualTo(2);
        assertThat(run("--show-dir", dir.toString())).isEqualTo(2);
        assertThat(run("Nope", "--show-dir", dir.toString())).isEqualTo(1);
        assertThat(run("../Song", "--show-dir", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--step-ms must be 10..255").contains("--compression must be none or zstd")
                .contains("does not exist").contains("no song 'Nope'");
        assertThat(dir.resolve("exports")).doesNotExist();
    }
}
