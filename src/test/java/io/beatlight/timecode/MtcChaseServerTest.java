package io.beatlight.timecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.LoopbackMidiDevice;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.TimecodeShow;
import io.beatlight.testutil.WsTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIDI Time Code through the whole server: quarter frames sent in real time through an in-process MIDI input (the
 * MIDI API, no hardware) lock the chase, and the song and the Art-Net output follow the code.
 */
@Tag("server")
class MtcChaseServerTest {
    @TempDir
    Path dir;

    /** Sends quarter frames from {@code start} in real time on its own thread until closed. */
    private static final class QuarterFrameFeed implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;
        final long startNanos = System.nanoTime() + 20_000_000;

        QuarterFrameFeed(LoopbackMidiDevice device, Timecode start) {
            FrameRate rate = start.rate();
            double frameNanos = 1e9 / rate.actualFps();
            thread = new Thread(() -> {
                long first = start.frameNumber();
                for (long cycle = 0; running; cycle++) {
                    Timecode tc = Timecode.ofFrameNumber(first + 2 * cycle, rate);
                    for (int piece = 0; piece < 8 && running; piece++) {
                        long due = startNanos + Math.round((2 * cycle + piece / 4.0) * frameNanos);
                        LockSupport.parkNanos(due - System.nanoTime());
                        device.send(MtcTestSignal.quarterFrame(tc, piece));
                    }
                }
            }, "mtc-feed");
            thread.setDaemon(true);
            thread.start();
        }

        /** The song time the feed stands for at {@code nanos} (offset 01:00:00:00, feed starting at 4 s). */
        double songTimeAt(long nanos, double startSeconds) {
            return startSeconds + (nanos - startNanos) / 1e9;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(1000);
        }
    }

    @Test
    void quarterFramesFromAMidiInputDriveTheSongAndTheWire() throws Exception {
        TimecodeShow.write(dir);
        LoopbackMidiDevice device = new LoopbackMidiDevice("Test MTC Port");
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.startWithMidi(dir, receiver.port(), List.of(device),
                     "--clock", "mtc", "--mtc-device", "MTC Port");
             WsTestClient client = WsTestClient.connect(server.port())) {
            JsonNode clock = client.firstSnapshot().at("/state/playback/clock");
            assertThat(clock.get("source").asText()).isEqualTo("mtc");
            assertThat(clock.get("locked").asBoolean()).isFalse();

            try (QuarterFrameFeed feed = new QuarterFrameFeed(device, new Timecode(1, 0, 4, 0, FrameRate.FPS_25))) {
                JsonNode message = client.awaitFrom(0, m -> {
                    JsonNode playback = m.at("/state/playback").isMissingNode() ? playbackPatch(m)
                            : m.at("/state/playback");
                    return playback != null && playback.at("/clock/locked").asBoolean()
                            && "playing".equals(playback.path("state").asText());
                }, Duration.ofSeconds(5));
                assertThat(message).isNotNull();
                Thread.sleep(500);
                ArtNetReceiver.Received dmx = receiver.awaitDmx(0, System.nanoTime(), p -> true,
                        Duration.ofSeconds(1));
                double expected = feed.songTimeAt(dmx.nanos(), 4.0);
                // the wire shows the start of the 50 ms step containing the song time
                assertThat(TimecodeShow.songTimeOf(dmx)).isCloseTo(expected - TimecodeShow.STEP_S / 2,
                        within(0.1 + TimecodeShow.STEP_S / 2));
            }
        }
    }

    private static JsonNode playbackPatch(JsonNode m) {
        for (JsonNode change : m.path("changes")) {
            if (change.path("path").size() == 1 && "playback".equals(change.path("path").get(0).asText())) {
                return change.get("value");
            }
        }
        return null;
    }
}
