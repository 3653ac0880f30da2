package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.beatlight.BeatlightServer;
import io.beatlight.output.SacnCid;
import io.beatlight.output.SacnOutputTest;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server sends sACN to --sacn-targets beside Art-Net, with the CID kept in the show folder. */
@Tag("server")
class SacnServerTest {
    @TempDir
    Path dir;

    @Test
    void sacnTargetsGetUniverseOnePlusOneWithTheShowsCid() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 5, 120, null);
        try (ArtNetReceiver artnet = new ArtNetReceiver(); ArtNetReceiver sacn = new ArtNetReceiver()) {
            try (BeatlightServer server = TestServer.start(dir, artnet.port(), "--sacn-targets",
                    "127.0.0.1:" + sacn.port(), "--sacn-priority", "120")) {
                artnet.awaitDmx(0, p -> true);
                Thread.sleep(300);
                var health = Json.MAPPER.readTree(HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body());
                assertThat(health.at("/sacn/priority").asInt()).isEqualTo(120);
                assertThat(health.at("/sacn/cid").asText())
                        .isEqualTo(Files.readString(dir.resolve(SacnCid.FILE_NAME)).trim());
            }
            sacn.awaitSilence(Duration.ofMillis(200), Duration.ofSeconds(3));
            UUID cid = UUID.fromString(Files.readString(dir.resolve(SacnCid.FILE_NAME)).trim());
            var packets = sacn.packets().stream().map(SacnOutputTest::decode).toList();
            assertThat(packets).isNotEmpty().allSatisfy(p -> {
                assertThat(p.cid()).isEqualTo(cid);
                assertThat(p.priority()).isEqualTo(120);
                assertThat(p.universe()).isEqualTo(1);
            });
            assertThat(packets.get(packets.size() - 1).terminated()).isTrue();
        }
    }
}
