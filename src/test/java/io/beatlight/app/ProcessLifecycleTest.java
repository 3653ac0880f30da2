package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.ServerProcess;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The application as a process: environment configuration, the ready line, SIGTERM with blackout, --help. */
@Tag("server")
class ProcessLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void configuredByEnvironmentAndBlacksOutOnSigterm() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             ServerProcess server = ServerProcess.start(Map.of(
                     "BEATLIGHT_SHOW_DIR", dir.toString(),
                     "BEATLIGHT_PORT", "0",
                     "BEATLIGHT_ARTNET_TARGETS", "127.0.0.1:" + receiver.port(),
                     "BEATLIGHT_ARTNET_LISTEN_PORT", "0",
                     "BEATLIGHT_ARTNET_SOURCE_PORT", "0",
                     "BEATLIGHT_FPS", "40",
                     "BEATLIGHT_LOG_LEVEL", "warn"))) {
            int port = server.awaitReady(Duration.ofSeconds(30));
            receiver.awaitDmx(0, p -> p.channel(16) == 255);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.MAPPER.readTree(health.body()).at("/artnet/fps").asInt()).isEqualTo(40);
            try (WsTestClient client = WsTestClient.connect(port)) {
                client.firstSnapshot();
                var payload = Json.object().put("fixture_id", "parcan_l");
                payload.set("values", Json.object().put("rgb", "#FFFFFF"));
                assertThat(client.call("fixture.set_values", payload).get("ok").asBoolean()).isTrue();
            }
            receiver.awaitDmx(0, p -> p.channel(17) == 255);
            server.terminate();
            int exit = server.awaitExit(Duration.ofSeconds(15));
            assertThat(exit).isIn(0, 143);
            receiver.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            List<ArtNetReceiver.Received> packets = receiver.dmx(0);
            for (byte b : packets.get(packets.size() - 1).dmx().data()) {
                assertThat(b).isZero();
            }
        }
    }

    @Test
    void helpListsEveryOptionWithItsVariable() throws Exception {
        try (ServerProcess help = ServerProcess.start(Map.of("BEATLIGHT_TOKEN", "hunter2"), "--help")) {
            assertThat(help.awaitExit(Duration.ofSeconds(20))).isZero();
            String text = help.output();
            assertThat(text).doesNotContain("hunter2");
            for (String variable : List.of("BEATLIGHT_HOST", "BEATLIGHT_PORT", "BEATLIGHT_SHOW_DIR",
                    "BEATLIGHT_ARTNET_TARGETS", "BEATLIGHT_ARTNET_LISTEN_PORT", "BEATLIGHT_FPS", "BEATLIGHT_TOKEN",
                    "--listen-all", "--log-level")) {
                assertThat(text).contains(variable);
            }
        }
    }

    @Test
    void badConfigurationIsAClearErrorWithExitCode2() throws Exception {
        try (ServerProcess bad = ServerProcess.start(Map.of("BEATLIGHT_FPS", "0"), "--show-dir", dir.toString())) {
            assertThat(bad.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(bad.output()).contains("--fps must be 1..120");
        }
        try (ServerProcess bad = ServerProcess.start(Map.of(), "--port", "many")) {
            assertThat(bad.awaitExit(Duration.ofSeconds(20))).isEqualTo(2);
            assertThat(bad.output()).contains("--port");
        }
    }
}
