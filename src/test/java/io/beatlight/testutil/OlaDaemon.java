package io.beatlight.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.util.Json;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Open Lighting Architecture daemon (Debian package {@code ola}) as an independent Art-Net receiver on loopback.
 * Every plugin except Art-Net is disabled, and Art-Net is bound to 127.0.0.1 with loopback allowed, so olad touches no
 * other address. olad refuses to run as root: as root it runs as the package's {@code olad} system user (or
 * {@code nobody}) through {@code runuser}. Its config folder is a fresh temp folder; its HTTP API listens on a free
 * port on 127.0.0.1. {@code ola_patch} has no RPC-port option, so the RPC port is OLA's default 9010.
 */
public final class OlaDaemon implements AutoCloseable {
    public static final int RPC_PORT = 9010;
    /** Every plugin OLA 0.10 ships besides Art-Net: each gets {@code enabled = false}. */
    static final List<String> OTHER_PLUGINS = List.of("dummy", "e131", "espnet", "ftdidmx", "gpio", "karate",
            "kinet", "milinst", "opendmx", "openpixelcontrol", "osc", "pathport", "renard", "sandnet", "shownet", "spi",
            "stageprofi", "uartdmx", "usbdmx", "usbserial");

    private final Path configDir;
    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OlaDaemon(Path configDir, Process process, int httpPort) {
        this.configDir = configDir;
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Why olad cannot run here, or null when it can (binary present, Art-Net and RPC ports free). */
    public static String unavailableReason() {
        if (executable("olad") == null || executable("ola_patch") == null) {
            return "olad/ola_patch not installed (Debian: apt-get install ola)";
        }
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("0.0.0.0", 6454))) {
            probe.getLocalPort();
        } catch (IOException e) {
            return "UDP port 6454 is taken by another program, olad could not receive Art-Net";
        }
        try (ServerSocket probe = new ServerSocket(RPC_PORT, 1, InetAddress.getLoopbackAddress())) {
            probe.getLocalPort();
        } catch (IOException e) {
            return "TCP port " + RPC_PORT + " (OLA RPC) is taken: another olad is running";
        }
        return null;
    }

    private static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/usr/sbin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts olad with only the Art-Net plugin, on loopback, and waits for its HTTP API and Art-Net device. */
    public static OlaDaemon start() throws Exception {
        Path dir = Files.createTempDirectory("beatlight-olad");
        writeConfig(dir);
        int httpPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpPort = free.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", userExists("olad") ? "olad" : "nobody", "--"));
        }
        command.addAll(List.of("olad", "--config-dir", dir.toString(), "--http-port", Integer.toString(httpPort),
                "--interface", "127.0.0.1", "--rpc-port", Integer.toString(RPC_PORT), "--log-level", "3",
                "--no-register-with-dns-sd"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("olad.log").toFile()).start();
        OlaDaemon ola = new OlaDaemon(dir, process, httpPort);
        try {
            ola.awaitReady(Duration.ofSeconds(20));
        } catch (Exception | AssertionError e) {
            ola.close();
            throw e;
        }
        return ola;
    }

    /** ola-artnet.conf on 127.0.0.1 with loopback on; every other plugin off (no multicast, no broadcast elsewhere). */
    static void writeConfig(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        for (String plugin : OTHER_PLUGINS) {
            write(dir.resolve("ola-" + plugin + ".conf"), "enabled = false\n");
        }
        write(dir.resolve("ola-artnet.conf"), String.join("\n", "enabled = true", "ip = 127.0.0.1",
                "use_loopback = true", "always_broadcast = false", "use_limited_broadcast = false", "net = 0",
                "subnet = 0", "output_ports = 4", "short_name = OLA interop", "long_name = OLA interop test node",
                ""));
        write(dir.resolve("ola-server.conf"), "instance-name = Beatlight interop test\n");
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists(String user) throws Exception {
        Process id = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        return id.waitFor(5, TimeUnit.SECONDS) && id.exitValue() == 0;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("olad exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                JsonNode plugins = getJson("/json/universe_plugin_list");
                if (activePlugins(plugins).equals(List.of("ArtNet")) && artNetDevice() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("olad did not become ready within " + timeout + ":\n" + log());
    }

    /** Names of the plugins olad runs. */
    public List<String> activePlugins() throws Exception {
        return activePlugins(getJson("/json/universe_plugin_list"));
    }

    private static List<String> activePlugins(JsonNode list) {
        List<String> active = new ArrayList<>();
        list.path("plugins").forEach(p -> {
            if (p.path("active").asBoolean()) {
                active.add(p.path("name").asText());
            }
        });
        return active;
    }

    /** OLA's device number of its Art-Net device (ola_dev_info), or 0 while it has none. */
    public int artNetDevice() throws Exception {
        String info = run(List.of("ola_dev_info"));
        for (String line : info.split("\n")) {
            if (line.startsWith("Device ") && line.contains("ArtNet")) {
                return Integer.parseInt(line.substring(7, line.indexOf(':')).trim());
            }
        }
        return 0;
    }

    /** Patches Art-Net input port {@code port} (Port-Address 0..3 with net 0, sub-net 0) to OLA universe. */
    public void patchInput(int port, int universe) throws Exception {
        run(List.of("ola_patch", "--device", Integer.toString(artNetDevice()), "--port", Integer.toString(port),
                "--input", "--universe", Integer.toString(universe)));
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** The 512 values olad holds for a universe (HTTP get_dmx); empty before it received any data. */
    public int[] dmx(int universe) throws Exception {
        JsonNode dmx = getJson("/get_dmx?u=" + universe).path("dmx");
        int[] values = new int[dmx.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = dmx.get(i).asInt();
        }
        return values;
    }

    /** Polls get_dmx until the values match; fails with the last values seen. */
    public int[] awaitDmx(int universe, Predicate<int[]> match, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] last = new int[0];
        while (System.nanoTime() < deadline) {
            last = dmx(universe);
            if (match.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("olad universe " + universe + " never matched; last 32 values "
                + Arrays.toString(Arrays.copyOf(last, Math.min(32, last.length))) + "\n" + log());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("olad answered " + response.statusCode() + " for " + path);
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** Plugin config files olad wrote that enable anything besides Art-Net (it writes one for each plugin it knows). */
    public Map<String, String> enabledPluginConfigsBesidesArtNet() throws IOException {
        TreeMap<String, String> enabled = new TreeMap<>();
        try (Stream<Path> files = Files.list(configDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("ola-.*\\.conf")).toList()) {
                String name = file.getFileName().toString();
                String text = Files.readString(file);
                if (!name.equals("ola-artnet.conf") && text.lines().anyMatch(l -> l.replace(" ", "")
                        .equals("enabled=true"))) {
                    enabled.put(name, text);
                }
            }
        }
        return enabled;
    }

    public String log() {
        try {
            return Files.readString(configDir.resolve("olad.log"));
        } catch (IOException e) {
            return "(no olad log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(configDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
