package io.beatlight.tools.cuehelpers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.song.CountedBeats;
import io.beatlight.song.Section;
import io.beatlight.tools.ShowView;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code song_draft}: a first cue sheet from the beats and sections. Everything starts dark; in every section the par
 * cans flash white together on downbeats and walk a blue look from can to can on the other beats; the first two heads
 * that can orbit (else move to a POI) orbit between two of their calibrated POIs every other bar.
 *
 * <p>The reference also picks each section's colours from its energy, fades the pars in quiet windows and adds head
 * flashes on vocal or drum accents, all from per-stem section features its analyser writes. Beatlight's metadata has
 * no such features, so every section gets the reference's mid-energy palette and there are no fades or accents.
 */
final class SongDraft implements CueHelper {
    static final String ID = "song_draft";
    private static final List<String> PREFERRED_POIS = List.of("table", "piano", "wall", "sofa", "ceiling_station");
    private static final ObjectNode DEFINITION = Rows.definition(ID, "Song Draft",
            "Create a draft cue sheet from the song's beats and sections: par flashes on downbeats, a par walk on "
                    + "the other beats, head orbits between POIs every other bar. Needs sections and beats (or a "
                    + "bpm). Section energy and per-stem accents are not in Beatlight's metadata, so every section "
                    + "uses the mid-energy palette and no accent flashes or quiet-window fades are drafted.",
            "full_song", null);
    private static final ObjectNode SECTION_COLOUR = Json.object().put("red", 13).put("green", 59).put("blue", 255);

    @Override
    public ObjectNode definition() {
        return DEFINITION.deepCopy();
    }

    @Override
    public List<ObjectNode> generate(HelperInput input, Payload params) throws IntentException {
        if (input.beats().isEmpty()) {
            throw Rows.beatsUnavailable();
        }
        ShowView show = input.show();
        if (show.sections().isEmpty()) {
            throw Rows.failed("sections_unavailable", "song_draft needs the song's sections");
        }
        List<ShowView.FixtureInfo> pars = show.fixtures().stream().filter(f -> "parcan".equals(f.type())
                && f.supports("full") && f.supports("flash") && f.supports("blackout")).toList();
        if (pars.size() < 2) {
            throw Rows.failed("draft_helper_requires_parcans", "song_draft needs two par cans");
        }
        List<ShowView.FixtureInfo> movers = show.fixtures().stream().filter(f -> f.supports("move_to_poi")).toList();
        if (movers.isEmpty()) {
            throw Rows.failed("draft_helper_requires_movers", "song_draft needs a head that can move to a POI");
        }
        List<ShowView.FixtureInfo> orbiters = show.fixtures().stream().filter(f -> f.supports("orbit")).toList();
        if (orbiters.isEmpty()) {
            orbiters = movers;
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (ShowView.FixtureInfo f : pars) {
            rows.add(Rows.effect(0, f.id(), "blackout", 0, Json.object()));
        }
        for (ShowView.FixtureInfo f : movers) {
            if (f.supports("blackout")) {
                rows.add(Rows.effect(0, f.id(), "blackout", 0, Json.object()));
            }
        }
        for (Section section : show.sections()) {
            List<CountedBeats.Beat> beats = input.beats().stream()
                    .filter(b -> b.time() >= section.startS() && b.time() < section.endS()).toList();
            if (beats.isEmpty()) {
                continue;
            }
            double beat = meanGap(beats, input);
            parWalk(rows, beats, pars, beat);
            orbits(rows, beats, orbiters.subList(0, Math.min(2, orbiters.size())), show, beat);
        }
        return rows;
    }

    private static void parWalk(List<ObjectNode> rows, List<CountedBeats.Beat> beats,
                                List<ShowView.FixtureInfo> pars, double beat) {
        int walk = 0;
        String active = null;
        for (CountedBeats.Beat b : beats) {
            if (b.beat() == 1) {
                for (ShowView.FixtureInfo par : pars) {
                    rows.add(Rows.effect(b.time(), par.id(), "flash", Math.max(0.15, beat * 0.75),
                            Json.object().put("color", "#FFFFFF")));
                }
                continue;
            }
            String next = pars.get(walk++ % pars.size()).id();
            if (active != null && !active.equals(next)) {
                rows.add(Rows.effect(b.time(), active, "blackout", 0, Json.object()));
            }
            rows.add(Rows.effect(b.time(), next, "full", 0, SECTION_COLOUR.deepCopy()));
            active = next;
        }
    }

    /** Every other downbeat, the orbiters take turns orbiting from one calibrated POI around another. */
    private static void orbits(List<ObjectNode> rows, List<CountedBeats.Beat> beats,
                               List<ShowView.FixtureInfo> orbiters, ShowView show, double beat) {
        List<CountedBeats.Beat> downbeats = beats.stream().filter(b -> b.beat() == 1).toList();
        List<CountedBeats.Beat> phrases = new ArrayList<>();
        for (int i = 0; i < downbeats.size(); i += 2) {
            phrases.add(downbeats.get(i));
        }
        for (int index = 0; index < orbiters.size(); index++) {
            ShowView.FixtureInfo head = orbiters.get(index);
            List<String> pair = poiPair(show, head.id());
            if (pair.size() < 2 || !head.supports("orbit")) {
                continue;
            }
            for (int i = index; i < phrases.size(); i += orbiters.size()) {
                double t = phrases.get(i).time();
                if (head.supports("full")) {
                    rows.add(Rows.effect(t, head.id(), "full", 0, Json.object()));
                }
                ObjectNode data = Json.object().put("start_POI", pair.get(0)).put("subject_POI", pair.get(1));
                data.set("orbits", Json.number(1.0));
                rows.add(Rows.effect(t, head.id(), "orbit", Math.max(beat * 4, 0.5), data));
            }
        }
    }

    /** Two POIs calibrated for the head: the reference's preferred names first, then the others in stored order. */
    private static List<String> poiPair(ShowView show, String fixtureId) {
        List<String> calibrated = show.pois().stream().filter(p -> p.calibrated().contains(fixtureId))
                .map(ShowView.PoiInfo::id).toList();
        List<String> ordered = new ArrayList<>();
        PREFERRED_POIS.stream().filter(calibrated::contains).forEach(ordered::add);
        calibrated.stream().filter(id -> !ordered.contains(id)).forEach(ordered::add);
        return ordered.subList(0, Math.min(2, ordered.size()));
    }

    private static double meanGap(List<CountedBeats.Beat> beats, HelperInput input) {
        if (beats.size() > 1) {
            double sum = 0;
            for (int i = 0; i + 1 < beats.size(); i++) {
                sum += Math.max(0.05, beats.get(i + 1).time() - beats.get(i).time());
            }
            return sum / (beats.size() - 1);
        }
        return input.hasBpm() ? input.beatSeconds() : 0.5;
    }
}
