package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.rig.PoiBook;
import io.beatlight.util.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Limits;
import io.beatlight.protocol.Payload;

/**
 * {@code poi.*} (docs/protocol.md#poi-intents). Each edit is validated, written to {@code pois.json} atomically (with a
 * backup), and only then made current; the canvas is re-rendered because POI targets feed movement effects.
 */
public final class PoiIntents {
    private static final List<String> MANAGED = List.of("id", "name", "location", "fixtures");

    private PoiIntents() {
    }

    public static void register(IntentRegistry registry) {
        registry.register("poi.create", PoiIntents::create);
        registry.register("poi.update", PoiIntents::update);
        registry.register("poi.delete", PoiIntents::delete);
        registry.register("poi.update_fixture_target", PoiIntents::updateFixtureTarget);
    }

    private static IntentOutcome create(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        String id = Limits.id("id", p.requireId("id"));
        ShowEngine engine = writable(ctx);
        ObjectNode record = Json.object();
        record.put("id", id);
        record.put("name", Limits.name("name", p.optionalString("name").orElse(id)));
        record.set("location", p.optionalObject("location").isPresent()
                ? location(p.requireObject("location")) : Json.object().put("x", 0).put("y", 0).put("z", 0));
        record.set("fixtures", p.optionalObject("fixtures").isPresent()
                ? fixtures(engine, p.requireObject("fixtures")) : Json.object());
        copyExtras(p.raw(), record);
        Limits.record("the POI", record);
        if (engine.pois().containsIgnoreCase(id)) {
            throw new IntentException(ErrorCode.POI_EXISTS, "a POI with id '" + id + "' already exists", "id",
                    Json.object().put("id", id));
        }
        int count = engine.pois().rows().size();
        Limits.count("POIs", count, count + 1, Limits.MAX_POIS);
        save(engine, engine.pois().withAdded(record));
        return IntentOutcome.changed(Json.object().set("poi", record.deepCopy()));
    }

    private static IntentOutcome update(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        String id = p.requireId("id");
        ShowEngine engine = writable(ctx);
        ObjectNode current = requirePoi(engine, id);
        ObjectNode record = current.deepCopy();
        if (p.has("name")) {
            record.put("name", Limits.name("name", p.optionalString("name").orElseThrow()));
        }
        if (p.has("location")) {
            record.set("location", location(p.requireObject("location")));
        }
        if (p.has("fixtures")) {
            record.set("fixtures", fixtures(engine, p.requireObject("fixtures")));
        }
        copyExtras(p.raw(), record);
        Limits.record("the POI", record);
        save(engine, engine.pois().withReplaced(id, record));
        return IntentOutcome.changed(Json.object().set("poi", record.deepCopy()));
    }

    private static IntentOutcome delete(IntentContext ctx) throws IntentException {
        String id = ctx.payload().requireId("id");
        ShowEngine engine = writable(ctx);
        ObjectNode current = requirePoi(engine, id);
        save(engine, engine.pois().withRemoved(id));
        return IntentOutcome.changed(Json.object().set("poi", current.deepCopy()));
    }

    private static IntentOutcome updateFixtureTarget(IntentContext ctx) throws IntentException {
        Payload p = ctx.payload();
        String poiId = p.requireId("poi_id");
        String fixtureId = p.requireId("fixture_id");
        int pan = (int) p.requireInteger("pan", 0, 65535);
        int tilt = (int) p.requireInteger("tilt", 0, 65535);
        ShowEngine engine = writable(ctx);
        ObjectNode current = requirePoi(engine, poiId);
        FixtureIntents.requireFixture(engine, fixtureId);
        ObjectNode record = current.deepCopy();
        JsonNode existing = record.get("fixtures");
        ObjectNode targets = existing != null && existing.isObject() ? (ObjectNode) existing
                : record.putObject("fixtures");
        targets.set(fixtureId, Json.object().put("pan", pan).put("tilt", tilt));
        Limits.record("the POI", record);
        save(engine, engine.pois().withReplaced(poiId, record));
        return IntentOutcome.changed(Json.object().set("poi", record.deepCopy()));
    }

    /**
     * The engine, when pois.json can be written: a file that did not parse is kept as it is (and no POI of it is
     * known), so every edit says that rather than "no such POI".
     */
    private static ShowEngine writable(IntentContext ctx) throws IntentException {
        ShowEngine engine = ctx.engine();
        if (!engine.pois().writable()) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, PoiBook.FILE + " is read-only because it did not "
                    + "parse as a list of POIs (" + engine.pois().unreadableReason() + "); fix the file first");
        }
        return engine;
    }

    private static ObjectNode requirePoi(ShowEngine engine, String id) throws IntentException {
        return engine.pois().byExactId(id).orElseThrow(() -> new IntentException(ErrorCode.POI_NOT_FOUND,
                "no POI with id '" + id + "'", "id", Json.object().put("id", id)));
    }

    private static void save(ShowEngine engine, PoiBook next) throws IntentException {
        try {
            engine.replacePois(next);
        } catch (IOException e) {
            throw new IntentException(ErrorCode.PERSIST_FAILED, "could not save pois.json: " + e.getMessage());
        }
    }

    private static ObjectNode location(Payload location) throws IntentException {
        ObjectNode out = Json.object();
        for (String axis : List.of("x", "y", "z")) {
            out.put(axis, location.optionalNumber(axis).orElse(0.0));
        }
        return out;
    }

    private static ObjectNode fixtures(ShowEngine engine, Payload fixtures) throws IntentException {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> entry : fixtures.raw().properties()) {
            String fixtureId = entry.getKey();
            Payload target = fixtures.requireObject(fixtureId);
            FixtureIntents.requireFixture(engine, fixtureId);
            out.set(fixtureId, Json.object()
                    .put("pan", target.requireInteger("pan", 0, 65535))
                    .put("tilt", target.requireInteger("tilt", 0, 65535)));
        }
        return out;
    }

    /** Extra payload keys are kept on the record; internal keys (leading underscore) never are. */
    private static void copyExtras(ObjectNode payload, ObjectNode record) {
        payload.properties().forEach(e -> {
            if (!MANAGED.contains(e.getKey()) && !e.getKey().startsWith("_")) {
                record.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}
