package io.beatlight.api;

import static io.beatlight.api.ProtocolIntegrationTest.fails;
import static io.beatlight.api.ProtocolIntegrationTest.ok;
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
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine never waits for the disk: with a slow (held) fsync, intents sent after a cue edit are answered and reach
 * the wire first; the edit's reply comes only once its file is durable; quick edits are written in order; a failed
 * write is answered with persist_failed and leaves the file as it was.
 */
@Tag("server")
class PersistenceTest {
    @TempDir
    Path dir;

    /** A disk whose fsync waits while held, and fails while failing. */
    static final class TestDisk implements FileSync {
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean failing;
        volatile long delayMillis;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            try {
                gate.await(30, TimeUnit.SECONDS);
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (failing) {
                throw new IOException("simulated disk failure");
            }
            channel.force(true);
        }
    }

    final TestDisk disk = new TestDisk();

    BeatlightServer start(Path showDir, int artnetPort) throws Exception {
        return BeatlightServer.start(Config.parse(new String[] {"--show-dir", showDir.toString(), "--host",
                "127.0.0.1", "--port", "0", "--artnet-targets", "127.0.0.1:" + artnetPort,
                "--artnet-listen-port", "0"}), disk);
    }

    static ObjectNode flash(double time) {
        ObjectNode row = Json.object().put("time", time).put("fixture_id", "parcan_l").put("effect", "flash")
                .put("duration", 0.5);
        row.putObject("data");
        return row;
    }

    static boolean replyTo(JsonNode message, String reqId) {
        return "reply".equals(message.path("type").asText()) && reqId.equals(message.path("req_id").asText());
    }

    static int indexOf(List<JsonNode> messages, String reqId) {
        for (int i = 0; i < messages.size(); i++) {
            if (replyTo(messages.get(i), reqId)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aSeekAfterACueEditDoesNotWaitForTheDiskAndTheEditIsAnsweredOnceDurable() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = dir.resolve("cues/Song.cue.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"song_filename\": \"Song\", \"render_version\": 1, \"entries\": []}");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            disk.hold();
            String edit = client.intent("cue.add", flash(1.0));
            long seekSent = System.nanoTime();
            String seek = client.intent("transport.jump_to_time", Json.object().put("time_ms", 1000));

            // the seek is answered and the flash it lands on is on the wire while the edit's fsync is held
            ok(client.reply(seek));
            receiver.awaitDmx(0, seekSent, p -> p.channel(17) == 255 && p.channel(18) == 255
                    && p.channel(19) == 255, Duration.ofSeconds(2));
            JsonNode patch = client.await(m -> "patch".equals(m.path("type").asText())
                    && m.toString().contains("\"flash\""), Duration.ofSeconds(2));
            assertThat(patch).isNotNull();
            assertThat(indexOf(client.messages(), edit)).as("the edit's reply waits for the disk").isEqualTo(-1);
            assertThat(Files.exists(file) && Files.readString(file).contains("flash")).isFalse();

            disk.release();
            JsonNode reply = ok(client.reply(edit));
            // the reply was sent after the file was on disk with the new content
            assertThat(JsonFiles.read(file).get("entries")).hasSize(1);
            assertThat(Files.readString(file)).contains("\"flash\"");
            List<JsonNode> messages = client.messages();
            assertThat(indexOf(messages, seek)).isLessThan(indexOf(messages, edit));
            assertThat(reply.at("/data/index").asInt()).isZero();
        }
    }

    @Test
    void aReloadRightAfterAnEditReadsTheEditedFileNotTheOneBeforeIt() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        disk.delayMillis = 300; // the edit's write is still queued when the reload arrives
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            String edit = client.intent("cue.add", flash(1.0));
            JsonNode reloaded = ok(client.call("cue.reload", Json.object()));
            ok(client.reply(edit));
            assertThat(reloaded.path("ok").asBoolean()).isTrue();
            int from = client.received();
            client.hello();
            JsonNode snapshot = client.awaitFrom(from, m -> "snapshot".equals(m.path("type").asText()),
                    Duration.ofSeconds(10));
            assertThat(snapshot.at("/state/cues")).as("the reload kept the edit").hasSize(1);
        }
    }

    @Test
    void quickEditsAreWrittenInOrderEndingWithTheLastContentAndABackupOfThePrevious() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = dir.resolve("cues/Song.cue.json");
        disk.delayMillis = 5;
        int edits = 12;
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < edits; i++) {
                ids.add(client.intent("cue.add", flash(0.5 * i)));
            }
            for (String id : ids) {
                ok(client.reply(id));
            }
            List<JsonNode> messages = client.messages();
            for (int i = 1; i < edits; i++) {
                assertThat(indexOf(messages, ids.get(i - 1))).isLessThan(indexOf(messages, ids.get(i)));
            }
            assertThat(JsonFiles.read(file).get("entries")).hasSize(edits);
            assertThat(JsonFiles.read(file.resolveSibling("Song.cue.json.bak")).get("entries")).hasSize(edits - 1);
            assertThat(leftoverTemps(file.getParent())).isEmpty();
        }
    }

    @Test
    void aFailedWriteIsAnsweredWithPersistFailedAndTheFileIsLeftAsItWas() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path file = dir.resolve("cues/Song.cue.json");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            ok(client.call("cue.add", flash(1.0)));
            String before = Files.readString(file);

            disk.failing = true;
            JsonNode failed = fails(client.call("cue.add", flash(2.0)), ErrorCode.PERSIST_FAILED);
            assertThat(failed.at("/error/details/kept_in_memory").asBoolean()).isTrue();
            JsonNode warning = client.awaitEvent("persist_failed");
            assertThat(warning.at("/data/file").asText()).isEqualTo(Path.of("cues", "Song.cue.json").toString());
            assertThat(Files.readString(file)).isEqualTo(before);
            assertThat(leftoverTemps(file.getParent())).isEmpty();
            // a POI save fails the same way and pois.json stays readable as it was
            String pois = Files.readString(show.fixtures().resolve("pois.json"));
            fails(client.call("poi.create", Json.object().put("id", "persist_probe").put("name", "Probe")),
                    ErrorCode.PERSIST_FAILED);
            assertThat(Files.readString(show.fixtures().resolve("pois.json"))).isEqualTo(pois);

            // memory kept the change; the next save writes the whole latest sheet
            disk.failing = false;
            ok(client.call("cue.add", flash(3.0)));
            assertThat(JsonFiles.read(file).get("entries")).hasSize(3);
            assertThat(Files.readString(file.resolveSibling("Song.cue.json.bak"))).isEqualTo(before);
        }
    }

    @Test
    void patchEditsAreCurrentAtOnceBuildOnEachOtherAndAreAnsweredOnceFixturesJsonIsDurable() throws Exception {
        TestShow show = TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        Path fixtures = show.fixtures().resolve("fixtures.json");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = start(show.root(), receiver.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            disk.hold();
            String first = client.intent("rig.remove_fixture", Json.object().put("id", "parcan_l").put("force", true));
            String second = client.intent("rig.remove_fixture", Json.object().put("id", "parcan_r")
                    .put("force", true));
            String seek = client.intent("transport.jump_to_time", Json.object().put("time_ms", 500));
            ok(client.reply(seek));
            assertThat(indexOf(client.messages(), first)).isEqualTo(-1);
            assertThat(indexOf(client.messages(), second)).isEqualTo(-1);
            assertThat(Files.readString(fixtures)).contains("\"parcan_l\"").contains("\"parcan_r\"");

            disk.release();
            ok(client.reply(first));
            ok(client.reply(second));
            String saved = Files.readString(fixtures);
            assertThat(saved).doesNotContain("\"parcan_l\"").doesNotContain("\"parcan_r\"");
            assertThat(Files.readString(fixtures.resolveSibling("fixtures.json.bak"))).doesNotContain("\"parcan_l\"")
                    .contains("\"parcan_r\"");
            JsonNode state = client.call("rig.undo", null);
            ok(state);
            assertThat(Files.readString(fixtures)).doesNotContain("\"parcan_l\"").contains("\"parcan_r\"");
        }
    }

    static List<Path> leftoverTemps(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
