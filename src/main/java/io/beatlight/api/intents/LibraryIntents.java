package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.dmx.UniverseLayout;
import io.beatlight.engine.FixtureLibraries;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.rig.AddressMap;
import io.beatlight.rig.library.FixtureLibrary;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.rig.library.LibraryEntry;
import io.beatlight.rig.library.LibraryFixture;
import io.beatlight.rig.library.ModeSummary;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * {@code library.search} and {@code library.get} (docs/protocol.md#library-and-patch-intents): the fixture library
 * the server indexed at start-up, read only, allowed while playing.
 */
public final class LibraryIntents {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_QUERY = 200;

    private LibraryIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("library.search", LibraryIntents::search);
        registry.register("library.get", LibraryIntents::get);
    }

    private static IntentOutcome search(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        String query = p.optionalString("query").orElseThrow(() -> IntentException.invalid("query",
                "query is required (a string; an empty one lists the library)"));
        if (query.length() > MAX_QUERY) {
            throw IntentException.invalid("query", "query must be at most " + MAX_QUERY + " characters");
        }
        int limit = (int) (long) p.optionalInteger("limit", 1, MAX_LIMIT).orElse((long) DEFAULT_LIMIT);
        FixtureLibrary library = requireLibrary(ctx.engine());
        ArrayNode entries = Json.array();
        for (LibraryEntry entry : library.search(query, limit)) {
            entries.add(entry(entry));
        }
        ObjectNode data = Json.object().put("query", query).put("count", entries.size());
        data.set("entries", entries);
        data.put("library_size", library.size());
        return IntentOutcome.unchanged(data);
    }

    private static IntentOutcome get(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        String id = p.requireId("id");
        int universe = (int) (long) p.optionalInteger("universe", 0, UniverseLayout.MAX_UNIVERSE).orElse(0L);
        LibraryFixture fixture = requireFixture(ctx.engine(), id, "id");
        AddressMap map = new AddressMap(ctx.engine().rig());
        ObjectNode data = Json.object().put("id", fixture.id()).put("manufacturer", fixture.manufacturer())
                .put("model", fixture.model()).put("type", fixture.type())
                .put("source", fixture.source() == null ? null : fixture.source().getFileName().toString())
                .put("universe", universe);
        ArrayNode modes = data.putArray("modes");
        for (ImportedTemplate mode : fixture.modes()) {
            ObjectNode m = modes.addObject().put("name", mode.mode()).put("channels", mode.footprint())
                    .put("template_key", mode.templateKey()).put("file_name", mode.fileName());
            m.set("template", mode.template().deepCopy());
            ArrayNode unmapped = m.putArray("unmapped");
            mode.unmapped().forEach(unmapped::add);
            OptionalInt next = map.nextFree(universe, mode.footprint(), null);
            if (next.isPresent()) {
                m.put("next_address", next.getAsInt());
            } else {
                m.putNull("next_address");
            }
        }
        return IntentOutcome.unchanged(data);
    }

    static ObjectNode entry(LibraryEntry entry) {
        ObjectNode e = Json.object().put("id", entry.id()).put("manufacturer", entry.manufacturer())
                .put("model", entry.model()).put("type", entry.type());
        ArrayNode modes = e.putArray("modes");
        for (ModeSummary mode : entry.modes()) {
            modes.addObject().put("name", mode.name()).put("channels", mode.channels());
        }
        return e;
    }

    /** The indexed library, or {@code library_unavailable} while it is being indexed (or when indexing failed). */
    static FixtureLibrary requireLibrary(ShowEngine engine) throws IntentException {
        FixtureLibraries libraries = engine.library();
        return libraries.ready().orElseThrow(() -> new IntentException(ErrorCode.LIBRARY_UNAVAILABLE,
                switch (libraries.status()) {
                    case INDEXING -> "the fixture library is still being indexed; try again in a moment";
                    case FAILED -> "the fixture library could not be indexed: " + libraries.error();
                    default -> "no fixture library was indexed";
                }, null, Json.object().put("status", libraries.status().name().toLowerCase(Locale.ROOT))));
    }

    /** The library fixture {@code id}, named by the payload's {@code field}. */
    static LibraryFixture requireFixture(ShowEngine engine, String id, String field) throws IntentException {
        return requireLibrary(engine).get(id).orElseThrow(() -> new IntentException(
                ErrorCode.UNKNOWN_LIBRARY_FIXTURE, "the fixture library has no fixture '" + id + "'", field,
                Json.object().put("library_id", id)));
    }

    /** The mode called {@code name} (any case); with no name, the only mode of a one-mode fixture. */
    static ImportedTemplate requireMode(LibraryFixture fixture, String name) throws IntentException {
        List<String> names = fixture.modes().stream().map(ImportedTemplate::mode).toList();
        if (name == null) {
            if (fixture.modes().size() == 1) {
                return fixture.modes().get(0);
            }
            throw IntentException.invalid("mode", "mode is required: " + fixture.model() + " has the modes " + names);
        }
        ArrayNode known = Json.array();
        names.forEach(known::add);
        return fixture.mode(name).orElseThrow(() -> new IntentException(ErrorCode.UNKNOWN_MODE, fixture.model()
                + " has no mode '" + name + "'; its modes are " + names, "mode",
                (ObjectNode) Json.object().put("library_id", fixture.id()).set("modes", known)));
    }
}
