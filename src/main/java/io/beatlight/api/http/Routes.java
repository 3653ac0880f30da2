package io.beatlight.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beatlight.api.AccessControl;
import io.beatlight.api.mcp.McpEndpoint;
import io.beatlight.api.ws.WsEndpoint;
import io.beatlight.engine.ShowFolders;
import io.beatlight.song.SongLibrary;
import io.beatlight.song.WaveformPeaks;
import io.beatlight.util.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.Supplier;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Every route the server answers, in one place (docs/protocol.md#http-routes). The Host check runs before every
 * one of them; the token check before all except {@code /healthz}; {@code /mcp} is a servlet, mounted on Jetty
 * directly, with the same checks.
 */
public final class Routes {
    private final AccessControl access;
    private final WsEndpoint ws;
    private final McpEndpoint mcp;
    private final ShowFolders folders;
    private final String corsOrigin;
    private final Supplier<ObjectNode> health;

    public Routes(AccessControl access, WsEndpoint ws, McpEndpoint mcp, ShowFolders folders, String corsOrigin,
                  Supplier<ObjectNode> health) {
        this.access = access;
        this.ws = ws;
        this.mcp = mcp;
        this.folders = folders;
        this.corsOrigin = corsOrigin;
        this.health = health;
    }

    /** Routes that are servlets rather than Javalin handlers. */
    void mountServlets(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> {
            handler.addFilter(new FilterHolder(access.hostFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
            ServletHolder holder = new ServletHolder(mcp.servlet(access));
            holder.setAsyncSupported(true);
            handler.addServlet(holder, McpEndpoint.PATH);
        });
    }

    void install(Javalin app) {
        access.install(app);
        app.ws(WsEndpoint.PATH, ws::configure);
        app.get("/healthz", ctx -> ctx.json(health.get()));
        app.get("/", BrowserBundle::index);
        app.get("/app/<file>", BrowserBundle::serve);
        StaticFiles.register(app, "/songs", folders::songs, corsOrigin);
        StaticFiles.register(app, "/meta", folders::meta, corsOrigin);
        SongLibrary library = new SongLibrary(folders.songs());
        WaveformPeaks peaks = new WaveformPeaks();
        app.get("/peaks/{song}", ctx -> BrowserBundle.peaks(ctx, library, peaks));
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus())
                .json(Json.object().set("error", Json.object().put("code", errorCode(e.getStatus()))
                        .put("message", e.getMessage()))));
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> "http_" + status;
        };
    }
}
