package io.beatlight.rig;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.util.FieldReader;
import io.beatlight.util.JsonFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Loads the rig from a fixtures folder: every {@code fixture.*.json} template, then {@code fixtures.json}.
 * Loading never fails as a whole: a bad template or fixture is skipped and reported, the rest load.
 */
public final class RigLoader {
    public static final String FIXTURES_FILE = "fixtures.json";

    /** The outcome of a load: the usable rig, the templates by key, and everything that was wrong. */
    public record Result(Rig rig, Map<String, FixtureTemplate> templates, List<LoadProblem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(p -> p.severity() == LoadProblem.Severity.ERROR);
        }
    }

    private final List<LoadProblem> problems = new ArrayList<>();

    private RigLoader() {
    }

    public static Result load(Path fixturesDir) {
        return new RigLoader().run(fixturesDir, null, Map.of());
    }

    /**
     * Loads the rig as the folder will be once pending writes are on disk: {@code fixtures} instead of the stored
     * fixtures.json, and {@code newTemplates} (content by file name) as if those template files were there.
     */
    public static Result load(Path fixturesDir, JsonNode fixtures, Map<String, ? extends JsonNode> newTemplates) {
        return new RigLoader().run(fixturesDir, fixtures, newTemplates);
    }

    private Result run(Path dir, JsonNode fixtures, Map<String, ? extends JsonNode> newTemplates) {
        Map<String, FixtureTemplate> templates = loadTemplates(dir, newTemplates);
        Rig rig = fixtures == null ? loadInstances(dir.resolve(FIXTURES_FILE), templates)
                : instances(FIXTURES_FILE, fixtures, templates);
        return new Result(rig, templates, List.copyOf(problems));
    }

    // ---- templates -------------------------------------------------------------------------------------------

    private Map<String, FixtureTemplate> loadTemplates(Path dir, Map<String, ? extends JsonNode> newTemplates) {
        Map<String, FixtureTemplate> byKey = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            problems.add(LoadProblem.error(dir.toString(), "", "fixtures folder not found"));
            return byKey;
        }
        TreeMap<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "fixture.*.json")) {
            for (Path p : stream) {
                files.put(p.getFileName().toString(), p);
            }
        } catch (IOException e) {
            problems.add(LoadProblem.error(dir.toString(), "", "cannot list templates: " + e.getMessage()));
        }
        TreeSet<String> names = new TreeSet<>(files.keySet());
        names.addAll(newTemplates.keySet());
        for (String name : names) {
            String stem = name.substring(0, name.length() - ".json".length());
            FixtureTemplate template = newTemplates.containsKey(name)
                    ? TemplateParser.parse(name, stem, newTemplates.get(name), problems)
                    : parseTemplate(files.get(name), stem);
            if (template == null) {
                continue;
            }
            register(byKey, template.id(), template, name);
            if (!stem.equals(template.id())) {
                register(byKey, stem, template, name);
            }
        }
        return byKey;
    }

    private void register(Map<String, FixtureTemplate> byKey, String key, FixtureTemplate template, String file) {
        FixtureTemplate existing = byKey.putIfAbsent(key, template);
        if (existing != null && existing != template) {
            problems.add(LoadProblem.warning(file, "id",
                    "template key '" + key + "' is already used by " + existing.fileStem() + ".json; keeping that one"));
        }
    }

    private FixtureTemplate parseTemplate(Path file, String stem) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (IOException e) {
            problems.add(LoadProblem.error(name, "", "template rejected: " + e.getMessage()));
            return null;
        }
        return TemplateParser.parse(name, stem, root, problems);
    }

    /**
     * Validates and reads one template's content as if it were the file {@code fileName} of a fixtures folder (its
     * stem is the name without ".json"); null after adding the problems to {@code problems}. For templates that do
     * not come from a folder yet, such as a library import about to be written.
     */
    public static FixtureTemplate parseTemplate(String fileName, JsonNode root, List<LoadProblem> problems) {
        String stem = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length())
                : fileName;
        return TemplateParser.parse(fileName, stem, root, problems);
    }

    /** Parses an enum mapping key ("0", "25") as a byte, or -1. */
    public static int parseByteKey(String key) {
        String k = key.trim();
        if (k.isEmpty() || k.length() > 3 || !k.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int v = Integer.parseInt(k);
        return v <= 255 ? v : -1;
    }

    // ---- instances -------------------------------------------------------------------------------------------

    private Rig loadInstances(Path file, Map<String, FixtureTemplate> templates) {
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = JsonFiles.read(file);
        } catch (NoSuchFileException e) {
            problems.add(LoadProblem.error(name, "", "not found at " + file + "; starting with no fixtures"));
            return Rig.empty();
        } catch (IOException e) {
            problems.add(LoadProblem.error(name, "", e.getMessage() + "; starting with no fixtures"));
            return Rig.empty();
        }
        return instances(name, root, templates);
    }

    private Rig instances(String name, JsonNode root, Map<String, FixtureTemplate> templates) {
        if (!root.isArray()) {
            problems.add(LoadProblem.error(name, "", "must be a JSON array of fixtures; starting with no fixtures"));
            return Rig.empty();
        }
        List<Fixture> fixtures = new ArrayList<>();
        Map<String, Integer> seenIds = new HashMap<>();
        // universe -> channel -> fixture id, to report overlaps
        Map<Integer, Map<Integer, String>> occupied = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            Fixture fixture = parseInstance(name, i, root.get(i), templates);
            if (fixture == null) {
                continue;
            }
            Integer first = seenIds.putIfAbsent(fixture.id(), i);
            if (first != null) {
                problems.add(LoadProblem.error(name, "[" + i + "].id", "duplicate fixture id '" + fixture.id()
                        + "' (first at [" + first + "]); skipped"));
                continue;
            }
            reportOverlaps(name, i, fixture, occupied.computeIfAbsent(fixture.universe(), u -> new HashMap<>()));
            fixtures.add(fixture);
        }
        return new Rig(fixtures);
    }

    /** Warns once per earlier fixture whose channels this one shares, and marks its channels as taken. */
    private void reportOverlaps(String file, int index, Fixture fixture, Map<Integer, String> channelOwners) {
        List<String> overlaps = new ArrayList<>();
        for (int offset : new TreeSet<>(fixture.template().channels().values())) {
            String other = channelOwners.putIfAbsent(fixture.baseChannel() + offset, fixture.id());
            if (other != null && !overlaps.contains(other)) {
                overlaps.add(other);
            }
        }
        for (String other : overlaps) {
            problems.add(LoadProblem.warning(file, "[" + index + "].base_channel", "fixture '" + fixture.id()
                    + "' overlaps channels of '" + other + "' in universe " + fixture.universe()));
        }
    }

    private void error(String file, String field, String message) {
        problems.add(LoadProblem.error(file, field, message));
    }

    private void warning(String file, String field, String message) {
        problems.add(LoadProblem.warning(file, field, message));
    }

    /** One row of fixtures.json; a row with an error is skipped, one with only warnings loads. */
    private Fixture parseInstance(String file, int index, JsonNode row, Map<String, FixtureTemplate> templates) {
        String at = "[" + index + "]";
        if (!row.isObject()) {
            error(file, at, "a fixture must be a JSON object; skipped");
            return null;
        }
        FieldReader unnamed = FieldReader.of(file, at, row, this::error);
        String id = unnamed.string("id");
        if (id == null || id.trim().isEmpty()) {
            unnamed.report("id", "missing or not a non-empty string; fixture skipped");
            return null;
        }
        // from here on, problems name the fixture as well as its row
        FieldReader fixture = FieldReader.of(file, at + " (" + id + ")", row, this::error);
        String templateKey = fixture.string("fixture");
        FixtureTemplate template = templateKey == null ? null : templates.get(templateKey);
        if (template == null) {
            fixture.report("fixture", templateKey == null ? "missing template key; fixture skipped"
                    : "unknown or rejected template '" + templateKey + "'; fixture skipped");
            return null;
        }
        String name = fixture.string("name");
        if (name == null) {
            fixture.reportingTo(this::warning).report("name", "missing; using the id");
            name = id;
        }
        Address address = address(fixture, template);
        if (address == null) {
            return null;
        }
        Location location = location(fixture.reportingTo(this::warning));
        return new Fixture(id, name, templateKey, template, address.baseChannel(), address.universe(), location);
    }

    /** Where a fixture sits in DMX. */
    private record Address(int baseChannel, int universe) {
    }

    /** The fixture's base channel (default 1) and universe (default 0), or null when they are bad. */
    private Address address(FieldReader fixture, FixtureTemplate template) {
        int before = problems.size();
        Long base = fixture.optionalInteger("base_channel", Long.MIN_VALUE, Long.MAX_VALUE,
                v -> "must be an integer, got " + v + "; fixture skipped");
        if (problems.size() > before) {
            return null;
        }
        Long universe = fixture.optionalInteger("universe", 0, UniverseLayout.MAX_UNIVERSE,
                v -> "must be an integer 0.." + UniverseLayout.MAX_UNIVERSE + ", got " + v + "; fixture skipped");
        if (problems.size() > before) {
            return null;
        }
        // kept far from overflow so that base + offset below stays exact
        int baseChannel = base == null ? 1 : (int) Math.max(Integer.MIN_VALUE / 2, Math.min(Integer.MAX_VALUE / 2,
                base));
        if (!fitsInUniverse(fixture, template, baseChannel)) {
            return null;
        }
        return new Address(baseChannel, universe == null ? 0 : universe.intValue());
    }

    private boolean fitsInUniverse(FieldReader fixture, FixtureTemplate template, int baseChannel) {
        for (Map.Entry<String, Integer> channel : template.channels().entrySet()) {
            long address = (long) baseChannel + channel.getValue();
            if (address < 1 || address > UniverseLayout.UNIVERSE_SIZE) {
                fixture.report("base_channel", "channel '" + channel.getKey() + "' lands on " + address
                        + ", outside 1..512; fixture skipped");
                return false;
            }
        }
        return true;
    }

    /** The optional stage location; a bad one is a warning and leaves the fixture without a location. */
    private Location location(FieldReader fixture) {
        FieldReader location = fixture.optionalObject("location", "must be an object {x, y, z}; ignored");
        if (location == null) {
            return null;
        }
        int before = problems.size();
        double[] xyz = new double[3];
        String[] axes = {"x", "y", "z"};
        for (int a = 0; a < 3; a++) {
            Double v = location.optionalNumber(axes[a], "must be a number; location ignored");
            xyz[a] = v == null ? 0 : v;
        }
        return problems.size() > before ? null : new Location(xyz[0], xyz[1], xyz[2]);
    }
}
