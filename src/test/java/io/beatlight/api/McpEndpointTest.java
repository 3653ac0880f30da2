package io.beatlight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.beatlight.BeatlightServer;
import io.beatlight.testutil.ArtNetReceiver;
import io.beatlight.testutil.TestServer;
import io.beatlight.testutil.WsTestClient;
import io.beatlight.util.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** /mcp with the official MCP Java SDK's client: list tools, read the song, add a cue a browser client then sees. */
@Tag("server")
class McpEndpointTest {
    @TempDir
    Path dir;

    static McpSyncClient client(int port, String token) {
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + port).endpoint("/mcp")
                .jsonMapper(new JacksonMcpJsonMapper(Json.MAPPER));
        if (token != null) {
            transport.requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token));
        }
        return McpClient.sync(transport.build()).requestTimeout(Duration.ofSeconds(20))
                .clientInfo(McpSchema.Implementation.builder("beatlight-test", "1").build()).build();
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @Test
    void anAgentReadsTheShowAndAddsACueThatBrowsersSee() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port());
             WsTestClient browser = WsTestClient.connect(server.port())) {
            browser.firstSnapshot();
            McpSyncClient mcp = client(server.port(), null);
            try {
                mcp.initialize();
                List<String> names = mcp.listTools().tools().stream().map(McpSchema.Tool::name).toList();
                assertThat(names).contains("song_overview", "list_fixtures", "cues_in_window", "rendered_output",
                        "add_cues", "replace_cues_in_window", "apply_chaser");

                McpSchema.CallToolResult overview = mcp.callTool(call("song_overview", Map.of()));
                JsonNode song = Json.MAPPER.readTree(text(overview));
                assertThat(song.get("song").asText()).isEqualTo("Beatlight Demo");
                assertThat(song.get("bpm").asDouble()).isEqualTo(120.0);
                assertThat(song.get("sections").size()).isEqualTo(6);

                int from = browser.received();
                McpSchema.CallToolResult added = mcp.callTool(call("add_cues", Map.of(
                        "entries", List.of(Map.of("time", 33.333, "fixture_id", "par_3", "effect", "strobe",
                                "duration", 1.5, "data", Map.of("rate", 7))))));
                assertThat(added.isError()).isFalse();
                assertThat(text(added)).contains("strobe to par_3 at 33.333s");
                browser.awaitFrom(from, m -> "patch".equals(m.path("type").asText())
                        && m.toString().contains("33.333"), Duration.ofSeconds(5));
                browser.awaitEvent("mcp_action_applied");
                assertThat(Files.readString(dir.resolve("cues/Beatlight Demo.json"))).contains("33.333");

                // bad arguments: an error result, nothing changes
                McpSchema.CallToolResult bad = mcp.callTool(call("add_cues", Map.of(
                        "entries", List.of(Map.of("time", 1, "fixture_id", "ghost", "effect", "flash")))));
                assertThat(bad.isError()).isTrue();
                assertThat(text(bad)).contains("ghost");
            } finally {
                mcp.closeGracefully();
            }
            assertThat(Files.readString(dir.resolve("logs/assistant.jsonl"))).contains("mcp_call");
        }
    }

    @Test
    void theSameOriginAndTokenRulesAsTheWebSocket() throws Exception {
        try (ArtNetReceiver receiver = new ArtNetReceiver();
             BeatlightServer server = TestServer.start(dir, receiver.port(), "--token", "s3cret")) {
            HttpClient http = HttpClient.newHttpClient();
            String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}";
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/mcp");
            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(uri).header("Content-Type",
                    "application/json").header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(init)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri).header("Content-Type",
                    "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer s3cret").header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString(init)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).isEqualTo(403);
            McpSyncClient mcp = client(server.port(), "s3cret");
            try {
                mcp.initialize();
                assertThat(mcp.listTools().tools()).isNotEmpty();
            } finally {
                mcp.closeGracefully();
            }
        }
    }

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> arguments) {
        return McpSchema.CallToolRequest.builder(tool).arguments(arguments).build();
    }
}
