package io.beatlight.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.TokenStreamFactory;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The project's one JSON configuration, and small helpers for building documents safely. */
public final class Json {
    /** Doubles keep their exact value (no BigDecimal), and non-finite numbers are never written. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .addDecorator(Json::finiteNumbersOnly)
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    .build())
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Pretty printer used for files humans edit. */
    public static final ObjectMapper PRETTY = MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A number node, or JSON null for NaN/Infinity (a non-finite number makes browsers drop the message). */
    public static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NullNode.getInstance();
    }

    public static JsonNode number(Double value) {
        return value == null ? NullNode.getInstance() : number(value.doubleValue());
    }

    /** Whatever a caller builds, a NaN or infinity is written as null: browsers drop a message containing one. */
    private static JsonGenerator finiteNumbersOnly(TokenStreamFactory factory,
                                                   JsonGenerator generator) {
        return new JsonGeneratorDelegate(generator, false) {
            @Override
            public void writeNumber(double v) throws IOException {
                if (Double.isFinite(v)) {
                    super.writeNumber(v);
                } else {
                    super.writeNull();
                }
            }

            @Override
            public void writeNumber(float v) throws IOException {
                if (Float.isFinite(v)) {
                    super.writeNumber(v);
                } else {
                    super.writeNull();
                }
            }
        };
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }
}
