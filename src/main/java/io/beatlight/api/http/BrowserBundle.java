package io.beatlight.api.http;

import io.beatlight.song.SongLibrary;
import io.beatlight.song.WaveformPeaks;
import io.beatlight.util.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** The bundled browser client (classpath {@code /web/}): plain HTML, CSS and ES modules, no build step. */
public final class BrowserBundle {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private BrowserBundle() {
    }

    public static byte[] resource(String name) throws IOException {
        try (InputStream in = BrowserBundle.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IOException("missing web resource " + name);
            }
            return in.readAllBytes();
        }
    }

    /**
     * {@code GET /peaks/<song id>}: the song's waveform overview as JSON
     * {@code {song, per_second, min, max}} (base64 of signed bytes); 404 for an unknown song, 415 when the format
     * cannot be decoded here (the browser then decodes the audio itself).
     */
    public static void peaks(Context ctx, SongLibrary library, WaveformPeaks peaks) {
        String id = ctx.pathParam("song");
        Optional<Path> audio = SongLibrary.isSafeId(id)
                ? library.audioFile(id) : Optional.empty();
        if (audio.isEmpty()) {
            ctx.status(404).result("Not found");
            return;
        }
        WaveformPeaks.Peaks overview;
        try {
            overview = peaks.of(audio.get());
        } catch (IOException | RuntimeException e) {
            ctx.status(415).result("cannot decode " + id + " here: " + e.getMessage());
            return;
        }
        String etag = "\"" + overview.version() + "\"";
        ctx.header("Cache-Control", "no-cache").header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        Base64.Encoder b64 = Base64.getEncoder();
        ctx.json(Json.object().put("song", id).put("per_second", overview.perSecond())
                .put("min", b64.encodeToString(overview.min())).put("max", b64.encodeToString(overview.max())));
    }

    /** {@code GET /}: browsers get the control client; API clients the reference's service message. */
    public static void index(Context ctx) throws IOException {
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html")) {
            ctx.contentType("text/html; charset=utf-8").result(resource("index.html"));
        } else {
            ctx.json(Json.object().put("message", "Beatlight show server"));
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
