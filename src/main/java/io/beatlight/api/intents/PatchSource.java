package io.beatlight.api.intents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.protocol.Payload;
import io.beatlight.rig.FixtureTemplate;
import io.beatlight.rig.LoadProblem;
import io.beatlight.rig.RigLoader;
import io.beatlight.rig.TemplatePlacement;
import io.beatlight.rig.library.ImportedTemplate;
import io.beatlight.rig.library.LibraryFixture;
import io.beatlight.util.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new fixture is patched from, read from a payload: a library fixture and {@code mode} ({@code library_id}), a
 * template already in the show ({@code template} as its key), or a whole template ({@code template} as an object).
 * The template is checked exactly as the rig loader will check it, before anything is written.
 *
 * @param template    the checked template
 * @param key         the key the fixtures.json row names it by
 * @param placed      the template file to write first, or null when the show already has it
 * @param defaultName a display name for the fixture when none is given
 * @param unmapped    what the library conversion could not map (empty for show templates)
 */
record PatchSource(FixtureTemplate template, String key, TemplatePlacement.Placed placed, String defaultName,
                   List<String> unmapped, String libraryId, String mode) {

    static PatchSource read(ShowEngine engine, Payload p) throws IntentException {
        boolean fromLibrary = p.has("library_id");
        boolean fromTemplate = p.has("template");
        if (fromLibrary == fromTemplate) {
            throw IntentException.invalid(fromLibrary ? "template" : "library_id",
                    "give exactly one of library_id (a library fixture) and template (a template key or object)");
        }
        if (fromLibrary) {
            return fromLibrary(engine, p.requireId("library_id"), p.optionalString("mode").orElse(null));
        }
        JsonNode template = p.get("template");
        if (template.isTextual()) {
            return fromShow(engine, p.requireId("template"));
        }
        if (template.isObject()) {
            return fromObject(engine, (ObjectNode) template);
        }
        throw IntentException.invalid("template", "template must be a template key (string) or a template object");
    }

    private static PatchSource fromLibrary(ShowEngine engine, String libraryId, String modeName)
            throws IntentException {
        LibraryFixture fixture = LibraryIntents.requireFixture(engine, libraryId, "library_id");
        ImportedTemplate mode = LibraryIntents.requireMode(fixture, modeName);
        TemplatePlacement.Placed placed = TemplatePlacement.place(engine.folders().fixtures(), engine.templates(),
                mode.fileName(), mode.template());
        FixtureTemplate checked = check(placed, "library_id");
        return new PatchSource(checked, placed.key(), placed.exists() ? null : placed,
                fixture.manufacturer() + " " + fixture.model(), mode.unmapped(), fixture.id(), mode.mode());
    }

    private static PatchSource fromShow(ShowEngine engine, String key) throws IntentException {
        FixtureTemplate template = engine.templates().get(key);
        if (template == null) {
            throw new IntentException(ErrorCode.UNKNOWN_TEMPLATE, "the show has no template '" + key + "'",
                    "template", Json.object().put("template", key));
        }
        return new PatchSource(template, key, null, template.id(), List.of(), null, null);
    }

    private static PatchSource fromObject(ShowEngine engine, ObjectNode template) throws IntentException {
        String type = template.path("type").asText("");
        String id = template.path("id").asText("");
        TemplatePlacement.Placed placed = TemplatePlacement.place(engine.folders().fixtures(), engine.templates(),
                TemplatePlacement.fileName(type.isBlank() ? "fixture" : type, id.isBlank() ? "template" : id),
                template.deepCopy());
        FixtureTemplate checked = check(placed, "template");
        return new PatchSource(checked, placed.key(), placed.exists() ? null : placed, checked.id(), List.of(), null,
                null);
    }

    /** The template as the loader will read it from its file, or {@code invalid_template} listing every problem. */
    private static FixtureTemplate check(TemplatePlacement.Placed placed, String field) throws IntentException {
        List<LoadProblem> problems = new ArrayList<>();
        FixtureTemplate template = RigLoader.parseTemplate(placed.fileName(), placed.template(), problems);
        if (template == null) {
            ArrayNode list = Json.array();
            problems.stream().filter(pr -> pr.severity() == LoadProblem.Severity.ERROR)
                    .forEach(pr -> list.add(pr.toString()));
            throw new IntentException(ErrorCode.INVALID_TEMPLATE, "the template is not valid: "
                    + (list.isEmpty() ? "" : list.get(0).asText()) + (list.size() > 1 ? " (and " + (list.size() - 1)
                    + " more)" : ""), field, (ObjectNode) Json.object().set("problems", list));
        }
        return template;
    }
}
