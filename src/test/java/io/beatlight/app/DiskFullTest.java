package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.FileSync;
import io.beatlight.util.Json;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk: the show folder sits on a small tmpfs, which the test fills up. Every kind of edit is then answered
 * with {@code persist_failed} naming the reason, each file keeps its previous content, no temporary file is left, and
 * the server keeps serving; once there is room again the next save writes the whole state kept in memory.
 * <p>
 * Mounting needs root and a container that allows it; where it cannot mount (or {@code BEATLIGHT_REQUIRE_TMPFS=1}
 * is not set to insist), the same scenario runs with a simulated "No space left on device" from the file-flush seam
 * ({@code util.FileSync}).
 */
@Tag("server")
class DiskFullTest {
    @TempDir
    Path dir;

    /** A disk whose writes fail while it is full (only for the fall-back without a mount). */
    static final class SimulatedDisk implements FileSync {
        volatile boolean full;

        @Override
        public void force(java.nio.channels.FileChannel channel) throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
            channel.force(true);
        }
    }

    @Test
    void aFullDiskIsAClearErrorLeavesEveryFileIntactAndTheServerServing() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        boolean mounted = mountTmpfs(mount, "4m");
        if (!mounted) {
            assertThat(System.getenv("BEATLIGHT_REQUIRE_TMPFS")).as("a tmpfs could not be mounted on %s "
                    + "(BEATLIGHT_REQUIRE_TMPFS is set, so there is no fall-back)", mount).isNotEqualTo("1");
            System.out.println("disk-full: no tmpfs (not root, or mount refused); simulating ENOSPC through FileSync");
        }
        try {
            run(mount.resolve("show"), mounted);
        } finally {
            if (mounted) {
                unmount(mount);
            }
        }
    }

    private void run(Path showDir, boolean realDisk) throws Exception {
        TestShow show = TestShow.withReferenceRig(showDir).song("Song", 2, 120, "{}");
        Path cues = showDir.resolve("cues/Song.cue.json");
        Path pois = show.fixtures().resolve("pois.json");
        Path fixtures = show.fixtures().resolve("fixtures.json");
        Path meta = showDir.resolve("meta/Song.json");
        SimulatedDisk disk = new SimulatedDisk();
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            Config config = Config.parse(new String[] {"--show-dir", showDir.toString(), "--host", "127.0.0.1",
                    "--port", "0", "--artnet-listen-port", "0", "--artnet-source-port", "0", "--artnet-targets",
                    "127.0.0.1:" + receiver.port()});
            try (BeatlightServer server = realDisk ? BeatlightServer.start(config) : BeatlightServer.start(config, disk);
                 WsTestClient client = WsTestClient.connect(server.port())) {
                client.firstSnapshot();
                ok(client.call("cue.add", flash(0.5)));
                Map<Path, byte[]> before = new LinkedHashMap<>();
                for (Path file : List.of(cues, pois, fixtures, meta)) {
                    before.put(file, Files.readAllBytes(file));
                }

                Path filler = showDir.resolveSibling("filler");
                if (realDisk) {
                    long filled = fill(filler);
                    System.out.println("disk-full: tmpfs filled with " + filled + " bytes");
                } else {
                    disk.full = true;
                }
                List<JsonNode> failures = List.of(
                        client.call("cue.add", flash(1.0)),
                        client.call("poi.create", Json.object().put("id", "full_disk").put("name", "Full")),
                        client.call("song.save_sections", sections()),
                        client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("name", "Full")));
                for (JsonNode reply : failures) {
                    assertThat(reply.path("ok").asBoolean()).as("%s", reply).isFalse();
                    assertThat(reply.at("/error/code").asText()).as("%s", reply).isEqualTo(ErrorCode.PERSIST_FAILED);
                    assertThat(reply.at("/error/message").asText()).as("%s", reply)
                            .contains("No space left on device");
                }
                client.awaitEvent("persist_failed");
                for (Map.Entry<Path, byte[]> file : before.entrySet()) {
                    assertThat(Files.readAllBytes(file.getKey())).as("%s keeps its content", file.getKey())
                            .isEqualTo(file.getValue());
                }
                assertThat(temporaryFiles(showDir)).as("temporary files after failed writes").isEmpty();

                // still serving: intents, a new client's snapshot (with the changes kept in memory), HTTP, Art-Net
                ok(client.call("transport.jump_to_time", Json.object().put("time_ms", 1000)));
                try (WsTestClient other = WsTestClient.connect(server.port())) {
                    JsonNode state = other.firstSnapshot().get("state");
                    assertThat(state.path("cues")).hasSize(2);
                    assertThat(state.at("/fixtures/parcan_l/name").asText()).isEqualTo("Full");
                }
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                long now = System.nanoTime();
                receiver.awaitDmx(0, now, p -> true, Duration.ofSeconds(5));

                // room again: the next save writes the whole state kept in memory
                if (realDisk) {
                    Files.delete(filler);
                } else {
                    disk.full = false;
                }
                ok(client.call("cue.add", flash(1.5)));
                assertThat(JsonFiles.read(cues).get("entries")).hasSize(3);
                ok(client.call("rig.update_fixture", Json.object().put("id", "parcan_l").put("name", "Room")));
                assertThat(Files.readString(fixtures)).contains("\"Room\"");
            }
        }
    }

    static JsonNode ok(JsonNode reply) {
        assertThat(reply.path("ok").asBoolean()).as("reply %s", reply).isTrue();
        return reply;
    }

    static ObjectNode flash(double time) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", "parcan_l").put("effect", "flash")
                .put("duration", 0.2);
        row.putObject("data");
        return row;
    }

    static ObjectNode sections() {
        ObjectNode payload = Json.object();
        payload.putArray("sections").addObject().put("name", "intro").put("start_s", 0).put("end_s", 1);
        return payload;
    }

    /** Writes until the file system is full; returns the bytes written. */
    static long fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        // the last partial block: byte by byte, so that not even a small file fits
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block, 0, 512);
                out.flush();
                written += 512;
            }
        } catch (IOException e) {
            return written;
        }
    }

    static List<Path> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    /** Mounts a tmpfs of {@code size} on {@code mount}; false when this process may not (not root, no capability). */
    static boolean mountTmpfs(Path mount, String size) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            return command("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mount.toString())
                    == 0;
        } catch (IOException e) {
            return false; // no mount command
        }
    }

    static void unmount(Path mount) throws Exception {
        if (command("umount", mount.toString()) != 0) {
            command("umount", "-l", mount.toString());
        }
    }

    private static int command(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.out.println("disk-full: " + String.join(" ", command) + " failed: " + output.trim());
        }
        return process.exitValue();
    }
}
