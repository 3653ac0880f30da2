package io.beatlight.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The bundled browser client (classpath {@code /web/}): plain HTML, CSS and ES modules, no build step. */
public final class WebClient {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private WebClient() {
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = WebClient.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IOException("missing web resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /** {@code GET /app/<file>}: only plain file names of the bundled client. */
    public static void serve(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || !name.matches("[A-Za-z0-9_-]+\\.[a-z]+")) {
            ctx.status(404).result("Not found");
            return;
        }
        try {
            ctx.header("Cache-Control", "no-cache").contentType(type).result(resource(name));
        } catch (IOException e) {
            ctx.status(404).result("Not found");
        }
    }
}
