package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.engine.RigEditor;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;
import io.beatlight.protocol.Payload;
import io.beatlight.rig.AddressMap;
import io.beatlight.rig.Fixture;
import io.beatlight.rig.FixturesFile;
import io.beatlight.rig.Location;
import io.beatlight.rig.TemplatePlacement;
import io.beatlight.util.Json;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code rig.*}: patching fixtures (docs/protocol.md#library-and-patch-intents). Every edit is validated whole, refused
 * while playing, written to {@code fixtures.json} (and a new template file) atomically with a {@code .bak}, then the rig
 * is reloaded on the engine thread, the canvas re-rendered and the state broadcast; {@code rig.undo}/{@code rig.redo}
 * step through the edits.
 */
public final class RigIntents {
    private RigIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("rig.add_fixture", RigIntents::add);
        registry.register("rig.update_fixture", RigIntents::update);
        registry.register("rig.remove_fixture", RigIntents::remove);
        registry.register("rig.next_address", RigIntents::nextAddress);
        registry.register("rig.undo", ctx -> history(ctx, true));
        registry.register("rig.redo", ctx -> history(ctx, false));
    }

    // ---- add ----------------------------------------------------------------------------------------------------

    private static IntentOutcome add(IntentContext ctx) throws IntentException {
        ctx.requireNotPlaying();
        ShowEngine engine = ctx.engine();
        Payload p = ctx.payload();
        int universe = universe(p, true);
        int address = (int) p.requireInteger("address", 1, UniverseLayout.UNIVERSE_SIZE);
        Optional<String> givenId = p.optionalId("id");
        if (givenId.isPresent()) {
            Limits.id("id", givenId.get());
        }
        Optional<String> givenName = name(p);
        Location location = p.has("location") ? location(p.requireObject("location"), Location.ORIGIN) : null;
        PatchSource source = PatchSource.read(engine, p);
        AddressMap.Span span = AddressMap.Span.of(universe, address, source.template().footprint());
        checkSpan(engine, span, null, source.defaultName());
        ArrayNode rows = rows(engine);
        Limits.count("fixtures", rows.size(), rows.size() + 1, Limits.MAX_FIXTURES);
        Set<String> ids = takenIds(engine, rows);
        String id = givenId.orElseGet(() -> freeId(ids, source.template().id()));
        if (ids.contains(id)) {
            throw new IntentException(ErrorCode.FIXTURE_EXISTS, "a fixture with id '" + id + "' already exists", "id",
                    Json.object().put("fixture_id", id));
        }
        String name = givenName.orElseGet(() -> freeName(engine, source.defaultName()));

        ObjectNode row = Json.object().put("id", id).put("name", name).put("fixture", source.key())
                .put("universe", universe).put("base_channel", address);
        if (location != null) {
            row.set("location", locationJson(location));
        }
        ArrayNode next = rows.deepCopy();
        next.add(row);
        apply(engine, next, "add " + name, source.placed());
        Fixture added = engine.fixture(id).orElseThrow(() -> new IllegalStateException(
                "fixture " + id + " was written but did not load: " + engine.rigProblems()));

        ObjectNode data = fixtureData(added);
        data.put("template_file", source.placed() == null ? null : source.placed().fileName());
        data.put("template_written", source.placed() != null);
        if (source.libraryId() != null) {
            data.put("library_id", source.libraryId()).put("mode", source.mode());
        }
        ArrayNode unmapped = data.putArray("unmapped");
        source.unmapped().forEach(unmapped::add);
        ctx.eventToAll("info", "fixture_added", fixtureData(added));
        return IntentOutcome.changed(data);
    }

    // ---- update -------------------------------------------------------------------------------------------------

    private static IntentOutcome update(IntentContext ctx) throws IntentException {
        ctx.requireNotPlaying();
        ShowEngine engine = ctx.engine();
        Payload p = ctx.payload();
        String id = p.requireId("id");
        Fixture fixture = FixtureIntents.requireFixture(engine, id);
        Integer universe = p.has("universe") ? universe(p, true) : null;
        Integer address = p.optionalInteger("address", 1, UniverseLayout.UNIVERSE_SIZE).map(Long::intValue)
                .orElse(null);
        Optional<String> name = name(p);
        Location location = p.has("location") ? location(p.requireObject("location"),
                fixture.location() == null ? Location.ORIGIN : fixture.location()) : null;
        int newUniverse = universe == null ? fixture.universe() : universe;
        int newAddress = address == null ? fixture.baseChannel() : address;
        if (newUniverse != fixture.universe() || newAddress != fixture.baseChannel()) {
            checkSpan(engine, AddressMap.Span.of(newUniverse, newAddress, fixture.footprint()), id, fixture.name());
        }
        ArrayNode rows = rows(engine);
        int index = FixturesFile.indexOf(rows, id);
        if (index < 0) {
            throw new IntentException(ErrorCode.FIXTURE_NOT_FOUND, "fixture '" + id + "' is no longer in "
                    + "fixtures.json (was the file edited by hand?)", "id", Json.object().put("fixture_id", id));
        }
        ObjectNode row = ((ObjectNode) rows.get(index)).deepCopy();
        if (universe != null) {
            row.put("universe", newUniverse);
        }
        if (address != null) {
            row.put("base_channel", newAddress);
        }
        name.ifPresent(n -> row.put("name", n));
        if (location != null) {
            row.set("location", locationJson(location));
        }
        if (row.equals(rows.get(index))) {
            return IntentOutcome.unchanged(fixtureData(fixture).put("changed", false));
        }
        ArrayNode next = rows.deepCopy();
        next.set(index, row);
        apply(engine, next, updateLabel(fixture, universe != null || address != null, name.isPresent(),
                location != null), null);
        Fixture updated = engine.fixture(id).orElseThrow(() -> new IllegalStateException(
                "fixture " + id + " was written but did not load: " + engine.rigProblems()));
        ctx.eventToAll("info", "fixture_updated", fixtureData(updated));
        return IntentOutcome.changed(fixtureData(updated).put("changed", true));
    }

    private static String updateLabel(Fixture fixture, boolean moved, boolean renamed, boolean placed) {
        if (moved && !renamed && !placed) {
            return "move " + fixture.name();
        }
        if (renamed && !moved && !placed) {
            return "rename " + fixture.name();
        }
        if (placed && !moved && !renamed) {
            return "place " + fixture.name() + " on stage";
        }
        return "edit " + fixture.name();
    }

    // ---- remove -------------------------------------------------------------------------------------------------

    private static IntentOutcome remove(IntentContext ctx) throws IntentException {
        ctx.requireNotPlaying();
        ShowEngine engine = ctx.engine();
        Payload p = ctx.payload();
        String id = p.requireId("id");
        boolean force = p.optionalBool("force").orElse(false);
        Fixture fixture = FixtureIntents.requireFixture(engine, id);
        FixtureUsage usage = FixtureUsage.of(engine, id);
        if (usage.cueRows() > 0 && !force) {
            throw new IntentException(ErrorCode.FIXTURE_IN_USE, "'" + fixture.name() + "' is used by "
                    + usage.describe() + "; send force:true to remove it anyway (those rows are kept in their files "
                    + "but left invalid)", "force", usage.json(id));
        }
        ArrayNode rows = rows(engine);
        int index = FixturesFile.indexOf(rows, id);
        if (index < 0) {
            throw new IntentException(ErrorCode.FIXTURE_NOT_FOUND, "fixture '" + id + "' is no longer in "
                    + "fixtures.json (was the file edited by hand?)", "id", Json.object().put("fixture_id", id));
        }
        ArrayNode next = rows.deepCopy();
        next.remove(index);
        apply(engine, next, "remove " + fixture.name(), null);
        ObjectNode data = usage.json(id);
        data.put("name", fixture.name());
        ctx.eventToAll("info", "fixture_removed", Json.object().put("fixture_id", id).put("name", fixture.name())
                .put("invalid_rows", usage.cueRows()));
        return IntentOutcome.changed(data);
    }

    // ---- next address, undo -------------------------------------------------------------------------------------

    private static IntentOutcome nextAddress(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        Payload p = ctx.payload();
        int universe = universe(p, false);
        String ignored = p.optionalId("ignore_id").orElse(null);
        int footprint;
        if (p.has("footprint")) {
            footprint = (int) p.requireInteger("footprint", 1, UniverseLayout.UNIVERSE_SIZE);
        } else if (p.has("library_id") || p.has("template")) {
            footprint = PatchSource.read(engine, p).template().footprint();
        } else {
            throw IntentException.invalid("footprint", "give footprint (a channel count), library_id (with mode) "
                    + "or template");
        }
        OptionalInt next = new AddressMap(engine.rig()).nextFree(universe, footprint, ignored);
        ObjectNode data = Json.object().put("universe", universe).put("footprint", footprint);
        if (next.isPresent()) {
            data.put("address", next.getAsInt());
        } else {
            data.putNull("address");
        }
        return IntentOutcome.unchanged(data);
    }

    private static IntentOutcome history(IntentContext ctx, boolean back) throws IntentException {
        ctx.requireNotPlaying();
        RigEditor editor = ctx.engine().rigEditor();
        Optional<String> label;
        try {
            label = back ? editor.undo() : editor.redo();
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save fixtures.json: " + e.getMessage());
        }
        if (label.isEmpty()) {
            throw new IntentException(back ? ErrorCode.NOTHING_TO_UNDO : ErrorCode.NOTHING_TO_REDO,
                    back ? "there is no patch edit to undo" : "there is no undone patch edit to redo");
        }
        ObjectNode data = Json.object().put("label", label.get())
                .put("fixtures", ctx.engine().rig().fixtures().size());
        ctx.eventToAll("info", back ? "rig_undone" : "rig_redone", data.deepCopy());
        return IntentOutcome.changed(data);
    }

    // ---- checks and helpers -------------------------------------------------------------------------------------

    /** The footprint must end by channel 512 and overlap no other fixture (except {@code movingId} itself). */
    private static void checkSpan(ShowEngine engine, AddressMap.Span span, String movingId, String what)
            throws IntentException {
        AddressMap map = new AddressMap(engine.rig());
        OptionalInt suggestion = map.nextFree(span.universe(), span.last() - span.first() + 1, movingId);
        int footprint = span.last() - span.first() + 1;
        if (!span.fits()) {
            ObjectNode details = Json.object().put("universe", span.universe()).put("address", span.first())
                    .put("footprint", footprint).put("last_channel", span.last());
            suggest(details, suggestion);
            throw new IntentException(ErrorCode.ADDRESS_OUT_OF_RANGE, what + " takes " + footprint + " channels: at "
                    + span.first() + " it would end at channel " + span.last() + ", past 512" + hint(suggestion),
                    "address", details);
        }
        Optional<Fixture> other = map.firstConflict(span, movingId);
        if (other.isPresent()) {
            Fixture o = other.get();
            AddressMap.Span taken = AddressMap.spanOf(o);
            ObjectNode details = Json.object().put("fixture_id", o.id()).put("name", o.name())
                    .put("universe", span.universe()).put("first", taken.first()).put("last", taken.last());
            suggest(details, suggestion);
            throw new IntentException(ErrorCode.ADDRESS_CONFLICT, "channels " + span + " of universe "
                    + span.universe() + " overlap '" + o.name() + "' (" + o.id() + ", channels " + taken + ")"
                    + hint(suggestion), "address", details);
        }
    }

    private static void suggest(ObjectNode details, OptionalInt suggestion) {
        if (suggestion.isPresent()) {
            details.put("next_address", suggestion.getAsInt());
        } else {
            details.putNull("next_address");
        }
    }

    private static String hint(OptionalInt suggestion) {
        return suggestion.isPresent() ? "; the next free address is " + suggestion.getAsInt()
                : "; this universe has no gap that large";
    }

    private static int universe(Payload p, boolean required) throws IntentException {
        return (int) (required ? p.requireInteger("universe", 0, UniverseLayout.MAX_UNIVERSE)
                : p.optionalInteger("universe", 0, UniverseLayout.MAX_UNIVERSE).orElse(0L));
    }

    private static Optional<String> name(Payload p) throws IntentException {
        Optional<String> name = p.optionalString("name").map(String::strip);
        if (name.isPresent() && (name.get().isEmpty() || name.get().length() > Limits.MAX_NAME_CHARS)) {
            throw IntentException.invalid("name", "name must be 1 to " + Limits.MAX_NAME_CHARS + " characters");
        }
        return name;
    }

    /** {x, y, z} numbers; an axis left out keeps its value from {@code base}. */
    private static Location location(Payload location, Location base) throws IntentException {
        return new Location(location.optionalNumber("x").orElse(base.x()),
                location.optionalNumber("y").orElse(base.y()), location.optionalNumber("z").orElse(base.z()));
    }

    private static ObjectNode locationJson(Location location) {
        ObjectNode node = Json.object();
        node.set("x", Json.number(location.x()));
        node.set("y", Json.number(location.y()));
        node.set("z", Json.number(location.z()));
        return node;
    }

    private static ArrayNode rows(ShowEngine engine) throws IntentException {
        try {
            return engine.rigEditor().rows();
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "fixtures.json cannot be read, so it is not changed: "
                    + e.getMessage());
        }
    }

    private static void apply(ShowEngine engine, ArrayNode next, String label, TemplatePlacement.Placed template)
            throws IntentException {
        try {
            engine.rigEditor().apply(next, label, template);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save the patch: " + e.getMessage());
        }
    }

    /** Ids of loaded fixtures and of every row in the file (rows that did not load keep theirs too). */
    private static Set<String> takenIds(ShowEngine engine, ArrayNode rows) {
        Set<String> ids = new HashSet<>();
        engine.rig().fixtures().forEach(f -> ids.add(f.id()));
        for (JsonNode row : rows) {
            if (row.path("id").isTextual()) {
                ids.add(row.get("id").asText());
            }
        }
        return ids;
    }

    /** A readable id from the template's: {@code base}, else {@code base_2}, {@code base_3}... */
    private static String freeId(Set<String> taken, String templateId) {
        String base = TemplatePlacement.slug(templateId);
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            if (!taken.contains(base + "_" + n)) {
                return base + "_" + n;
            }
        }
    }

    /** {@code name}, else {@code name 2}, {@code name 3}... so cards can be told apart. */
    private static String freeName(ShowEngine engine, String name) {
        List<String> names = engine.rig().fixtures().stream().map(Fixture::name).toList();
        if (!names.contains(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            if (!names.contains(name + " " + n)) {
                return name + " " + n;
            }
        }
    }

    /** What clients see of a patched fixture. */
    static ObjectNode fixtureData(Fixture fixture) {
        AddressMap.Span span = AddressMap.spanOf(fixture);
        ObjectNode data = Json.object().put("fixture_id", fixture.id()).put("name", fixture.name())
                .put("template", fixture.templateKey()).put("universe", fixture.universe())
                .put("address", fixture.baseChannel()).put("last_channel", span.last())
                .put("footprint", fixture.footprint());
        if (fixture.location() != null) {
            data.set("location", locationJson(fixture.location()));
        }
        return data;
    }
}
