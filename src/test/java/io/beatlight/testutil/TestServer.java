package io.beatlight.testutil;

import io.beatlight.BeatlightServer;
import io.beatlight.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;

/** Starts the real server on a free port over a test show folder. */
public final class TestServer {
    private TestServer() {
    }

    /** Starts with Art-Net sent to {@code artnetPort} on loopback from an ephemeral port, the ArtPoll listener off. */
    public static BeatlightServer start(Path showDir, int artnetPort, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--show-dir", showDir.toString(), "--host", "127.0.0.1",
                "--artnet-targets", "127.0.0.1:" + artnetPort, "--artnet-listen-port", "0",
                "--artnet-source-port", "0")); // tests never hold 6454: a local receiver (olad) may need it
        if (!List.of(extraArgs).contains("--port")) {
            args.addAll(List.of("--port", "0"));
        }
        args.addAll(List.of(extraArgs));
        return BeatlightServer.start(Config.parse(args.toArray(String[]::new)));
    }

    /** As {@link #start}, with these in-process devices as the machine's MIDI inputs. */
    public static BeatlightServer startWithMidi(Path showDir, int artnetPort, List<MidiDevice> midiInputs,
                                                String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--show-dir", showDir.toString(), "--host", "127.0.0.1",
                "--artnet-targets", "127.0.0.1:" + artnetPort, "--artnet-listen-port", "0",
                "--artnet-source-port", "0", "--port", "0"));
        args.addAll(List.of(extraArgs));
        return BeatlightServer.start(Config.parse(args.toArray(String[]::new)), () -> midiInputs);
    }
}
