package io.beatlight.util;

import com.fasterxml.jackson.core.JsonLocation;
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
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(path, text, Json.MAPPER);
    }

    static JsonNode parse(Path path, String text, ObjectMapper mapper) throws JsonFileException {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new JsonFileException(path, path + ": empty file, expected JSON", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new JsonFileException(path, path + ": invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
    }
}
