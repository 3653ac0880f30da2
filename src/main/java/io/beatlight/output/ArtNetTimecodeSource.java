package io.beatlight.output;

import io.beatlight.timecode.TimecodeListener;
import io.beatlight.timecode.TimecodeSource;
import java.io.IOException;

/** Art-Net OpTimeCode received on the Art-Net listen socket, whose receive loop the ArtPoll responder owns. */
public final class ArtNetTimecodeSource implements TimecodeSource {
    private final ArtPollResponder receiver;
    private TimecodeListener listener;

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
    public void start(TimecodeListener timecodeListener) throws IOException {
        if (!receiver.listening()) {
            throw new IOException("the Art-Net listen port is off or taken (set --artnet-listen-port)");
        }
        this.listener = timecodeListener;
        receiver.onTimecode(timecodeListener);
    }

    /** Stops this source's delivery; a source started on the same socket since keeps its own. */
    @Override
    public void close() {
        if (listener != null) {
            receiver.stopTimecode(listener);
        }
    }
}
