package io.beatlight.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort real-time scheduling for the output thread on Linux. Under CPU load the default scheduler can leave
 * a woken thread waiting several milliseconds behind others; a SCHED_FIFO thread runs as soon as its deadline comes.
 * This needs CAP_SYS_NICE or an RLIMIT_RTPRIO allowance (e.g. {@code @audio - rtprio 50} in limits.conf); without
 * them it logs how to enable it and changes nothing.
 */
public final class RealtimeScheduling {
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeScheduling.class);

    private RealtimeScheduling() {
    }

    /** Must be called from the thread to elevate. Returns true when SCHED_FIFO was applied. */
    public static boolean elevateCurrentThread(int priority) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return false;
        }
        Optional<Long> tid = currentNativeThreadId();
        if (tid.isEmpty()) {
            return false;
        }
        try {
            Process chrt = new ProcessBuilder("chrt", "-f", "-p", Integer.toString(priority), Long.toString(tid.get()))
                    .redirectErrorStream(true).start();
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return false;
            }
            if (chrt.exitValue() == 0) {
                LOG.info("Art-Net output thread runs with real-time priority (SCHED_FIFO {})", priority);
                return true;
            }
            LOG.info("Art-Net output thread keeps normal scheduling ({}); grant CAP_SYS_NICE or an rtprio limit for "
                    + "steadier timing under load", output.isEmpty() ? "not permitted" : output);
        } catch (IOException e) {
            LOG.info("Art-Net output thread keeps normal scheduling (chrt unavailable: {})", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The kernel thread id of the calling thread, found by its unique name in /proc/self/task. */
    private static Optional<Long> currentNativeThreadId() {
        String name = Thread.currentThread().getName();
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        long matches = 0;
        Long found = null;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    if (Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim().equals(comm)) {
                        found = Long.parseLong(task.getFileName().toString());
                        matches++;
                    }
                } catch (IOException | NumberFormatException e) {
                    // the task ended meanwhile
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return matches == 1 ? Optional.of(found) : Optional.empty();
    }
}
