package io.beatlight.output;

import io.beatlight.timecode.TimecodeListener;
import io.beatlight.timecode.TimecodeSource;
import java.io.IOException;

/** Art-Net OpTimeCode received on the Art-Net listen socket, whose receive loop the ArtPoll responder owns. */
public final class ArtNetTimecodeSource implements TimecodeSource {
    private final ArtPollResponder receiver;

    public ArtNetTimecodeSource(ArtPollResponder receiver) {
        this.receiver = receiver;
    }

    @Override
    public String kind() {
        return "artnet";
    }

    @Override
    public String description() {
        return "Art-Net OpTimeCode on UDP port " + receiver.localPort();
    }

    @Override
    public void start(TimecodeListener listener) throws IOException {
        if (!receiver.listening()) {
            throw new IOException("the Art-Net listen port is off or taken (set --artnet-listen-port)");
        }
        receiver.onTimecode(listener);
    }

    @Override
    public void close() {
        receiver.onTimecode(null);
    }
}
