package io.beatlight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.effects.Effect;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.MetaChannel;
import io.beatlight.song.Section;
import io.beatlight.song.SongMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the assistant knows about the show, captured on the engine thread: the song's timing, the fixtures with what
 * they can do, the POIs, chasers and the playhead. Immutable, so requests can work with it on any thread.
 *
 * <p>Bars come from the song's downbeats wherever there are some; {@code beatsPerBar} (the metre) fills in where there
 * are none: before the first downbeat, after the last, and for a song with only a bpm.
 */
public record ShowView(String songId, double lengthS, double bpm, int beatsPerBar, List<Double> beats,
                       List<Double> downbeats, List<Section> sections, List<FixtureInfo> fixtures, List<PoiInfo> pois,
                       List<String> chasers, double playheadS) {

    /** A fixture as the assistant sees it. */
    public record FixtureInfo(String id, String name, String type, double x, boolean rgb, boolean panTilt,
                              List<String> effects) {
        public boolean supports(String effect) {
            return effects.contains(effect);
        }

        public boolean isHead() {
            return panTilt;
        }
    }

    /** A POI and the heads it stores calibrated targets for. */
    public record PoiInfo(String id, String name, double x, double y, List<String> calibrated) {
    }

    private static final int COMMON_TIME = 4;

    public static ShowView of(ShowEngine engine) {
        SongMetadata song = engine.session().song();
        List<FixtureInfo> fixtures = new ArrayList<>();
        for (Fixture f : engine.rig().fixtures()) {
            List<String> effects = engine.session().supportedEffects(f).stream().map(Effect::id)
                    .toList();
            boolean rgb = f.template().metaChannels().containsKey("rgb");
            boolean panTilt = f.template().metaChannels().values().stream()
                    .anyMatch(MetaChannel::isPanTiltAxis);
            fixtures.add(new FixtureInfo(f.id(), f.name(), f.template().type(), f.location() == null ? 0.5
                    : f.location().x(), rgb, panTilt, effects));
        }
        List<PoiInfo> pois = new ArrayList<>();
        for (ObjectNode p : engine.poiRecords()) {
            List<String> calibrated = new ArrayList<>();
            JsonNode targets = p.path("fixtures");
            targets.fieldNames().forEachRemaining(calibrated::add);
            pois.add(new PoiInfo(p.path("id").asText(), p.path("name").asText(p.path("id").asText()),
                    p.path("location").path("x").asDouble(0.5), p.path("location").path("y").asDouble(0.5),
                    List.copyOf(calibrated)));
        }
        List<String> chasers = engine.session().chaserDefinitions().stream().map(c -> c.path("id").asText()).toList();
        double bpm = song == null || song.bpm() == null ? 120 : song.bpm();
        return new ShowView(song == null ? null : song.id(), song == null ? 0 : song.lengthSeconds(), bpm,
                song == null ? COMMON_TIME : song.beatsPerBar(), song == null ? List.of() : song.beats(),
                song == null ? List.of() : song.downbeats(),
                song == null ? List.of() : song.sections(), List.copyOf(fixtures), List.copyOf(pois),
                List.copyOf(chasers), song == null ? 0 : engine.playback().timeNow());
    }

    public Optional<FixtureInfo> fixture(String id) {
        return fixtures.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    public List<FixtureInfo> heads() {
        return fixtures.stream().filter(FixtureInfo::isHead).sorted(Comparator.comparingDouble(FixtureInfo::x))
                .toList();
    }

    /** Beat times: the song's, else a grid from the bpm. */
    public List<Double> beatGrid() {
        if (!beats.isEmpty()) {
            return beats;
        }
        List<Double> grid = new ArrayList<>();
        for (double t = 0; t <= lengthS + 1e-9; t += 60 / bpm) {
            grid.add(t);
        }
        return grid;
    }

    /** Downbeat times: the song's, else the first of every {@link #beatsPerBar} beats. */
    public List<Double> barGrid() {
        if (!downbeats.isEmpty()) {
            return downbeats;
        }
        List<Double> grid = beatGrid();
        List<Double> bars = new ArrayList<>();
        for (int i = 0; i < grid.size(); i += Math.max(1, beatsPerBar)) {
            bars.add(grid.get(i));
        }
        return bars;
    }

    public double beatSeconds() {
        return 60 / bpm;
    }

    /** A bar's length where the downbeats do not tell it: {@link #beatsPerBar} beats. */
    public double barSeconds() {
        return Math.max(1, beatsPerBar) * beatSeconds();
    }

    /** The 1-based bar containing t (0 before the first downbeat). */
    public int barAt(double t) {
        List<Double> bars = barGrid();
        int bar = 0;
        for (int i = 0; i < bars.size() && bars.get(i) <= t + 1e-6; i++) {
            bar = i + 1;
        }
        return bar;
    }

    /** The start time of 1-based bar n (extrapolated by {@link #barSeconds} outside the known bars). */
    public double barStart(int n) {
        List<Double> bars = barGrid();
        if (bars.isEmpty()) {
            return (n - 1) * barSeconds();
        }
        return timeAtBar(bars, n - 1);
    }

    /**
     * The time {@code bars} bars after t (before it when negative; fractions allowed), counted on the downbeats: from
     * the middle of one bar, two bars on is the middle of the bar after next, however long those bars are.
     */
    public double barsFrom(double t, double bars) {
        List<Double> grid = barGrid();
        if (grid.isEmpty()) {
            return t + bars * barSeconds();
        }
        return timeAtBar(grid, barPosition(grid, t) + bars);
    }

    /** The time {@code count} beats after t on the beat grid, counted from the first beat at or after t. */
    public double beatAfter(double t, int count) {
        List<Double> grid = beatGrid();
        int first = 0;
        while (first < grid.size() && grid.get(first) < t - 1e-6) {
            first++;
        }
        if (first + count < grid.size()) {
            return grid.get(first + count);
        }
        if (first == grid.size()) {
            return t + count * beatSeconds();
        }
        int last = grid.size() - 1;
        return grid.get(last) + (first + count - last) * beatSeconds();
    }

    /** The whole beats after {@code from} up to {@code to}, on the beat grid where it reaches. */
    public int beatsBetween(double from, double to) {
        List<Double> grid = beatGrid();
        if (grid.isEmpty() || from < grid.get(0) - 1e-6 || to > grid.get(grid.size() - 1) + beatSeconds()) {
            return Math.max(0, (int) Math.floor((to - from) / beatSeconds() + 1e-6));
        }
        int n = 0;
        for (double b : grid) {
            if (b > from + 1e-6 && b <= to + 1e-6) {
                n++;
            }
        }
        return n;
    }

    /** t in bars from the first downbeat: i + the fraction of bar i passed. */
    private double barPosition(List<Double> bars, double t) {
        int last = bars.size() - 1;
        if (t < bars.get(0)) {
            return (t - bars.get(0)) / barSeconds();
        }
        if (t >= bars.get(last)) {
            return last + (t - bars.get(last)) / barSeconds();
        }
        int i = 0;
        while (bars.get(i + 1) <= t) {
            i++;
        }
        return i + (t - bars.get(i)) / (bars.get(i + 1) - bars.get(i));
    }

    private double timeAtBar(List<Double> bars, double position) {
        int last = bars.size() - 1;
        if (position < 0) {
            return bars.get(0) + position * barSeconds();
        }
        if (position >= last) {
            return bars.get(last) + (position - last) * barSeconds();
        }
        int i = (int) Math.floor(position);
        return bars.get(i) + (position - i) * (bars.get(i + 1) - bars.get(i));
    }

    public String describe(Section s) {
        return String.format(Locale.ROOT, "%s from %s to %s (bars %d–%d)", s.name(), clock(s.startS()),
                clock(s.endS()), barAt(s.startS()), Math.max(barAt(s.startS()), barAt(s.endS() - 1e-3)));
    }

    public static String clock(double t) {
        int m = (int) Math.floor(t / 60);
        return String.format(Locale.ROOT, "%d:%04.1f", m, t - 60 * m);
    }
}
