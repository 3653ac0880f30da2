package io.beatlight.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads JSON files as trees, turning every failure into a message that names the file, line and column. */
public final class JsonFiles {
    private JsonFiles() {
    }

    /** Thrown when a file exists but cannot be read as JSON; the message is meant for users. */
    public static final class JsonFileException extends IOException {
        private final Path path;

        public JsonFileException(Path path, String message, Throwable cause) {
            super(message, cause);
            this.path = path;
        }

        public Path path() {
            return path;
        }
    }

    /** Parses a UTF-8 JSON file. Throws {@link NoSuchFileException} when it is missing. */
    public static JsonNode read(Path path) throws IOException {
        return parse(path, text(path), Json.MAPPER);
    }

    /**
     * Parses a UTF-8 JSON file in which a key may repeat inside one object (hand-edited files; Python's json module
     * accepts them and keeps the last value). {@code repeated} chooses the keys of each such object; everything else
     * fails as {@link #read} does.
     */
    public static JsonNode read(Path path, RepeatedKeys repeated) throws IOException {
        String text = text(path);
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() == null) {
                throw new JsonFileException(path, path + ": empty file, expected JSON", null);
            }
            return new RepeatedKeysTree(parser, repeated).value("");
        } catch (JsonProcessingException e) {
            throw invalid(path, e);
        }
    }

    private static String text(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new JsonFileException(path, path + ": not valid UTF-8", e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static JsonNode parse(Path path, String text, ObjectMapper mapper) throws JsonFileException {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonFileException(path, path + ": empty file, expected JSON", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(path, e);
        }
    }

    private static JsonFileException invalid(Path path, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new JsonFileException(path, path + ": invalid JSON" + where + ": " + e.getOriginalMessage(), e);
    }
}
