package io.beatlight.testutil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real application in its own JVM (same classpath as the tests), as a user would. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Beatlight ready at http://[^:]+:(\\d+)/");

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    public final long startedNanos;

    private ServerProcess(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ServerProcess start(Map<String, String> env, String... args) throws IOException {
        return start(List.of(), env, args);
    }

    /** The JVM options the {@code beatlight} launcher script starts the server with (kept equal by a test). */
    public static final List<String> LAUNCHER_JVM_OPTIONS = List.of("-XX:+UseZGC", "-Xms1g", "-Xmx2g");

    /** Starts with extra JVM options (e.g. the launcher script's heap settings). */
    public static ServerProcess start(List<String> jvmOptions, Map<String, String> env, String... args)
            throws IOException {
        return start(System.getProperty("java.class.path"), jvmOptions, env, args);
    }

    /** Starts with another class path (e.g. jars only, which a class-data sharing archive needs). */
    public static ServerProcess start(String classPath, List<String> jvmOptions, Map<String, String> env,
                                      String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.beatlight.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("BEATLIGHT_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new ServerProcess(builder.start(), started);
    }

    /** Waits for the ready line and returns the HTTP port it names. */
    public int awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no ready line within " + timeout + "; output: " + output());
            }
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + timeout + "; output: " + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as a service manager stops it. */
    public void terminate() {
        process.destroy();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
