package io.beatlight.show.fseq;

import io.beatlight.dmx.UniverseLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each universe of the rig lies in an {@code .fseq} frame. The rig's universes are packed in ascending order,
 * 512 channels each, with no gaps: the k-th used universe (0-based) holds channels {@code k·512+1 … (k+1)·512}.
 * Universe numbers the rig skips take no room (a rig on universes 0 and 5 gives 1,024 channels, universe 5 at 513),
 * so the file is exactly universes × 512 channels and the player's output table maps those start channels back to
 * universes. This is the order the canvas stores its universes in, so a frame is copied as it is.
 */
public final class FseqChannelMap {
    /** One universe's place: 1-based first and last channel in the frame. */
    public record Span(int universe, int firstChannel, int lastChannel) {
    }

    private final UniverseLayout layout;

    public FseqChannelMap(UniverseLayout layout) {
        this.layout = layout;
    }

    /** Channels per frame: universes × 512. */
    public int channelCount() {
        return layout.frameBytes();
    }

    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (int k = 0; k < layout.count(); k++) {
            int first = k * UniverseLayout.UNIVERSE_SIZE + 1;
            spans.add(new Span(layout.universeAt(k), first, first + UniverseLayout.UNIVERSE_SIZE - 1));
        }
        return spans;
    }
}
