package io.beatlight.testutil;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A show whose output tells the song time: song {@code Song} of {@link #LENGTH_S} s whose cue sheet sets ParCan L's
 * red and green (channels 17 and 18 of universe 0) every 50 ms to the step number ({@code red + 200 * green}), and a
 * {@code timecode.json} that starts the song at {@link #OFFSET}.
 */
public final class TimecodeShow {
    public static final double LENGTH_S = 40;
    public static final double STEP_S = 0.05;
    public static final String OFFSET = "01:00:00:00";

    private TimecodeShow() {
    }

    public static void write(Path dir) throws IOException {
        write(dir, STEP_S);
    }

    /** With the step number changing every {@code step} seconds (a whole number of milliseconds). */
    public static void write(Path dir, double step) throws IOException {
        TestShow.withReferenceRig(dir).song("Song", LENGTH_S, 120, null);
        ObjectNode sheet = Json.object().put("song_filename", "Song");
        ArrayNode entries = sheet.putArray("entries");
        int steps = (int) Math.round(LENGTH_S / step);
        for (int k = 0; k < steps; k++) {
            ObjectNode row = entries.addObject().put("time", Math.round(k * step * 1000) / 1000.0)
                    .put("fixture_id", "parcan_l").put("effect", "set_channels").put("duration", 0);
            row.putObject("data").putObject("channels").put("red", k % 200).put("green", k / 200);
        }
        Files.createDirectories(dir.resolve("cues"));
        Files.writeString(dir.resolve("cues/Song.cue.json"), Json.write(sheet));
        Files.writeString(dir.resolve("timecode.json"), "{\"songs\": {\"Song\": \"" + OFFSET + "\"}}\n");
    }

    /** The song time ParCan L's channels say (the start of the 50 ms step on output). */
    public static double songTimeOf(ArtNetReceiver.Received dmx) {
        return songTimeOf(dmx, STEP_S);
    }

    public static double songTimeOf(ArtNetReceiver.Received dmx, double step) {
        return (dmx.channel(17) + 200 * dmx.channel(18)) * step;
    }

    /** A UDP port free on loopback just now. */
    public static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }
}
