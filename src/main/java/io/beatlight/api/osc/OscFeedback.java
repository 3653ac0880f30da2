package io.beatlight.api.osc;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import io.beatlight.engine.ShowEngine;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import java.util.List;

/**
 * The state feedback sent to subscribers: one bundle (timetag immediate) of separate messages, so a control surface
 * can bind each address to its own control. Unknown values are sent as 0, -1 or "" (many OSC clients cannot read
 * nil).
 */
final class OscFeedback {
    private OscFeedback() {
    }

    /** A reading of the show's transport, taken on the engine thread. */
    record Reading(double timeSeconds, String state, double bpm, String song, int sectionIndex, String sectionName) {
    }

    /** Engine thread. */
    static Reading read(ShowEngine engine) {
        long now = System.nanoTime();
        double t = engine.playback().timeAt(now);
        SongMetadata song = engine.session().song();
        int index = -1;
        String name = "";
        if (song != null) {
            Section section = song.sectionAt(t);
            if (section != null) {
                index = song.sections().indexOf(section);
                name = section.name();
            }
        }
        double bpm = song == null || song.bpm() == null ? 0 : song.bpm();
        return new Reading(t, engine.playback().stateName(now), bpm, song == null ? "" : song.id(), index, name);
    }

    static OSCPacket bundle(Reading r) {
        return new OSCBundle(List.of(
                message("/beatlight/state/time", (float) r.timeSeconds()),
                message("/beatlight/state/playing", r.state().equals("playing") ? 1 : 0),
                message("/beatlight/state/transport", r.state()),
                message("/beatlight/state/bpm", (float) r.bpm()),
                new OSCMessage("/beatlight/state/section", List.of(r.sectionIndex(), r.sectionName())),
                message("/beatlight/state/song", r.song())));
    }

    private static OSCPacket message(String address, Object value) {
        return new OSCMessage(address, List.of(value));
    }
}
