package io.beatlight.assistant;

import io.beatlight.tools.ShowView;
import io.beatlight.tools.ShowView.FixtureInfo;
import io.beatlight.tools.ShowView.PoiInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "who" and "what" of a request: the fixtures it names or implies, its colour, its POIs, its chaser. */
final class TargetReader {
    private static final Pattern HEX_COLOUR = Pattern.compile("#([0-9a-f]{6})\\b");

    /** The fixtures a request is about, in rig order; explicit when it named them rather than meaning all. */
    record Targets(List<FixtureInfo> fixtures, boolean explicit) {
    }

    private final Prompt prompt;
    private final ShowView show;

    TargetReader(Prompt prompt) {
        this.prompt = prompt;
        this.show = prompt.show();
    }

    /** The fixtures the request names (explicitly or by group), or every fixture when it names none. */
    Targets targets() {
        List<FixtureInfo> named = new ArrayList<>(namedOneByOne());
        named.addAll(heads());
        named.addAll(pars());
        if (prompt.has("everything|every light|all lights|all fixtures|all the lights|whole rig|the rig|all")) {
            named.addAll(show.fixtures());
        }
        List<FixtureInfo> result = named.isEmpty() ? new ArrayList<>(show.fixtures()) : named;
        // rig order, once each
        return new Targets(show.fixtures().stream().filter(result::contains).toList(), !named.isEmpty());
    }

    /** Fixtures named by id ("head_l") or by a name or id ending in a number ("par 1" but not "par 12"). */
    private List<FixtureInfo> namedOneByOne() {
        String text = prompt.text();
        String squashed = text.replaceAll("[^a-z0-9]", "");
        List<FixtureInfo> named = new ArrayList<>();
        for (FixtureInfo f : show.fixtures()) {
            String id = f.id().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            String name = f.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (Prompt.containsWord(text, f.id().toLowerCase(Locale.ROOT)) || (name.matches(".*\\d$")
                    && squashed.matches(".*" + Pattern.quote(name) + "(?!\\d).*")) || (id.matches(".*\\d$")
                    && squashed.matches(".*" + Pattern.quote(id) + "(?!\\d).*"))) {
                named.add(f);
            }
        }
        return named;
    }

    /** "the left head" is the first head of the rig, "the right head" the last; "the heads" all of them. */
    private List<FixtureInfo> heads() {
        List<FixtureInfo> heads = show.heads();
        List<FixtureInfo> named = new ArrayList<>();
        if (!heads.isEmpty() && prompt.has("left (?:moving )?head|left mover|head left|head l")) {
            named.add(heads.get(0));
        }
        if (!heads.isEmpty() && prompt.has("right (?:moving )?head|right mover|head right|head r")) {
            named.add(heads.get(heads.size() - 1));
        }
        if (prompt.has("heads|movers|moving heads|both heads|spots|beams")
                || (prompt.has("the head") && heads.size() == 1)) {
            named.addAll(heads);
        }
        return named;
    }

    /** Every fixture that is not a head counts as a par; left and right split the stage at its middle. */
    private List<FixtureInfo> pars() {
        List<FixtureInfo> pars = show.fixtures().stream().filter(f -> !f.isHead()).toList();
        if (prompt.has("left pars?|left par cans?|pars? on the left")) {
            return pars.stream().filter(f -> f.x() < 0.5).toList();
        } else if (prompt.has("right pars?|right par cans?|pars? on the right")) {
            return pars.stream().filter(f -> f.x() > 0.5).toList();
        } else if (prompt.has("pars|par cans|parcans|washes|wash lights|the par")) {
            return pars;
        }
        return List.of();
    }

    /** The colour the request names: #rrggbb, or the first colour name of the table that it holds. */
    Optional<String> colour() {
        Matcher hex = HEX_COLOUR.matcher(prompt.text());
        if (hex.find()) {
            return Optional.of("#" + hex.group(1).toUpperCase(Locale.ROOT));
        }
        for (Map.Entry<String, String> e : Colours.BY_NAME.entrySet()) {
            if (Prompt.containsWord(prompt.text(), e.getKey())) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The POIs named in the request (by spoken id, name or id), in the order they are mentioned. */
    List<PoiInfo> poisMentioned() {
        List<Map.Entry<Integer, PoiInfo>> found = new ArrayList<>();
        for (PoiInfo p : show.pois()) {
            int at = prompt.indexOfWord(p.id().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (at < 0) {
                at = prompt.indexOfWord(p.name().toLowerCase(Locale.ROOT));
            }
            if (at < 0) {
                at = prompt.indexOfWord(p.id().toLowerCase(Locale.ROOT));
            }
            if (at >= 0) {
                found.add(Map.entry(at, p));
            }
        }
        found.sort(Map.Entry.comparingByKey());
        return found.stream().map(Map.Entry::getValue).toList();
    }

    /** The POI named last: "move the heads from the piano to the singer" goes to the singer. */
    Optional<PoiInfo> poi() {
        List<PoiInfo> pois = poisMentioned();
        return pois.isEmpty() ? Optional.empty() : Optional.of(pois.get(pois.size() - 1));
    }

    /** The first of the show's chasers the request names, by id or with spaces for underscores. */
    Optional<String> chaser() {
        for (String id : show.chasers()) {
            String spoken = id.toLowerCase(Locale.ROOT).replace('_', ' ');
            if (Prompt.containsWord(prompt.text(), spoken)
                    || Prompt.containsWord(prompt.text(), id.toLowerCase(Locale.ROOT))) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
