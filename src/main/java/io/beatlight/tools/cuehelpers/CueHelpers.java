package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.song.CountedBeats;
import io.beatlight.song.SongMetadata;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Optional;

/** The cue helpers Beatlight ships, in the order {@code state.cue_helpers} lists them. */
public final class CueHelpers {
    private static final List<CueHelper> ALL = List.of(new DownbeatsAndBeats(), new ParcanEchoes(), new SongDraft());
    private static final ArrayNode DEFINITIONS = definitions();

    private CueHelpers() {
    }

    public static Optional<CueHelper> find(String id) {
        return ALL.stream().filter(h -> h.id().equals(id)).findFirst();
    }

    /** The {@code state.cue_helpers} array; one shared node, never to be mutated. */
    public static ArrayNode definitionsNode() {
        return DEFINITIONS;
    }

    private static ArrayNode definitions() {
        ArrayNode list = Json.array();
        ALL.forEach(h -> list.add(h.definition()));
        return list;
    }

    /** What the helpers read about the loaded song and the rig, captured on the engine thread. */
    public static HelperInput input(ShowEngine engine) {
        SongMetadata song = engine.session().song();
        return new HelperInput(ShowView.of(engine), CountedBeats.orBpmGrid(song), song.bpm());
    }
}
