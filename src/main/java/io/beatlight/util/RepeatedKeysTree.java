package io.beatlight.util;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a JSON tree from a parser that does not reject repeated keys, handing every object with a repeated key to
 * a {@link RepeatedKeys} to choose its keys. Numbers become the same nodes {@link Json#MAPPER} makes.
 */
final class RepeatedKeysTree {
    private final JsonParser parser;
    private final RepeatedKeys repeated;

    RepeatedKeysTree(JsonParser parser, RepeatedKeys repeated) {
        this.parser = parser;
        this.repeated = repeated;
    }

    /** The value at the parser's current token, which ends on that value's last token. */
    JsonNode value(String pointer) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(pointer);
            case START_ARRAY -> array(pointer);
            case VALUE_STRING -> Json.NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> Json.NODES.numberNode(parser.getIntValue());
                case LONG -> Json.NODES.numberNode(parser.getLongValue());
                default -> Json.NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> Json.NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> Json.NODES.booleanNode(true);
            case VALUE_FALSE -> Json.NODES.booleanNode(false);
            case VALUE_NULL -> Json.NODES.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private ObjectNode object(String pointer) throws IOException {
        List<String> keys = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean repeats = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            repeats |= !seen.add(key);
            keys.add(key);
            values.add(value(pointer + "/" + key.replace("~", "~0").replace("/", "~1")));
        }
        List<String> chosen = repeats ? repeated.keysFor(pointer, List.copyOf(keys)) : keys;
        if (chosen.size() != keys.size()) {
            throw new IllegalStateException("keys chosen for " + pointer + " do not match the properties");
        }
        ObjectNode object = Json.object();
        for (int i = 0; i < chosen.size(); i++) {
            object.set(chosen.get(i), values.get(i));
        }
        return object;
    }

    private ArrayNode array(String pointer) throws IOException {
        ArrayNode array = Json.array();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(pointer + "/" + array.size()));
        }
        return array;
    }
}
