package io.beatlight.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.tools.ShowView.PoiInfo;
import io.beatlight.song.Section;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A complete first draft of a show, without a model: a look per section (colour by the section's role), accents on
 * the downbeats where the energy is high, a strobe build into each chorus, head moves between the calibrated POIs
 * in calm parts and sweeps across the subject in the big ones, and a fade out at the end. Deterministic.
 */
public final class ShowDrafter {
    private final ShowView show;
    private final List<FixtureInfo> pars;
    private final List<FixtureInfo> heads;
    private final double beat;
    private final List<ObjectNode> rows = new ArrayList<>();

    private ShowDrafter(ShowView show) {
        this.show = show;
        this.pars = show.fixtures().stream().filter(f -> !f.isHead()).toList();
        this.heads = show.heads();
        this.beat = show.beatSeconds();
    }

    /** The section's role and its look. */
    private record Role(String colour, int energy) {
    }

    private static Role role(Section s, int index, int count) {
        String kind = s.name().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]*\\d+$", "");
        return switch (kind) {
            case "intro" -> new Role("#0030FF", 1);
            case "verse" -> new Role(index % 2 == 0 ? "#8000FF" : "#FF8000", 2);
            case "prechorus", "pre-chorus", "pre_chorus", "build", "buildup" -> new Role("#FF00FF", 3);
            case "chorus", "drop", "hook", "refrain" -> new Role("#FF0000", 4);
            case "bridge", "breakdown", "break" -> new Role("#00FFFF", 1);
            case "outro", "ending" -> new Role("#FFBF00", 1);
            default -> new Role(index * 2 < count ? "#00FF60" : "#FF3000", 2);
        };
    }

    public static Proposal draft(ShowView show) {
        List<Section> sections = show.sections().isEmpty()
                ? List.of(new Section("song", 0, show.lengthS())) : show.sections();
        return new ShowDrafter(show).draft(sections);
    }

    private Proposal draft(List<Section> sections) {
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            Role role = role(s, i, sections.size());
            List<Double> downbeats = show.barGrid().stream()
                    .filter(t -> t >= s.startS() - 1e-6 && t < s.endS() - 1e-6).toList();
            look(s, role);
            accents(role, downbeats);
            strobeBuild(s, role);
            headMovement(s, role, downbeats, i);
        }
        fadeOut(sections.get(sections.size() - 1));
        return proposal(sections);
    }

    /** The section's look: its colour washes in over a beat. */
    private void look(Section s, Role role) {
        int[] rgb = CueRows.rgb(role.colour());
        for (FixtureInfo f : pars) {
            if (f.rgb() && f.supports("fade_in")) {
                rows.add(CueRows.row(s.startS(), f.id(), "fade_in", beat, Json.object()
                        .put("red", rgb[0]).put("green", rgb[1]).put("blue", rgb[2])));
            }
        }
    }

    /**
     * White hits on the downbeats: every bar on all pars when the energy is high, every other bar in the mid parts,
     * one par at a time in turn.
     */
    private void accents(Role role, List<Double> downbeats) {
        if (role.energy() < 2) {
            return;
        }
        boolean high = role.energy() >= 4;
        int step = high ? 1 : 2;
        for (int b = 0; b < downbeats.size(); b += step) {
            FixtureInfo target = high || pars.isEmpty() ? null : pars.get(b / step % pars.size());
            for (FixtureInfo f : pars) {
                if ((target == null || f == target) && f.supports("flash")) {
                    rows.add(CueRows.row(downbeats.get(b), f.id(), "flash", beat / 2,
                            Json.object().put("color", "#FFFFFF")));
                }
            }
        }
    }

    /** A build into each big section: the heads strobe for the last two bars before it. */
    private void strobeBuild(Section s, Role role) {
        double from = show.barsFrom(s.startS(), -2);
        if (role.energy() < 4 || from < -1e-6) {
            return;
        }
        from = Math.max(0, from);
        for (FixtureInfo h : heads) {
            if (h.supports("strobe")) {
                rows.add(CueRows.row(from, h.id(), "strobe", s.startS() - from,
                        Json.object().put("rate", 8.0)));
            }
        }
    }

    /**
     * Sweeps across the subject in the big parts, slow moves between the POIs elsewhere. Each section moves each
     * head on to its next POI, the heads offset from each other so they do not all aim at one place.
     */
    private void headMovement(Section s, Role role, List<Double> downbeats, int sectionIndex) {
        for (FixtureInfo h : heads) {
            List<PoiInfo> reachable = show.pois().stream().filter(p -> p.calibrated().contains(h.id()))
                    .sorted(Comparator.comparing(PoiInfo::id)).toList();
            if (reachable.isEmpty()) {
                continue;
            }
            if (role.energy() >= 4 && reachable.size() >= 2 && h.supports("sweep")) {
                sweeps(h, reachable, downbeats);
            } else if (h.supports("move_to_poi")) {
                PoiInfo target = reachable.get((sectionIndex + heads.indexOf(h)) % reachable.size());
                rows.add(CueRows.row(s.startS(), h.id(), "move_to_poi", 2 * beat,
                        Json.object().put("target_POI", target.id())));
            }
        }
    }

    /** A four-bar sweep across the subject, from the POI farthest from it, on every fourth downbeat. */
    private void sweeps(FixtureInfo head, List<PoiInfo> reachable, List<Double> downbeats) {
        PoiInfo subject = subject(reachable);
        PoiInfo from = reachable.stream().filter(p -> p != subject)
                .max(Comparator.comparingDouble(p -> Math.abs(p.x() - subject.x()))).orElseThrow();
        for (int b = 0; b + 4 <= downbeats.size(); b += 4) {
            double start = downbeats.get(b);
            rows.add(CueRows.row(start, head.id(), "sweep", show.barsFrom(start, 4) - start, Json.object()
                    .put("subject_POI", subject.id()).put("start_POI", from.id())));
        }
    }

    /** The end: everything fades out over the last section, then black. */
    private void fadeOut(Section last) {
        for (FixtureInfo f : show.fixtures()) {
            if (f.supports("fade_out")) {
                rows.add(CueRows.row(last.startS() + beat, f.id(), "fade_out",
                        Math.max(beat, last.endS() - last.startS() - 2 * beat), Json.object()));
            }
        }
    }

    /** The rows in time order (then fixture, then effect), replacing every cue of the song. */
    private Proposal proposal(List<Section> sections) {
        rows.sort(Comparator.comparingDouble((ObjectNode r) -> r.get("time").asDouble())
                .thenComparing(r -> r.get("fixture_id").asText()).thenComparing(r -> r.get("effect").asText()));
        ArrayNode entries = Json.array();
        rows.forEach(entries::add);
        ObjectNode args = Json.object().put("start_time", 0.0).put("end_time", CueRows.round(show.lengthS()));
        args.set("entries", entries);
        String summary = String.format(Locale.ROOT, "Draft show for %s: %d cues over %d sections (%s), replacing the "
                        + "current cues.", show.songId(), rows.size(), sections.size(),
                String.join(", ", sections.stream().map(Section::name).toList()));
        return new Proposal("replace_cues_in_window", args, "Draft a show for " + show.songId(), summary);
    }

    /** The POI a sweep is about: a singer/centre-stage one if present, else the most central. */
    private static PoiInfo subject(List<PoiInfo> pois) {
        for (String name : List.of("singer", "vocal", "lead", "center", "centre")) {
            for (PoiInfo p : pois) {
                if (p.id().toLowerCase(Locale.ROOT).contains(name) || p.name().toLowerCase(Locale.ROOT).contains(name)) {
                    return p;
                }
            }
        }
        return pois.stream().min(Comparator.comparingDouble(p -> Math.abs(p.x() - 0.5))).orElseThrow();
    }
}
