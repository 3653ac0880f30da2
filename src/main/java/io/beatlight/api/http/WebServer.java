package io.beatlight.api.http;

import io.beatlight.api.ws.WsEndpoint;
import io.beatlight.util.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.javalin.websocket.WsHandlerType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletMapping;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The HTTP server (Javalin on Jetty) answering the {@link Routes}. */
public final class WebServer implements AutoCloseable {
    private final Javalin app;

    public WebServer(Routes routes) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jetty.threadPool = threadPool();
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(WsEndpoint.HARD_MESSAGE_LIMIT);
                factory.setMaxBinaryMessageSize(64 * 1024);
                factory.setIdleTimeout(Duration.ofMinutes(5));
            });
            // let odd but harmless encodings (%2e%2e, %2f) reach the file routes, which answer 404 themselves
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.LEGACY));
            routes.mountServlets(config);
        });
        routes.install(app);
    }

    /**
     * Jetty's workers: up to 200 while many clients are busy, back to a few once they are idle (after 3 s, up to 32
     * threads per period; Jetty's default keeps them a minute and lets one go at a time), with two reserved threads.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(200, 8, 3_000);
        pool.setMaxEvictCount(32);
        pool.setReservedThreads(2); // few: reserved threads idle on for a minute each
        pool.setName("http");
        return pool;
    }

    public WebServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The address the server listens on. */
    public String host() {
        return Arrays.stream(app.jettyServer().server().getConnectors()).filter(ServerConnector.class::isInstance)
                .map(c -> ((ServerConnector) c).getHost()).findFirst().orElse(null);
    }

    /**
     * Every route the server answers, as registered (not as documented): {@code "GET /peaks/{song}"} for each HTTP
     * handler, {@code "WS /ws"} for each WebSocket endpoint, {@code "SERVLET /mcp"} for each servlet mounted beside
     * Javalin's own. The security tests check every one of them.
     */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        var router = app.unsafeConfig().pvt.internalRouter;
        router.allHttpHandlers().stream().map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod())
                .forEach(e -> routes.add(e.getMethod().name() + " " + e.getPath()));
        router.allWsHandlers().stream().filter(h -> h.getType() == WsHandlerType.WEBSOCKET)
                .forEach(h -> routes.add("WS " + h.getPath()));
        ServletContextHandler context = app.jettyServer().server().getChildHandlerByClass(ServletContextHandler.class);
        for (ServletMapping mapping : context.getServletHandler().getServletMappings()) {
            for (String spec : mapping.getPathSpecs()) {
                if (!spec.equals("/*")) { // Javalin's own servlet, whose routes are listed above
                    routes.add("SERVLET " + spec);
                }
            }
        }
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }
}
