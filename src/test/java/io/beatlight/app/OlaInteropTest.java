package io.beatlight.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.BeatlightServer;
import io.beatlight.dmx.DmxBuffer;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.output.ArtNetOutput;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.OlaDaemon;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with an independent Art-Net receiver: OLA's olad (Art-Net input on 127.0.0.1, every other plugin off)
 * receives what the real Beatlight server sends to 127.0.0.1:6454, read back through OLA's HTTP get_dmx. Beatlight's
 * ArtPoll listener is off here (--artnet-listen-port 0): bound to 127.0.0.1:6454 with SO_REUSEADDR it would take
 * olad's unicast. Skipped only where olad cannot run, and never in CI (.ci/run sets BEATLIGHT_REQUIRE_OLA).
 */
@Tag("server")
class OlaInteropTest {
    // olad 0.10 gives a patched Art-Net port the Port-Address of its OLA universe (net 0, sub-net 0, universe = id
    // mod 16), so OLA universe N receives Beatlight universe N
    private static final int OLA_UNIVERSE_0 = 0;
    private static final int OLA_UNIVERSE_1 = 1;
    private static OlaDaemon ola;

    @TempDir
    Path dir;

    @BeforeAll
    static void startOla() throws Exception {
        String reason = OlaDaemon.unavailableReason();
        if (reason != null && System.getenv("BEATLIGHT_REQUIRE_OLA") == null && System.getenv("CI") == null) {
            Assumptions.abort("OLA interop skipped: " + reason);
        }
        assertThat(reason).as("OLA must run in CI (BEATLIGHT_REQUIRE_OLA or CI is set)").isNull();
        ola = OlaDaemon.start();
        assertThat(ola.activePlugins()).containsExactly("ArtNet");
        assertThat(ola.enabledPluginConfigsBesidesArtNet()).isEmpty();
        ola.patchInput(0, OLA_UNIVERSE_0);
        ola.patchInput(1, OLA_UNIVERSE_1);
    }

    @AfterAll
    static void stopOla() throws Exception {
        if (ola != null) {
            ola.close();
        }
    }

    @Test
    void valuesSetOnTheServerArriveInOla() throws Exception {
        TestShow.withReferenceRig(dir).song("Song", 10, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 6454);
             WsTestClient client = WsTestClient.connect(server.port())) {
            client.firstSnapshot();
            // the reference par "parcan_l" sits at 16: dim 16, red 17, green 18, blue 19
            ObjectNode par = Json.object().put("fixture_id", "parcan_l");
            par.putObject("values").put("rgb", "#FF8000").put("dim", 200);
            JsonNode reply = client.call("fixture.set_values", par);
            assertThat(reply.path("ok").asBoolean()).as(reply.toString()).isTrue();
            int[] seen = ola.awaitDmx(OLA_UNIVERSE_0, v -> v.length == 512 && v[15] == 200 && v[16] == 255
                    && v[17] == 128 && v[18] == 0, Duration.ofSeconds(5));
            assertThat(seen[19]).isZero(); // strobe untouched

            par.putObject("values").put("rgb", "#0010FF").put("dim", 31);
            client.call("fixture.set_values", par);
            ola.awaitDmx(OLA_UNIVERSE_0, v -> v.length == 512 && v[15] == 31 && v[16] == 0 && v[17] == 16
                    && v[18] == 255, Duration.ofSeconds(5));
        }
    }

    @Test
    void everyChannelOfTwoUniversesArrivesAndBlackoutOnShutdown() throws Exception {
        UniverseLayout layout = UniverseLayout.of(List.of(0, 1));
        DmxBuffer buffer = new DmxBuffer(layout);
        for (int channel = 1; channel <= 512; channel++) {
            buffer.set(0, channel, channel % 256);
            buffer.set(1, channel, 255 - channel % 256);
        }
        ArtNetOutput output = new ArtNetOutput(
                List.of(new InetSocketAddress("127.0.0.1", 6454)), 60, false,
                FrameSource.constant(buffer.freeze()));
        output.start();
        try {
            ola.awaitDmx(OLA_UNIVERSE_0, v -> v.length == 512 && everyChannel(v, c -> c % 256), Duration.ofSeconds(5));
            ola.awaitDmx(OLA_UNIVERSE_1, v -> v.length == 512 && everyChannel(v, c -> 255 - c % 256),
                    Duration.ofSeconds(5));
        } finally {
            output.shutdownWithBlackout();
        }
        ola.awaitDmx(OLA_UNIVERSE_0, v -> v.length == 512 && everyChannel(v, c -> 0), Duration.ofSeconds(5));
        ola.awaitDmx(OLA_UNIVERSE_1, v -> v.length == 512 && everyChannel(v, c -> 0), Duration.ofSeconds(5));
    }

    private static boolean everyChannel(int[] values, IntUnaryOperator expected) {
        for (int channel = 1; channel <= 512; channel++) {
            if (values[channel - 1] != expected.applyAsInt(channel)) {
                return false;
            }
        }
        return true;
    }
}
