package io.beatlight.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The security baseline: browsers from foreign origins may not open /ws (a page on another site could otherwise
 * drive the lights through the user's browser), and when an access token is configured every route but /healthz
 * requires it — as a Bearer header, a {@code token} query parameter or the {@code beatlight_token} cookie.
 */
public final class AccessControl {
    public static final String COOKIE = "beatlight_token";

    private final Optional<byte[]> token;
    private final List<String> allowedOrigins;

    public AccessControl(Optional<String> token, List<String> allowedOrigins) {
        this.token = token.filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.allowedOrigins = allowedOrigins.stream().map(AccessControl::normalizeOrigin).toList();
    }

    public void install(Javalin app) {
        app.wsBeforeUpgrade("/ws", ctx -> {
            if (!originAllowed(ctx.header("Origin"), ctx.header("Host"), ctx.req().getLocalPort())) {
                throw new ForbiddenResponse("WebSocket connections from origin " + ctx.header("Origin")
                        + " are not allowed; add it with --allowed-origins");
            }
            requireToken(ctx, false);
        });
        app.before(ctx -> {
            if (ctx.path().equals("/healthz") || ctx.path().equals("/ws")) {
                return;
            }
            requireToken(ctx, true);
        });
    }

    private void requireToken(Context ctx, boolean rememberInCookie) {
        if (token.isEmpty()) {
            return;
        }
        String fromQuery = ctx.queryParam("token");
        String header = ctx.header("Authorization");
        String fromHeader = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        String fromCookie = ctx.cookie(COOKIE);
        if (matches(fromHeader) || matches(fromCookie)) {
            return;
        }
        if (matches(fromQuery)) {
            if (rememberInCookie) {
                ctx.header("Set-Cookie", COOKIE + "=" + fromQuery + "; Path=/; HttpOnly; SameSite=Strict");
            }
            return;
        }
        throw new UnauthorizedResponse("a valid access token is required");
    }

    /**
     * For endpoints outside Javalin's handlers (the MCP servlet): null when the request may proceed, else why not
     * ("origin …" → 403, "token …" → 401).
     */
    public String deny(String origin, String host, int localPort, String authorization, String cookie, String query) {
        if (!originAllowed(origin, host, localPort)) {
            return "origin " + origin + " is not allowed; add it with --allowed-origins";
        }
        if (token.isEmpty()) {
            return null;
        }
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return matches(bearer) || matches(cookie) || matches(query) ? null : "token: a valid access token is required";
    }

    private boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.get());
    }

    /**
     * No Origin (not a browser), same origin as the Host header, this server on localhost, or an allow-listed origin.
     */
    boolean originAllowed(String origin, String host, int localPort) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String normalized = normalizeOrigin(origin);
        if (allowedOrigins.contains("*") || allowedOrigins.contains(normalized)) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(normalized);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !(("http".equals(uri.getScheme())) || "https".equals(uri.getScheme()))) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        String originHostPort = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        if (host != null) {
            String h = host.toLowerCase(Locale.ROOT);
            String hostWithPort = h.matches(".*:\\d+$") && !h.endsWith("]") ? h : h + ":80";
            if (originHostPort.equals(hostWithPort)) {
                return true;
            }
        }
        return port == localPort && List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost()
                .toLowerCase(Locale.ROOT));
    }

    private static String normalizeOrigin(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
