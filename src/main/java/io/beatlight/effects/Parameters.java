package io.beatlight.effects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.util.List;
import java.util.Optional;

/** The parameters an effect offers, in the order clients show them, and which of them a cue must give. */
public final class Parameters {
    private final List<Param> params;
    private final List<Param> required;

    private Parameters(List<Param> params, List<Param> required) {
        this.params = params;
        this.required = required;
    }

    static Parameters none() {
        return new Parameters(List.of(), List.of());
    }

    static Parameters of(Param... params) {
        return new Parameters(List.of(params), List.of());
    }

    /** The same parameters with these (already listed) ones required. */
    Parameters requiring(Param... names) {
        return new Parameters(params, List.of(names));
    }

    public List<Param> all() {
        return params;
    }

    /** A JSON Schema (draft-07 style) of the row's {@code data}. */
    public ObjectNode schema() {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Param param : params) {
            properties.set(param.name(), param.schema());
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(param -> names.add(param.name()));
        }
        return schema;
    }

    /**
     * The first problem of a cue's data: types and ranges in parameter order, then missing required ones. Null
     * values count as absent and unknown keys are allowed.
     */
    public Optional<ParameterProblem> check(JsonNode data) {
        for (Param param : params) {
            JsonNode value = data.get(param.name());
            if (value != null && !value.isNull()) {
                Optional<ParameterProblem> problem = param.problem(value);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        for (Param param : required) {
            if (!data.hasNonNull(param.name())) {
                return Optional.of(new ParameterProblem(param.name(), "is required"));
            }
        }
        return Optional.empty();
    }
}
