package io.beatlight.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beatlight.rig.PoiBook;
import io.beatlight.rig.RigLoader;
import io.beatlight.show.CueSheetFiles;
import io.beatlight.song.MetadataLoader;
import io.beatlight.song.SongMetadata;
import io.beatlight.util.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The show files the crash-safety test edits, each reduced to what the test's edits change (a sorted map, so two
 * versions compare with {@code equals}). A file is first read by the product's own loader, which must accept it
 * without a problem, and by a strict JSON parser that refuses anything after the document (a torn or mixed file).
 */
enum ShowFileModel {
    CUES("cues/Song.cue.json"),
    POIS("fixtures/pois.json"),
    FIXTURES("fixtures/fixtures.json"),
    SECTIONS("meta/Song.json");

    static final String SONG = "Song";
    /** The version of a file that does not exist (yet). */
    static final SortedMap<String, String> ABSENT = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
            "(no file)", "")));

    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    final String relative;

    ShowFileModel(String relative) {
        this.relative = relative;
    }

    Path in(Path show) {
        return show.resolve(relative);
    }

    /**
     * Loads {@code file} (this kind of file, possibly under another name such as its {@code .bak}) with the product's
     * loader and returns its reduced content; throws AssertionError when the file is torn, mixed or refused.
     */
    SortedMap<String, String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return ABSENT;
        }
        JsonNode root;
        try {
            root = STRICT.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AssertionError(file + " is not one whole JSON document: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new AssertionError(file + " is empty");
        }
        productLoaderAccepts(file, root);
        return reduce(root);
    }

    /** Copies the file where the product's loader looks for it (a .bak has another name) and loads it there. */
    private void productLoaderAccepts(Path file, JsonNode root) throws IOException {
        Path scratch = Files.createTempDirectory("beatlight-load-");
        try {
            Path copy = in(scratch);
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
            switch (this) {
                case CUES -> {
                    CueSheetFiles.Loaded loaded = CueSheetFiles.load(copy.getParent(), SONG);
                    if (!loaded.warnings().isEmpty() || loaded.sheet().readOnly()) {
                        throw new AssertionError(file + " refused by the cue sheet loader: " + loaded.warnings());
                    }
                }
                case POIS -> {
                    PoiBook.Loaded loaded = PoiBook.load(copy);
                    if (!loaded.problems().isEmpty() || !loaded.book().writable()) {
                        throw new AssertionError(file + " refused by the POI loader: " + loaded.problems());
                    }
                }
                case FIXTURES -> {
                    // the templates sit next to fixtures.json
                    try (var templates = Files.list(file.getParent())) {
                        for (Path t : (Iterable<Path>) templates.filter(p -> p.getFileName().toString()
                                .startsWith("fixture.") && p.getFileName().toString().endsWith(".json"))::iterator) {
                            Files.copy(t, copy.resolveSibling(t.getFileName()));
                        }
                    }
                    RigLoader.Result loaded = RigLoader.load(copy.getParent());
                    if (loaded.hasErrors() || loaded.rig().fixtures().size() != root.size()) {
                        throw new AssertionError(file + " refused by the rig loader: " + loaded.problems());
                    }
                }
                case SECTIONS -> {
                    SongMetadata song = MetadataLoader.load(copy.getParent(), SONG, null);
                    if (!song.problems().isEmpty() || song.sections().size() != root.path("parts").size()) {
                        throw new AssertionError(file + " refused by the metadata loader: " + song.problems());
                    }
                }
                default -> throw new IllegalStateException();
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /** The part of a parsed file the test's edits change. */
    SortedMap<String, String> reduce(JsonNode root) {
        TreeMap<String, String> out = new TreeMap<>();
        switch (this) {
            case CUES -> root.path("entries").forEach(row -> out.put(cueKey(row.path("time").asDouble(),
                    row.path("fixture_id").asText(), row.path("effect").asText()), number(row.path("duration"))));
            case POIS -> root.forEach(row -> out.put(row.path("id").asText(), row.path("name").asText() + "|"
                    + location(row.path("location"))));
            case FIXTURES -> root.forEach(row -> out.put(row.path("id").asText(), fixture(row.path("name").asText(),
                    row.path("universe").asInt(0), row.path("base_channel").asInt(), row.path("location"))));
            case SECTIONS -> {
                for (Iterator<JsonNode> parts = root.path("parts").elements(); parts.hasNext(); ) {
                    JsonNode range = parts.next();
                    out.put(time(range.path(0).asDouble()), time(range.path(1).asDouble()));
                }
            }
            default -> throw new IllegalStateException();
        }
        return Collections.unmodifiableSortedMap(out);
    }

    static String cueKey(double time, String fixture, String effect) {
        return time(time) + "|" + fixture + "|" + effect;
    }

    static String fixture(String name, int universe, int address, JsonNode location) {
        return name + "|" + universe + "." + address + "|" + location(location);
    }

    /** Fixed width, so that the sorted keys are in time order (the sheet's order for one fixture and effect). */
    static String time(double seconds) {
        return String.format(Locale.ROOT, "%09.3f", seconds);
    }

    static String number(JsonNode value) {
        return String.format(Locale.ROOT, "%.3f", value.asDouble());
    }

    static String location(JsonNode location) {
        return number(location.path("x")) + "," + number(location.path("y")) + "," + number(location.path("z"));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
