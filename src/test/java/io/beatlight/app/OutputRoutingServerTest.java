package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.output.ArtNet;
import io.beatlight.output.OutputsFile;
import io.beatlight.output.SacnOutputTest;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The show's outputs.json routes universes; a bad file keeps the command-line targets; outputs.reload applies it live. */
@Tag("server")
class OutputRoutingServerTest {
    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(BeatlightServer.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(BeatlightServer.class)).detachAppender(log);
    }

    private void writeOutputs(String json) throws Exception {
        Files.writeString(dir.resolve(OutputsFile.NAME), json);
    }

    private boolean warned(String text) {
        return log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text));
    }

    @Test
    void anInvalidFileIsNamedInAWarningAndTheDefaultTargetsStay() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        writeOutputs("{\"outputs\": {\"0\": [{\"protocol\": \"dmx512\", \"host\": \"127.0.0.1\"}]}}");
        try (ArtNetReceiver defaults = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, defaults.port())) {
            defaults.awaitDmx(0, p -> true);
            assertThat(server.output().routing().isEmpty()).isTrue();
            assertThat(warned("outputs.json: universe 0, destination 1: protocol must be \"artnet\" or \"sacn\""))
                    .as(log.list.toString()).isTrue();
        }
    }

    @Test
    void outputsReloadSwitchesRoutesOnARunningServerWithoutAGap() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        try (ArtNetReceiver defaults = new ArtNetReceiver(); ArtNetReceiver a = new ArtNetReceiver();
             ArtNetReceiver b = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, defaults.port());
             WsTestClient client = WsTestClient.connect(server.port())) {
            defaults.awaitDmx(0, p -> true);
            long firstFrame = server.output().firstFrameNanos();
            writeOutputs("""
                    {"outputs": {"0": [
                      {"protocol": "artnet", "host": "127.0.0.1", "port": %d, "port_address": "1:0:5"},
                      {"protocol": "sacn", "host": "127.0.0.1", "port": %d, "sacn_universe": 7, "priority": 150}
                    ]}}""".formatted(a.port(), b.port()));
            long lateBefore = server.output().stats().lateFrames();
            JsonNode reply = client.call("outputs.reload", Json.object());
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            assertThat(reply.at("/data/routes/0").size()).isEqualTo(2);

            ArtNetReceiver.Received firstAtA = a.awaitDmx(0x0105, 0, p -> true, Duration.ofSeconds(5));
            b.awaitSilence(Duration.ofMillis(1), Duration.ofMillis(300)); // let a few sACN frames arrive
            defaults.awaitSilence(Duration.ofMillis(100), Duration.ofSeconds(3)); // universe 0 was the only one
            List<ArtNetReceiver.Received> atDefault = defaults.dmx(0);
            assertThat(atDefault.subList(atDefault.size() - 3, atDefault.size()))
                    .as("the command-line target universe 0 left gets three blackout frames")
                    .allSatisfy(p -> assertThat(p.dmx().data()).containsOnly((byte) 0));
            ArtNetReceiver.Received lastAtDefault = atDefault.get(atDefault.size() - 4);
            long lateFrames = server.output().stats().lateFrames() - lateBefore;
            assertThat(lastAtDefault.nanos()).isLessThan(firstAtA.nanos());
            assertThat((firstAtA.nanos() - lastAtDefault.nanos()) / 1_000_000)
                    .as("one frame period apart, plus frames a loaded machine made the loop skip")
                    .isLessThan(17 * (2 + lateFrames) + 10);
            assertThat(server.output().firstFrameNanos()).as("the output loop kept running").isEqualTo(firstFrame);

            Thread.sleep(200);
            List<SacnOutputTest.E131> atB = b.packets().stream().map(SacnOutputTest::decode).toList();
            assertThat(atB).isNotEmpty().allSatisfy(p -> {
                assertThat(p.universe()).isEqualTo(7);
                assertThat(p.priority()).isEqualTo(150);
            });
            assertThat(a.packets()).allSatisfy(p -> assertThat(p.opcode()).isEqualTo(ArtNet.OP_DMX));

            // a broken edit is refused and the running routes stay
            writeOutputs("{\"outputs\": {\"0\": [{\"protocol\": \"artnet\"}]}}");
            JsonNode refused = client.call("outputs.reload", Json.object());
            assertThat(refused.at("/error/code").asText()).isEqualTo("load_failed");
            assertThat(refused.at("/error/message").asText()).contains("\"host\" is required");
            long afterRefusal = System.nanoTime();
            a.awaitDmx(0x0105, afterRefusal, p -> true, Duration.ofSeconds(5));

            // back to the defaults once the file is gone
            Files.delete(dir.resolve(OutputsFile.NAME));
            assertThat(client.call("outputs.reload", Json.object()).path("ok").asBoolean()).isTrue();
            defaults.awaitDmx(0, System.nanoTime(), p -> true, Duration.ofSeconds(5));
        }
    }
}
