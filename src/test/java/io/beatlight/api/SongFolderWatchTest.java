package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TestShow;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A song dropped into the folder appears without a restart. */
@Tag("server")
class SongFolderWatchTest {
    @TempDir
    Path dir;

    @Test
    void aDroppedSongIsAnnouncedAndListed() throws Exception {
        TestShow.withReferenceRig(dir).song("First", 3, 120, null);
        try (BeatlightServer server = TestServer.start(dir, 9);
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode state = client.firstSnapshot().get("state");
            assertThat(state.get("songs")).hasSize(1);
            assertThat(state.at("/songs/0/duration_s").asDouble()).isEqualTo(3.0);
            TestShow.writeSilentWav(dir.resolve("songs/Second.wav"), 2);
            JsonNode event = client.await(m -> "song_list".equals(m.path("message").asText())
                    && m.at("/data/songs").size() == 2, Duration.ofSeconds(10));
            assertThat(event.at("/data/songs/1").asText()).isEqualTo("Second");
            client.await(m -> "patch".equals(m.path("type").asText()) && m.toString().contains("Second.wav"),
                    Duration.ofSeconds(5));
            JsonNode loaded = client.call("song.load", Json.object().put("filename", "Second"));
            assertThat(loaded.get("ok").asBoolean()).isTrue();
        }
    }
}
