package io.beatlight.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.beatlight.tools.ShowTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The show's tools as LangChain4j tool specifications: their JSON schemas turned into LangChain4j schemas. */
final class ToolSchemas {
    private ToolSchemas() {
    }

    /** Every show tool; a write tool tells the model that the user confirms it first. */
    static List<ToolSpecification> specifications() {
        return ShowTools.DEFINITIONS.stream().map(d -> ToolSpecification.builder().name(d.name())
                .description(d.description() + (d.write() ? " The user confirms it before anything changes." : ""))
                .parameters(objectSchema(d.schema())).build()).toList();
    }

    static JsonObjectSchema objectSchema(JsonNode schema) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
        if (schema.has("description")) {
            builder.description(schema.get("description").asText());
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            builder.addProperty(property.getKey(), element(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            builder.required(required);
        }
        return builder.build();
    }

    private static JsonSchemaElement element(JsonNode p) {
        String description = p.path("description").asText(null);
        return switch (p.path("type").asText("string")) {
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(p.has("items") ? element(p.get("items")) : JsonStringSchema.builder().build()).build();
            case "object" -> {
                JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
                for (Map.Entry<String, JsonNode> e : p.path("properties").properties()) {
                    b.addProperty(e.getKey(), element(e.getValue()));
                }
                yield b.build();
            }
            default -> JsonStringSchema.builder().description(description).build();
        };
    }
}
