package io.beatlight.effects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.List;

/** The descriptive half of an effect: id, name, description, tags and data schema. */
abstract class BaseEffect implements Effect {
    private final String id;
    private final String name;
    private final String description;
    private final List<String> tags;
    private final ObjectNode schema;

    BaseEffect(String id, String name, String description, List<String> tags, ObjectNode schema) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.tags = List.copyOf(tags);
        this.schema = schema;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> tags() {
        return tags;
    }

    @Override
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    // ---- schema building -------------------------------------------------------------------------------------

    static ObjectNode object(ObjectNode... properties) {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (ObjectNode p : properties) {
            String name = p.remove("$name").asText();
            props.set(name, p);
        }
        return schema;
    }

    /** Marks properties of a schema as required. */
    static ObjectNode required(ObjectNode schema, String... names) {
        com.fasterxml.jackson.databind.node.ArrayNode list = schema.putArray("required");
        for (String name : names) {
            list.add(name);
        }
        return schema;
    }

    static ObjectNode prop(String name, String type, String description) {
        return Json.object().put("$name", name).put("type", type).put("description", description);
    }

    static ObjectNode number(String name, String description, double min, Double max, Double dflt) {
        ObjectNode p = prop(name, "number", description).put("minimum", min);
        if (max != null) {
            p.put("maximum", max);
        }
        if (dflt != null) {
            p.put("default", dflt);
        }
        return p;
    }

    static ObjectNode byteProp(String name, String description) {
        return prop(name, "integer", description).put("minimum", 0).put("maximum", 255);
    }

    static ObjectNode u16Prop(String name, String description) {
        return prop(name, "integer", description).put("minimum", 0).put("maximum", 65535);
    }

    static ObjectNode poiProp(String name, String description) {
        return prop(name, "string", description).put("format", "poi");
    }

    static ObjectNode colorProp(String name, String description) {
        return prop(name, "string", description).put("pattern", "^#[0-9A-Fa-f]{6}$").put("format", "color");
    }
}
