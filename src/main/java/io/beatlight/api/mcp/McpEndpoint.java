package io.beatlight.api.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.AccessControl;
import io.beatlight.assistant.AssistantLog;
import io.beatlight.engine.RenderFailedException;
import io.beatlight.engine.ShowEngine;
import io.beatlight.protocol.ClientEvents;
import io.beatlight.protocol.ErrorCode;
import io.beatlight.protocol.IntentException;
import io.beatlight.tools.ShowTools;
import io.beatlight.tools.WriteTools;
import io.beatlight.util.Json;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server at {@code /mcp} (Streamable HTTP, official MCP Java SDK): the assistant's tools for external
 * agents. Writes apply at once (the agent's client confirms on its side), through the same {@link WriteTools} path,
 * and are broadcast to browser clients; every call is logged. The same origin and token rules as {@code /ws}.
 */
public final class McpEndpoint implements AutoCloseable {
    public static final String PATH = "/mcp";

    private final ShowEngine engine;
    private final ClientEvents clients;
    private final AssistantLog log;
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;

    public McpEndpoint(ShowEngine engine, ClientEvents clients, AssistantLog log, String version) {
        this.engine = engine;
        this.clients = clients;
        this.log = log;
        JacksonMcpJsonMapper mapper = new JacksonMcpJsonMapper(Json.MAPPER);
        this.transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(mapper)
                .mcpEndpoint(PATH).keepAliveInterval(Duration.ofSeconds(30)).build();
        List<McpServerFeatures.SyncToolSpecification> tools = ShowTools.DEFINITIONS.stream()
                .map(d -> McpServerFeatures.SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder(d.name(), mapper, Json.write(d.schema()))
                                .description(d.write() ? d.description().replace("Propose ", "")
                                        .replace("Propose", "") + " Applies at once." : d.description())
                                .build())
                        .callHandler((exchange, request) -> call(d, request)).build())
                .toList();
        this.server = McpServer.sync(transport).serverInfo("beatlight", version).jsonMapper(mapper)
                .instructions("Beatlight show control: read the loaded song and rig, then program cues. Times are "
                        + "in seconds; each fixture supports the effects listed by list_fixtures with their "
                        + "parameter schemas.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .requestTimeout(Duration.ofSeconds(30)).tools(tools).build();
    }

    private record Applied(String summary, CompletableFuture<Void> durable) {
    }

    private McpSchema.CallToolResult call(ShowTools.Definition tool, McpSchema.CallToolRequest request) {
        ObjectNode arguments = request.arguments() == null ? Json.object()
                : Json.MAPPER.valueToTree(request.arguments());
        ObjectNode entry = Json.object().put("tool", tool.name());
        entry.set("arguments", arguments);
        try {
            String text;
            if (tool.write()) {
                // applied on the engine thread; this (HTTP) thread then waits until the files are durable and
                // the re-rendered canvas is installed
                Applied applied = engine.submit(() -> {
                    engine.persistence().beginRequest();
                    String summary = WriteTools.apply(engine, tool.name(), arguments);
                    clients.eventToAll("info", "mcp_action_applied", Json.object().put("tool_name", tool.name())
                            .put("summary", summary));
                    clients.requestBroadcast();
                    return new Applied(summary, engine.persistence().requestWrites());
                }).get(30, TimeUnit.SECONDS);
                try {
                    applied.durable().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RenderFailedException) {
                        throw new ExecutionException(new IntentException(ErrorCode.RENDER_FAILED,
                                e.getCause().getMessage() + "; the change is kept, output keeps the previous canvas"));
                    }
                    throw new ExecutionException(new IntentException(ErrorCode.PERSIST_FAILED, "could not save: "
                            + e.getCause().getMessage() + "; the change is kept in memory and the next save retries"));
                }
                text = applied.summary();
            } else {
                text = Json.write(engine.submit(() -> ShowTools.read(engine, tool.name(), arguments))
                        .get(30, TimeUnit.SECONDS));
            }
            log.append("mcp_call", "mcp", null, entry.put("result", text.length() > 2000 ? text.substring(0, 2000)
                    : text));
            return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
        } catch (ExecutionException e) {
            String message = e.getCause() instanceof IntentException ie ? ie.code() + ": " + ie.getMessage()
                    : String.valueOf(e.getCause());
            log.append("mcp_error", "mcp", null, entry.put("error", message));
            return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
        } catch (Exception e) {
            log.append("mcp_error", "mcp", null, entry.put("error", e.toString()));
            return McpSchema.CallToolResult.builder().addTextContent("failed: " + e).isError(true).build();
        }
    }

    /** The servlet to mount at {@link #PATH}: origin and token are checked before the SDK sees the request. */
    public HttpServlet servlet(AccessControl access) {
        return new HttpServlet() {
            @Override
            public void init(ServletConfig config) throws ServletException {
                super.init(config);
                transport.init(config);
            }

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp)
                    throws ServletException, IOException {
                String denied = access.deny(req.getHeader("Origin"), req.getHeader("Host"), req.getLocalPort(),
                        req.getHeader("Authorization"), cookie(req), req.getParameter("token"));
                if (denied != null) {
                    resp.sendError(denied.startsWith("origin") ? 403 : 401, denied);
                    return;
                }
                transport.service(req, resp);
            }
        };
    }

    private static String cookie(HttpServletRequest req) {
        if (req.getCookies() == null) {
            return null;
        }
        for (Cookie c : req.getCookies()) {
            if (AccessControl.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            // shutting down anyway
        }
    }
}
