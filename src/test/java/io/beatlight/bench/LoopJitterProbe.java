package io.beatlight.bench;

import io.beatlight.dmx.DmxFrame;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.output.ArtNetOutput;
import io.beatlight.playback.FrameSource;
import io.beatlight.testutil.ArtNetReceiver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The output loop alone, in one JVM with its receiver: the jitter floor of this machine. */
public final class LoopJitterProbe {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (ArtNetReceiver receiver = new ArtNetReceiver()) {
            ArtNetOutput output = new ArtNetOutput(List.of(new InetSocketAddress("127.0.0.1", receiver.port())), 60,
                    false, FrameSource.constant(DmxFrame.blackout(UniverseLayout.single())));
            output.start();
            Thread.sleep(seconds * 1000L);
            output.shutdownWithBlackout();
            List<ArtNetReceiver.Received> packets = receiver.dmx(0);
            List<Double> jitter = new ArrayList<>();
            for (int i = 1; i < packets.size() - 3; i++) {
                jitter.add(Math.abs((packets.get(i).nanos() - packets.get(i - 1).nanos()) / 1e6 - 1000.0 / 60));
            }
            System.out.println("loop alone: |interval - 16.667 ms| " + new Stats(jitter).summary(" ms"));
        }
    }
}
