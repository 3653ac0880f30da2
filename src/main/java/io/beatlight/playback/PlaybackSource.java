package io.beatlight.playback;

import io.beatlight.dmx.DmxFrame;

/**
 * Output while playing: the timeline frame for the song time extrapolated from an anchor. Because it computes the
 * frame at send time, the wire always shows the frame for "now", whatever the engine thread is doing.
 */
public record PlaybackSource(FrameTimeline timeline, double anchorSeconds, long anchorNanos, double lengthSeconds)
        implements FrameSource {

    public double timeAt(long nanoTime) {
        double t = anchorSeconds + (nanoTime - anchorNanos) / 1e9;
        return t > 0 ? Math.min(t, lengthSeconds) : 0;
    }

    @Override
    public DmxFrame frameAt(long nanoTime) {
        return timeline.frameAt(timeAt(nanoTime));
    }
}
