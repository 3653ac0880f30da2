package io.beatlight.song.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's command-line encoders (lame, oggenc, flac), run for real; false when one is not installed. */
public final class Encoders {
    private Encoders() {
    }

    /** {@code lame --quiet ARGS wav out}. */
    public static boolean lame(Path wav, Path out, String... args) {
        List<String> command = new ArrayList<>(List.of("lame", "--quiet"));
        command.addAll(List.of(args));
        command.add(wav.toString());
        command.add(out.toString());
        return run(command);
    }

    /** {@code oggenc -Q ARGS -o out wav}. */
    public static boolean oggenc(Path wav, Path out, String... args) {
        List<String> command = new ArrayList<>(List.of("oggenc", "-Q"));
        command.addAll(List.of(args));
        command.addAll(List.of("-o", out.toString(), wav.toString()));
        return run(command);
    }

    /** {@code flac -s -f -o out wav}. */
    public static boolean flac(Path wav, Path out) {
        return run(List.of("flac", "-s", "-f", "-o", out.toString(), wav.toString()));
    }

    private static boolean run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
