package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.song.CountedBeats;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code downbeats_and_beats}: on every downbeat the moving heads flash for two beats; on the other beats of the bar
 * the par cans take turns, left to right, with a blue flash of 1¼ beats (the turn restarts each bar).
 */
final class DownbeatsAndBeats implements CueHelper {
    static final String ID = "downbeats_and_beats";
    private static final ObjectNode DEFINITION = Rows.definition(ID, "DownBeats and Beats",
            "Flash the moving heads on downbeats, then chase blue across the par cans (left to right) on the other "
                    + "beats. Uses the song's beats, or a grid from its bpm when it has none.", "full_song", null);

    @Override
    public ObjectNode definition() {
        return DEFINITION.deepCopy();
    }

    @Override
    public List<ObjectNode> generate(HelperInput input, Payload params) throws IntentException {
        if (input.beats().isEmpty() || !input.hasBpm()) {
            throw Rows.beatsUnavailable();
        }
        List<ShowView.FixtureInfo> heads = Rows.ofType(input.show(), "moving_head", "flash");
        List<ShowView.FixtureInfo> pars = Rows.ofType(input.show(), "parcan", "flash");
        if (heads.isEmpty() && pars.isEmpty()) {
            throw Rows.failed("no_flash_fixtures", "no moving head or par can can flash");
        }
        double beat = input.beatSeconds();
        List<ObjectNode> rows = new ArrayList<>();
        int turn = 0;
        for (CountedBeats.Beat b : input.beats()) {
            if (b.beat() == 1) {
                turn = 0;
                for (ShowView.FixtureInfo head : heads) {
                    rows.add(Rows.effect(b.time(), head.id(), "flash", 2 * beat, Json.object()));
                }
            } else if (!pars.isEmpty()) {
                ShowView.FixtureInfo par = pars.get(turn++ % pars.size());
                rows.add(Rows.effect(b.time(), par.id(), "flash", 1.25 * beat,
                        Json.object().put("color", "#0000FF")));
            }
        }
        return rows;
    }
}
