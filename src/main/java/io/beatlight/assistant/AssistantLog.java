package io.beatlight.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.util.Json;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every assistant interaction as one JSON object per line (prompts, replies, tool calls, proposals, decisions,
 * errors) so a session can be replayed later. Appends only; a failing disk never fails a request.
 */
public final class AssistantLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AssistantLog.class);
    private final Path file;
    private Writer out;

    public AssistantLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code {ts, kind, client, request_id, ...fields}}. */
    public synchronized void append(String kind, String client, String requestId, ObjectNode fields) {
        ObjectNode line = Json.object().put("ts", Instant.now().toString()).put("kind", kind).put("client", client)
                .put("request_id", requestId);
        if (fields != null) {
            line.setAll(fields);
        }
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(Json.MAPPER.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            LOG.warn("Cannot write the assistant log {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debug("closing the assistant log", e);
            }
            out = null;
        }
    }
}
