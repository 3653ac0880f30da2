package io.beatlight.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.ws.WsEndpoint;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: the /ws control plane, health, and the routes other parts add. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    public WebServer(WsEndpoint ws, Supplier<ObjectNode> health, Consumer<Javalin> extraRoutes,
                     Consumer<io.javalin.config.JavalinConfig> extraConfig) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new io.javalin.json.JavalinJackson(io.beatlight.util.Json.MAPPER, false));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(WsEndpoint.HARD_MESSAGE_LIMIT);
                factory.setMaxBinaryMessageSize(64 * 1024);
                factory.setIdleTimeout(Duration.ofMinutes(5));
            });
            // let odd but harmless encodings (%2e%2e, %2f) reach the file routes, which answer 404 themselves
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(
                    org.eclipse.jetty.http.UriCompliance.LEGACY));
            extraConfig.accept(config);
        });
        app.ws(WsEndpoint.PATH, ws::configure);
        app.get("/healthz", ctx -> ctx.json(health.get()));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                .json(io.beatlight.util.Json.object().set("error", io.beatlight.util.Json.object()
                        .put("code", e.getStatus() == 401 ? "unauthorized" : e.getStatus() == 403 ? "forbidden"
                                : "http_" + e.getStatus())
                        .put("message", e.getMessage()))));
        extraRoutes.accept(app);
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
