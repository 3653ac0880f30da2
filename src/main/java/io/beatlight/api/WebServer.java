package io.beatlight.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: the /ws control plane, health, and the routes other parts add. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    /** Frames above this size are refused by Jetty itself (close 1009); smaller oversize ones get an error reply. */
    static final int HARD_MESSAGE_LIMIT = 16 << 20;

    private final Javalin app;
    private final ProtocolHandler protocol;
    private final Map<String, ClientConnection> connections = new ConcurrentHashMap<>();

    public WebServer(ProtocolHandler protocol, Supplier<ObjectNode> health, Consumer<Javalin> extraRoutes,
                     Consumer<io.javalin.config.JavalinConfig> extraConfig) {
        this.protocol = protocol;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new io.javalin.json.JavalinJackson(io.beatlight.util.Json.MAPPER, false));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(HARD_MESSAGE_LIMIT);
                factory.setMaxBinaryMessageSize(64 * 1024);
                factory.setIdleTimeout(Duration.ofMinutes(5));
            });
            // let odd but harmless encodings (%2e%2e, %2f) reach the file routes, which answer 404 themselves
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                    org.eclipse.jetty.http.UriCompliance.LEGACY));
            extraConfig.accept(config);
        });
        app.ws("/ws", ws -> {
            ws.onConnect(ctx -> {
                ctx.enableAutomaticPings(30, TimeUnit.SECONDS);
                ClientConnection connection = new ClientConnection(new JettyOutbound(ctx.session));
                connections.put(ctx.sessionId(), connection);
                protocol.opened(connection);
            });
            ws.onMessage(ctx -> {
                ClientConnection connection = connections.get(ctx.sessionId());
                if (connection != null) {
                    protocol.received(connection, ctx.message());
                }
            });
            ws.onBinaryMessage(ctx -> ctx.closeSession(1003, "binary frames are not supported; send JSON text"));
            ws.onClose(ctx -> closed(ctx));
            ws.onError(ctx -> {
                LOG.debug("WebSocket error from {}: {}", ctx.session.getRemoteAddress(), String.valueOf(ctx.error()));
                closed(ctx);
            });
        });
        app.get("/healthz", ctx -> ctx.json(health.get()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                .json(io.beatlight.util.Json.object().set("error", io.beatlight.util.Json.object()
                        .put("code", e.getStatus() == 401 ? "unauthorized" : e.getStatus() == 403 ? "forbidden"
                                : "http_" + e.getStatus())
                        .put("message", e.getMessage()))));
        extraRoutes.accept(app);
    }

    private void closed(WsContext ctx) {
        ClientConnection connection = connections.remove(ctx.sessionId());
        if (connection != null) {
            protocol.closed(connection);
        }
    }

    public WebServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public Javalin javalin() {
        return app;
    }

    @Override
    public void close() {
        app.stop();
    }
}
