package io.beatlight.testutil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.beatlight.util.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for an OpenAI-compatible chat-completions server on 127.0.0.1: {@code POST /v1/chat/completions}
 * answers each request with the next scripted reply, streamed as server-sent events exactly as the real API does
 * ({@code chat.completion.chunk} objects, tool calls split across chunks, {@code data: [DONE]}). It records every
 * request body.
 */
public final class FakeOpenAiServer implements AutoCloseable {
    /** One streamed answer: the SSE data lines, with a pause before each. */
    public record Reply(List<String> dataLines, long pauseMillis, int status) {
    }

    private final HttpServer server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<long[]> timings = new CopyOnWriteArrayList<>();

    public FakeOpenAiServer() throws IOException {
        // like real model servers, send each SSE chunk at once (no Nagle delay between small writes)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public List<JsonNode> requests() {
        return requests;
    }

    /** Per request: nanoTime when it arrived and when its first content chunk was flushed. */
    public List<long[]> timings() {
        return timings;
    }

    public FakeOpenAiServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    private static ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = Json.object().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "fake-model");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** A text answer streamed in the given pieces. */
    public static Reply text(long pauseMillis, String... pieces) {
        List<String> lines = new ArrayList<>();
        lines.add(Json.write(chunk(Json.object().put("role", "assistant").put("content", ""), null)));
        for (String piece : pieces) {
            lines.add(Json.write(chunk(Json.object().put("content", piece), null)));
        }
        lines.add(Json.write(chunk(Json.object(), "stop")));
        lines.add("[DONE]");
        return new Reply(lines, pauseMillis, 200);
    }

    /** One tool call whose arguments arrive in three pieces, as the API streams them. */
    public static Reply toolCall(String name, String argumentsJson) {
        List<String> lines = new ArrayList<>();
        ObjectNode first = Json.object().put("role", "assistant");
        first.putNull("content");
        ArrayNode calls = first.putArray("tool_calls");
        calls.addObject().put("index", 0).put("id", "call_" + name).put("type", "function").putObject("function")
                .put("name", name).put("arguments", "");
        lines.add(Json.write(chunk(first, null)));
        int n = argumentsJson.length();
        for (String part : new String[] {argumentsJson.substring(0, n / 3), argumentsJson.substring(n / 3, 2 * n / 3),
                argumentsJson.substring(2 * n / 3)}) {
            ObjectNode delta = Json.object();
            delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", part);
            lines.add(Json.write(chunk(delta, null)));
        }
        lines.add(Json.write(chunk(Json.object(), "tool_calls")));
        lines.add("[DONE]");
        return new Reply(lines, 0, 200);
    }

    /** Lines that are not chat-completions JSON. */
    public static Reply garbage() {
        return new Reply(List.of("this is not json", "{\"choices\": 12}", "[DONE]"), 0, 200);
    }

    /** Accepts the request and never answers. */
    public static Reply hang() {
        return new Reply(List.of(), 60_000, 200);
    }

    public static Reply httpError(int status) {
        return new Reply(List.of("{\"error\":{\"message\":\"model exploded\",\"type\":\"server_error\"}}"), 0, status);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        long[] timing = {arrived, 0};
        timings.add(timing);
        try (exchange) {
            requests.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            Reply reply = replies.poll(5, TimeUnit.SECONDS);
            if (reply == null) {
                reply = text(0, "(no scripted reply)");
            }
            if (reply.status() != 200) {
                byte[] body = reply.dataLines().get(0).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            if (reply.dataLines().isEmpty()) {
                Thread.sleep(reply.pauseMillis());
                return;
            }
            for (String line : reply.dataLines()) {
                if (reply.pauseMillis() > 0) {
                    Thread.sleep(reply.pauseMillis());
                }
                out.write(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (timing[1] == 0 && line.contains("\"content\":\"") && !line.contains("\"content\":\"\"")) {
                    timing[1] = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (a cancel): fine
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
